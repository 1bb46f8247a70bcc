/**
 * DNS: ConnectionRoute 53 records (changed through the API, visible everywhere once the change is INSYNC,
 * `route53PropagationMs` later) and the records AWS services manage themselves (RDS cluster and
 * instance endpoints, visible at once, TTL 5 s). Clients resolve through a `DnsResolver` that
 * caches each answer for its TTL, so a client keeps reaching the old writer until its cached
 * cluster-endpoint answer expires — the client-visible half of a failover.
 */
import type { OperationHandlers } from "../api/cloud-api";
import type { ChangeInfo, RecordType, ResourceRecordSet } from "../api/misc-types";
import type { CloudContext } from "../cloud-context";
import { type CloudResult, fail, ok } from "../cloud-result";

interface RecordVersion {
  /** Empty once deleted. */
  readonly values: readonly string[];
  readonly ttlMs: number;
  readonly visibleFromMs: number;
}

interface RecordEntry {
  readonly name: string;
  readonly type: RecordType;
  readonly hostedZoneId: string;
  /** Versions, oldest first; the newest visible one answers. */
  versions: RecordVersion[];
}

/** An answer as a client sees it. */
export type DnsAnswer =
  | {
      readonly ok: true;
      /** The last name of the CNAME chain (e.g. the instance endpoint the cluster endpoint pointed at). */
      readonly host: string;
      /** The A record's value, when the chain ends in one. */
      readonly address?: string;
      /** Names followed, first to last. */
      readonly chain: readonly string[];
      /** True when every hop came from the client's cache. */
      readonly fromCache: boolean;
      /** When the first hop's cached answer expires. */
      readonly expiresAtMs: number;
    }
  | { readonly ok: false; readonly error: "NXDOMAIN" };

const VERSIONS_MAX = 8;
const CHAIN_MAX = 8;

export class DnsService {
  private readonly records = new Map<string, RecordEntry>();
  private readonly hostedZones = new Set<string>();
  private readonly changes = new Map<string, { readonly id: string; readonly submittedAt: number; readonly insyncAt: number }>();
  private readonly random;

  constructor(private readonly ctx: CloudContext) {
    this.random = ctx.random.fork("dns");
  }

  addHostedZone(id: string): void {
    this.hostedZones.add(id);
  }

  /** A record managed by an AWS service (RDS endpoints): visible at once. */
  setManaged(name: string, type: RecordType, values: readonly string[], ttlMs: number, hostedZoneId = "aws-managed"): void {
    const last = this.latest(this.records.get(key(name, type)));
    if (last && last.ttlMs === ttlMs && last.values.join(",") === values.join(",")) return;
    this.write(hostedZoneId, name, type, { values, ttlMs, visibleFromMs: this.ctx.nowMs });
  }

  /** The record as the authoritative servers answer now. */
  lookup(name: string): { readonly type: RecordType; readonly values: readonly string[]; readonly ttlMs: number } | undefined {
    for (const type of ["CNAME", "A", "AAAA", "TXT"] as const) {
      const v = this.visible(this.records.get(key(name, type)));
      if (v && v.values.length > 0) return { type, values: v.values, ttlMs: v.ttlMs };
    }
    return undefined;
  }

  /** A caching resolver for one client (each client process has its own cache). */
  resolver(): DnsResolver {
    return new DnsResolver(this, () => this.ctx.nowMs);
  }

  operations(): Pick<OperationHandlers, "ChangeResourceRecordSets" | "GetChange" | "ListResourceRecordSets"> {
    return {
      ChangeResourceRecordSets: (r) => this.change(r.HostedZoneId, r.ChangeBatch.Changes),
      GetChange: (r) => {
        const c = this.changes.get(r.Id);
        return c ? ok({ ChangeInfo: this.info(c) }) : fail("NoSuchChange", `A change with the specified change ID does not exist: ${r.Id}`);
      },
      ListResourceRecordSets: (r) => {
        if (!this.hostedZones.has(r.HostedZoneId)) return fail("NoSuchHostedZone", `No hosted zone found with ID: ${r.HostedZoneId}`);
        const sets: ResourceRecordSet[] = [];
        for (const e of this.records.values()) {
          const v = this.visible(e);
          if (e.hostedZoneId === r.HostedZoneId && v && v.values.length > 0)
            sets.push({
              Name: e.name,
              Type: e.type,
              TTL: Math.floor(v.ttlMs / 1000),
              ResourceRecords: v.values.map((Value) => ({ Value })),
            });
        }
        return ok({ ResourceRecordSets: sets });
      },
    };
  }

  private change(
    hostedZoneId: string,
    changes: readonly { readonly Action: "CREATE" | "UPSERT" | "DELETE"; readonly ResourceRecordSet: ResourceRecordSet }[],
  ): CloudResult<{ readonly ChangeInfo: ChangeInfo }> {
    if (!this.hostedZones.has(hostedZoneId)) return fail("NoSuchHostedZone", `No hosted zone found with ID: ${hostedZoneId}`);
    for (const c of changes) {
      const current = this.latest(this.records.get(key(c.ResourceRecordSet.Name, c.ResourceRecordSet.Type)));
      const exists = current !== undefined && current.values.length > 0;
      if (c.Action === "CREATE" && exists)
        return fail(
          "InvalidChangeBatch",
          `Tried to create resource record set ${c.ResourceRecordSet.Name} type ${c.ResourceRecordSet.Type} but it already exists`,
        );
      if (c.Action === "DELETE" && !exists)
        return fail(
          "InvalidChangeBatch",
          `Tried to delete resource record set ${c.ResourceRecordSet.Name} type ${c.ResourceRecordSet.Type} but it was not found`,
        );
      if (c.Action !== "DELETE" && (!Number.isInteger(c.ResourceRecordSet.TTL) || c.ResourceRecordSet.TTL < 0))
        return fail("InvalidChangeBatch", `TTL must be an integer number of seconds ≥ 0, got ${c.ResourceRecordSet.TTL}`);
    }
    const now = this.ctx.nowMs;
    const insyncAt = now + this.ctx.draw(this.random, this.ctx.profile.route53PropagationMs);
    const id = this.ctx.ids.seq("change");
    const record = { id, submittedAt: now, insyncAt };
    this.changes.set(id, record);
    for (const c of changes) {
      const rs = c.ResourceRecordSet;
      const values = c.Action === "DELETE" ? [] : rs.ResourceRecords.map((r) => r.Value);
      this.write(hostedZoneId, rs.Name, rs.Type, { values, ttlMs: rs.TTL * 1000, visibleFromMs: insyncAt });
    }
    return ok({ ChangeInfo: this.info(record) });
  }

  private write(hostedZoneId: string, name: string, type: RecordType, version: RecordVersion): void {
    const k = key(name, type);
    const entry = this.records.get(k) ?? { name: normal(name), type, hostedZoneId, versions: [] };
    entry.versions = [...entry.versions, version].slice(-VERSIONS_MAX);
    this.records.set(k, entry);
    this.ctx.note(
      "dns",
      normal(name),
      `${type} ${version.values.length ? version.values.join(",") : "deleted"} ttl=${version.ttlMs}ms visible-at=${version.visibleFromMs}`,
    );
  }

  private info(c: { readonly id: string; readonly submittedAt: number; readonly insyncAt: number }): ChangeInfo {
    return { Id: c.id, Status: this.ctx.nowMs >= c.insyncAt ? "INSYNC" : "PENDING", SubmittedAt: c.submittedAt };
  }

  private visible(e: RecordEntry | undefined): RecordVersion | undefined {
    if (!e) return undefined;
    const now = this.ctx.nowMs;
    for (let i = e.versions.length - 1; i >= 0; i--) {
      const v = e.versions[i] as RecordVersion;
      if (v.visibleFromMs <= now) return v;
    }
    return undefined;
  }

  private latest(e: RecordEntry | undefined): RecordVersion | undefined {
    return e?.versions.at(-1);
  }
}

/** One client's resolver: answers are cached per name for the record's TTL. */
export class DnsResolver {
  private readonly cache = new Map<
    string,
    { readonly type: RecordType; readonly values: readonly string[]; readonly expiresAtMs: number }
  >();

  constructor(
    private readonly dns: DnsService,
    private readonly now: () => number,
  ) {}

  resolve(name: string): DnsAnswer {
    const chain: string[] = [];
    let host = normal(name);
    let fromCache = true;
    let firstExpiry = Number.POSITIVE_INFINITY;
    for (let hop = 0; hop < CHAIN_MAX; hop++) {
      chain.push(host);
      const now = this.now();
      let answer = this.cache.get(host);
      if (!answer || answer.expiresAtMs <= now) {
        const fresh = this.dns.lookup(host);
        if (!fresh) {
          if (hop === 0) return { ok: false, error: "NXDOMAIN" };
          return { ok: true, host, chain, fromCache, expiresAtMs: firstExpiry };
        }
        answer = { type: fresh.type, values: fresh.values, expiresAtMs: now + fresh.ttlMs };
        this.cache.set(host, answer);
        fromCache = false;
      }
      if (hop === 0) firstExpiry = answer.expiresAtMs;
      if (answer.type !== "CNAME")
        return { ok: true, host, address: answer.values[0] as string, chain, fromCache, expiresAtMs: firstExpiry };
      host = normal(answer.values[0] as string);
    }
    return { ok: true, host, chain, fromCache, expiresAtMs: firstExpiry };
  }

  /** Forgets every cached answer (a client restart). */
  flush(): void {
    this.cache.clear();
  }
}

function normal(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

function key(name: string, type: RecordType): string {
  return `${normal(name)}|${type}`;
}

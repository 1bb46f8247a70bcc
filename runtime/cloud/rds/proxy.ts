/**
 * RDS Proxy: a stable endpoint in front of a cluster's writer. It watches the cluster itself
 * instead of waiting for DNS, so it routes to a new writer `proxyTargetSwitchMs` after a failover
 * completes, and client connections to the proxy stay open across the switch (requests in between
 * wait and fail with a retryable error if the caller gives up).
 */
import type { Random } from "../../sim/ports";
import type { OperationHandlers } from "../api/cloud-api";
import type { DBProxyTarget } from "../api/rds-types";
import type { CloudContext } from "../cloud-context";
import { fail, ok } from "../cloud-result";
import type { DnsService } from "../net/dns";
import type { DbInstanceRecord } from "./rds-records";
import type { RdsService } from "./rds-service";

export interface ProxyRecord {
  readonly name: string;
  readonly address?: string;
  readonly clusterId: string;
  readonly endpoint: string;
  /** The instance the proxy sends writes to now; undefined while it has none. */
  target: DbInstanceRecord | undefined;
}

export class ProxyService {
  private readonly proxies = new Map<string, ProxyRecord>();
  private readonly random: Random;

  constructor(
    private readonly ctx: CloudContext,
    private readonly rds: RdsService,
    private readonly dns: DnsService,
  ) {
    this.random = ctx.random.fork("proxy");
    rds.onWriterChange((clusterId, writer) => {
      for (const p of this.proxies.values()) if (p.clusterId === clusterId) this.follow(p, writer);
    });
  }

  add(spec: { readonly name: string; readonly clusterId: string; readonly address?: string }): ProxyRecord {
    const c = this.rds.clusters.get(spec.clusterId);
    if (!c) throw new RangeError(`proxy ${spec.name}: no DB cluster "${spec.clusterId}"`);
    const p: ProxyRecord = {
      name: spec.name,
      ...(spec.address !== undefined ? { address: spec.address } : {}),
      clusterId: spec.clusterId,
      endpoint: `${spec.name}.proxy-mock.${this.ctx.region}.rds.amazonaws.com`,
      target: this.rds.writerAvailable(c),
    };
    this.proxies.set(p.name, p);
    // The proxy endpoint resolves to the proxy itself, whichever instance it routes to.
    this.dns.setManaged(p.endpoint, "A", [`proxy:${p.name}`], this.ctx.profile.rdsEndpointTtlMs);
    this.ctx.note("proxy", p.name, `cluster=${p.clusterId} target=${p.target?.id ?? "-"}`);
    return p;
  }

  get(name: string): ProxyRecord | undefined {
    return this.proxies.get(name);
  }

  /** The proxy whose endpoint is `host`, if any. */
  byEndpoint(host: string): ProxyRecord | undefined {
    return [...this.proxies.values()].find((p) => p.endpoint === host);
  }

  list(): ProxyRecord[] {
    return [...this.proxies.values()];
  }

  operations(): Pick<OperationHandlers, "DescribeDBProxyTargets"> {
    return {
      DescribeDBProxyTargets: (r) => {
        const p = this.proxies.get(r.DBProxyName);
        if (!p) return fail("DBProxyNotFoundFault", `DB proxy ${r.DBProxyName} not found.`);
        const c = this.rds.clusters.get(p.clusterId);
        const targets: DBProxyTarget[] = c
          ? this.rds.members(c).map((i) => ({
              RdsResourceId: i.id,
              Type: "RDS_INSTANCE",
              Role: i.id === c.writer ? "READ_WRITE" : "READ_ONLY",
              TargetHealth: { State: i.status === "available" ? "AVAILABLE" : "UNAVAILABLE" },
            }))
          : [];
        return ok({ Targets: targets });
      },
    };
  }

  private follow(p: ProxyRecord, writer: DbInstanceRecord | undefined): void {
    if (!writer) {
      if (p.target) this.ctx.note("proxy", p.name, `target=- (writer ${p.target.id} unavailable; connections held)`);
      p.target = undefined;
      return;
    }
    const d = this.ctx.draw(this.random, this.ctx.profile.proxyTargetSwitchMs);
    this.ctx.env.timers.after(d, `proxy-switch ${p.name}`, () => {
      const c = this.rds.clusters.get(p.clusterId);
      const now = c ? this.rds.writerAvailable(c) : undefined;
      if (now !== writer || p.target === writer) return;
      p.target = writer;
      this.ctx.note("proxy", p.name, `target=${writer.id} az=${writer.az}`);
      this.rds.noteClientSwitch(p.clusterId, this.ctx.nowMs);
    });
  }
}

/**
 * Clients of an ElastiCache (Valkey, Redis OSS) replication group, through its primary endpoint.
 * Each tick, clients in the group's zones send writes (each a new value of the shard's key) and
 * reads. A client resolves the primary endpoint and keeps the answer `elasticacheEndpointTtlMs`;
 * the node it reaches answers as what it is: a primary acknowledges a write as soon as it holds it
 * (replication is asynchronous), a replica refuses writes with READONLY, a lost node does not
 * answer and the request times out. Replicas apply the primary's writes `elasticacheReplicationLagMs`
 * behind. When ElastiCache promotes a replica, the endpoint's DNS record follows it
 * `elasticacheDnsUpdateMs` later. Time, randomness and scheduling all come from the simulator's ports.
 *
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html (promotion, DNS)
 * https://repost.aws/knowledge-center/elasticache-correct-readonly-error (stale DNS → READONLY)
 */
import type { ElastiCacheService, PrimaryChange } from "../cloud/elasticache";
import { drawMs, type TimingProfile } from "../cloud/timing-profile";
import type { ZoneService } from "../cloud/zones";
import type { Env, Random } from "../sim/ports";
import { ratio } from "../sim/ratio";
import { ClientHistory } from "./history";
import { ShardData } from "./shard-data";

const HALF = ratio(1, 2);
/** Requests per tick over all clients. */
const REQUESTS_PER_TICK = 2;
/** Tick of the realistic profile, ms (divided like every duration by the profile's divisor). */
const TICK_MS = 100;

export interface ShardSpec {
  readonly id: string;
  readonly nodes: readonly string[];
  readonly primary: string;
}

export interface ReplicationGroupSpec {
  /** The group's plan address (its id without one). */
  readonly group: string;
  readonly shards: readonly ShardSpec[];
  /** Zones clients run in: one client per zone. */
  readonly clientZones: readonly string[];
}

/** Test-only planted bugs, each one a checker must catch. */
export interface ReplicationGroupMutants {
  /** Replicas never apply the primary's writes. */
  readonly replicaStopsApplying?: boolean;
  /** A write a replica refused with READONLY is passed on to the primary anyway. */
  readonlyWritesLeak?: boolean;
}

/** A promotion and when the endpoint's DNS record followed it. */
export interface FailoverSeen extends PrimaryChange {
  readonly term: number;
  dnsUpdatedAtMs?: number;
}

interface ShardState {
  readonly spec: ShardSpec;
  readonly data: ShardData;
  /** The node the primary endpoint's DNS record names. */
  endpoint: string;
  term: number;
}

export class ReplicationGroupWorkload {
  readonly history = new ClientHistory();
  readonly failovers: FailoverSeen[] = [];
  /** The replication lag bound: no replica trails the primary by more while both serve. */
  readonly lagBoundMs: number;
  private readonly shards = new Map<string, ShardState>();
  private readonly termOf = new Map<string, number>();
  private readonly clientDns = new Map<string, { readonly target: string; readonly expiresAtMs: number }>();
  private readonly appliedUpTo = new Map<string, number>();
  private readonly random: Random;
  private readonly tickMs: number;
  private readonly ttlMs: number;
  private readonly timeoutMs: number;
  private nextWrite = 1;

  constructor(
    private readonly env: Env,
    private readonly cache: ElastiCacheService,
    private readonly zones: ZoneService,
    private readonly profile: TimingProfile,
    readonly spec: ReplicationGroupSpec,
    private readonly mutants: ReplicationGroupMutants = {},
  ) {
    this.random = env.random.fork(`replication-group/${spec.group}`);
    this.tickMs = Math.max(1, Math.floor(TICK_MS / profile.scenarioTimeDivisor));
    this.ttlMs = profile.elasticacheEndpointTtlMs;
    this.timeoutMs = profile.elasticacheClientTimeoutMs;
    this.lagBoundMs = profile.elasticacheReplicationLagMs.maxMs + this.tickMs;
    for (const s of spec.shards) {
      this.shards.set(s.id, { spec: s, data: new ShardData(s.nodes), endpoint: s.primary, term: 1 });
      this.termOf.set(s.primary, 1);
    }
  }

  /** Starts the clients and replication, and follows the group's promotions. */
  start(): void {
    this.cache.rankReplicasWith((group, shard, candidates) => {
      const s = group === this.spec.group ? this.shards.get(shard) : undefined;
      if (!s) return undefined;
      // "ElastiCache chooses the replica with the least replication lag (that is, the one that is most current)".
      let best: string | undefined;
      for (const c of candidates) if (best === undefined || s.data.length(c) > s.data.length(best)) best = c;
      return best;
    });
    this.cache.onPrimaryChange((c) => this.promoted(c));
    this.cache.onNodeChange((node, up) => {
      if (!up) return;
      for (const s of this.shards.values()) {
        if (!s.spec.nodes.includes(node)) continue;
        // A primary back without a failover lost its memory; its replicas then clear theirs too.
        if (this.cache.node(node)?.role === "primary") s.data.wipe(node);
      }
    });
    this.env.timers.every(this.tickMs, "replication-group-tick", () => this.tick(), { background: true });
  }

  /** The shard's data, as the recovery measures read it at the end. */
  dataOf(shard: string): ShardData | undefined {
    return this.shards.get(shard)?.data;
  }

  /** The node holding the shard's primary role now. */
  primaryOf(shard: string): string | undefined {
    const s = this.shards.get(shard);
    return s?.spec.nodes.find((n) => this.cache.node(n)?.role === "primary");
  }

  private promoted(c: PrimaryChange): void {
    if (c.group !== this.spec.group) return;
    const s = this.shards.get(c.shard);
    if (!s) return;
    s.data.promote(c.to);
    s.term++;
    this.termOf.set(c.to, s.term);
    const seen: FailoverSeen = { ...c, term: s.term };
    this.failovers.push(seen);
    const d = drawMs(this.random, this.profile.elasticacheDnsUpdateMs);
    this.env.timers.after(d, `replication-group-dns ${c.shard}`, () => {
      s.endpoint = c.to;
      seen.dnsUpdatedAtMs = this.env.clock.nowMs();
    });
  }

  private serves(node: string): boolean {
    const n = this.cache.node(node);
    return n?.up === true && this.zones.isAvailable(n.az);
  }

  private tick(): void {
    const now = this.env.clock.nowMs();
    for (const s of this.shards.values()) this.replicate(s, now);
    const clients = this.spec.clientZones.filter((z) => this.zones.isPowered(z));
    if (clients.length === 0) return;
    const shards = [...this.shards.values()];
    for (let i = 0; i < REQUESTS_PER_TICK; i++) {
      const zone = clients[this.random.int(clients.length)] as string;
      const s = shards[this.random.int(shards.length)] as ShardState;
      this.send(`client@${zone}`, s, this.random.chance(HALF) ? "write" : "read", now);
    }
  }

  private replicate(s: ShardState, now: number): void {
    if (this.mutants.replicaStopsApplying) return;
    const primary = s.spec.nodes.find((n) => this.cache.node(n)?.role === "primary" && this.serves(n));
    if (!primary) return;
    for (const r of s.spec.nodes) {
      if (r === primary || this.cache.node(r)?.role !== "replica" || !this.serves(r)) continue;
      const upto = Math.max(this.appliedUpTo.get(r) ?? 0, now - drawMs(this.random, this.profile.elasticacheReplicationLagMs));
      this.appliedUpTo.set(r, upto);
      s.data.apply(r, primary, upto);
    }
  }

  private resolve(client: string, s: ShardState, now: number): string {
    const key = `${client}/${s.spec.id}`;
    const cached = this.clientDns.get(key);
    if (cached && cached.expiresAtMs > now) return cached.target;
    this.clientDns.set(key, { target: s.endpoint, expiresAtMs: now + this.ttlMs });
    return s.endpoint;
  }

  private send(client: string, s: ShardState, kind: "write" | "read", now: number): void {
    const writeId = kind === "write" ? this.nextWrite++ : undefined;
    const req = this.history.request({
      client,
      shard: s.spec.id,
      kind,
      ...(writeId !== undefined ? { writeId } : {}),
      sentAtMs: now,
    });
    const node = this.resolve(client, s, now);
    if (!this.serves(node)) {
      this.history.answer({ id: req.id, atMs: now + this.timeoutMs, outcome: "timeout" });
      return;
    }
    const role = this.cache.node(node)?.role;
    if (kind === "read") {
      const term = role === "primary" ? this.termOf.get(node) : undefined;
      this.history.answer({
        id: req.id,
        atMs: now,
        outcome: "ok",
        node,
        ...(term !== undefined ? { term } : {}),
        value: s.data.latest(node) ?? null,
      });
      return;
    }
    if (role !== "primary") {
      this.history.answer({ id: req.id, atMs: now, outcome: "readonly", node });
      const primary = this.primaryOf(s.spec.id);
      if (this.mutants.readonlyWritesLeak && primary !== undefined && this.serves(primary))
        s.data.append(primary, { writeId: writeId as number, ackedAtMs: now });
      return;
    }
    s.data.append(node, { writeId: writeId as number, ackedAtMs: now });
    this.history.answer({ id: req.id, atMs: now, outcome: "ok", node, term: this.termOf.get(node) as number });
  }
}

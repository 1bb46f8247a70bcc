/**
 * ElastiCache replication groups: node groups (shards) of a primary and replicas spread over zones.
 *
 * Fault model: a node whose zone loses power (or that FIS `aws:elasticache:replicationgroup-interrupt-az-power`
 * hits), whose hardware fails or whose engine crashes is unavailable until the cause ends, then
 * rejoins as a replica. When a primary is lost and automatic failover is on, ElastiCache notices
 * (`elasticacheDetectionMs`) and promotes the available replica with the least replication lag
 * (`elasticacheFailoverMs`; the lag is the replication-group system's to rank, first by id without
 * one); a primary back before detection keeps its role. TestFailover promotes at once, on request.
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html
 */

import type { FailoverRecord } from "../contract/emulation-result";
import type { FaultHandle } from "../sim/faults";
import type { Random } from "../sim/ports";
import type { OperationHandlers } from "./api/cloud-api";
import type { ReplicationGroup } from "./api/misc-types";
import type { Bindings } from "./bindings";
import type { CloudContext } from "./cloud-context";
import { type CloudResult, fail, ok } from "./cloud-result";
import type { EventBus } from "./events/event-bus";
import type { ZoneService } from "./zones";

interface NodeRecord {
  readonly id: string;
  readonly az: string;
  role: "primary" | "replica";
  /** Causes keeping it down (zone power, injected interruptions). */
  down: number;
}

interface GroupRecord {
  readonly id: string;
  readonly address?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly automaticFailover: boolean;
  readonly shards: { readonly id: string; readonly nodes: NodeRecord[] }[];
  failingOver: number;
  /** Shards whose lost primary is being detected (no second detection while one is pending). */
  readonly detecting: Set<string>;
}

/** A completed promotion, as the replication-group system hears of it. */
export interface PrimaryChange {
  readonly group: string;
  readonly shard: string;
  readonly from: string | undefined;
  readonly to: string;
  /** When the old primary was lost (for TestFailover: when it was called). */
  readonly lostAtMs: number;
  readonly detectedAtMs: number;
  readonly completedAtMs: number;
  readonly cause: "primary-lost" | "test-failover";
}

/** Picks the replica to promote among the available ones (ElastiCache: the least replication lag). */
export type ReplicaRanker = (group: string, shard: string, candidates: readonly string[]) => string | undefined;
/** A read-only view of one shard (node group): its primary and replicas, and whether each serves. */
export interface CacheShardView {
  /** The replication group's plan address (its id when it has none). */
  readonly group: string;
  readonly shard: string;
  readonly automaticFailover: boolean;
  /** The node holding the primary role, and whether it serves. */
  readonly primary: { readonly id: string; readonly az: string; readonly up: boolean } | undefined;
  readonly replicas: readonly { readonly id: string; readonly az: string; readonly up: boolean }[];
}

export interface ReplicationGroupSpec {
  readonly id: string;
  readonly address?: string;
  readonly automaticFailover: boolean;
  /** Shards (node groups) by id, each with its nodes; the first node of a shard is its primary. */
  readonly shards: readonly { readonly id: string; readonly nodes: readonly { readonly id: string; readonly az: string }[] }[];
  /** Resource tags (what FIS `resourceTags` select on). @default - none */
  readonly tags?: Readonly<Record<string, string>>;
}

export class ElastiCacheService {
  private readonly groups = new Map<string, GroupRecord>();
  /** Completed failovers of primaries, in completion order (part of the `failovers` result section). */
  readonly failovers: FailoverRecord[] = [];
  private readonly random: Random;
  private readonly nodes = new Map<string, { readonly group: GroupRecord; readonly node: NodeRecord }>();
  private readonly primaryListeners: ((c: PrimaryChange) => void)[] = [];
  private readonly nodeListeners: ((nodeId: string, up: boolean) => void)[] = [];
  private ranker: ReplicaRanker | undefined;
  /** Test-only planted bug: a promotion leaves the old primary writable (no demotion). */
  keepOldPrimaryWritable = false;

  constructor(
    private readonly ctx: CloudContext,
    private readonly zones: ZoneService,
    private readonly bus: EventBus,
    private readonly bindings: Bindings,
  ) {
    this.random = ctx.random.fork("elasticache");
    zones.onChange((zone, change) => {
      if (change !== "power-off" && change !== "power-on") return;
      for (const g of this.groups.values())
        for (const s of g.shards) for (const n of s.nodes) if (n.az === zone) this.setDown(g, n, change === "power-off" ? 1 : -1);
    });
  }

  add(spec: ReplicationGroupSpec): void {
    if (this.groups.has(spec.id)) throw new RangeError(`a replication group named "${spec.id}" exists`);
    const g: GroupRecord = {
      id: spec.id,
      ...(spec.address !== undefined ? { address: spec.address } : {}),
      tags: spec.tags ?? {},
      automaticFailover: spec.automaticFailover,
      shards: spec.shards.map((shard) => ({
        id: shard.id,
        nodes: shard.nodes.map((n, k) => ({
          id: n.id,
          az: n.az,
          role: k === 0 ? ("primary" as const) : ("replica" as const),
          down: this.zones.isPowered(n.az) ? 0 : 1,
        })),
      })),
      failingOver: 0,
      detecting: new Set(),
    };
    this.groups.set(g.id, g);
    for (const shard of g.shards) for (const n of shard.nodes) this.nodes.set(n.id, { group: g, node: n });
    this.ctx.note(
      "cache",
      g.id,
      `replication-group shards=${g.shards.length} nodes=${g.shards.map((s) => s.nodes.map((n) => `${n.id}@${n.az}`).join("+")).join(",")}`,
    );
  }

  list(): ReplicationGroup[] {
    return [...this.groups.values()].map((g) => this.describe(g));
  }

  /** One node's role, zone and whether it serves; undefined for an unknown id. */
  node(id: string): { readonly role: "primary" | "replica"; readonly az: string; readonly up: boolean } | undefined {
    const r = this.nodes.get(id);
    return r ? { role: r.node.role, az: r.node.az, up: r.node.down === 0 } : undefined;
  }

  /** Called when a promotion completes. */
  onPrimaryChange(listener: (c: PrimaryChange) => void): void {
    this.primaryListeners.push(listener);
  }

  /** Called when a node stops or starts serving. */
  onNodeChange(listener: (nodeId: string, up: boolean) => void): void {
    this.nodeListeners.push(listener);
  }

  /** Sets who picks the replica to promote (the replication-group system ranks by lag). */
  rankReplicasWith(ranker: ReplicaRanker): void {
    this.ranker = ranker;
  }

  /**
   * Takes one node out of service for `forMs` (a hardware failure until its replacement is
   * provisioned, or an engine crash until the process runs again): a fault the quiet phase ends.
   */
  interruptNode(nodeId: string, label: string, forMs?: number): FaultHandle {
    const r = this.nodes.get(nodeId);
    const full = `${label} ${nodeId}`;
    if (!r) return { label: full, active: false, end() {} };
    return this.ctx.env.faults.custom(
      full,
      () => this.setDown(r.group, r.node, 1),
      () => this.setDown(r.group, r.node, -1),
      forMs === undefined ? {} : { forMs },
    );
  }

  /** TestFailover on a group's shard, as the API takes it. */
  testFailover(groupId: string, shardId: string): CloudResult<{ ReplicationGroup: ReplicationGroup }> {
    return this.startTestFailover(groupId, shardId);
  }

  /** Every shard's primary and replicas, as the cache checkers read them. */
  shardViews(): CacheShardView[] {
    return [...this.groups.values()].flatMap((g) =>
      g.shards.map((s) => {
        // Down as the mock models loss: zone power or an injected interruption (not a network cut).
        const node = (n: NodeRecord) => ({ id: n.id, az: n.az, up: n.down === 0 });
        const primary = s.nodes.find((n) => n.role === "primary");
        return {
          group: g.address ?? g.id,
          shard: s.id,
          automaticFailover: g.automaticFailover,
          primary: primary ? node(primary) : undefined,
          replicas: s.nodes.filter((n) => n.role === "replica").map(node),
        };
      }),
    );
  }

  /** What FIS target resolution reads of each group: its plan address, tags and node zones. */
  resources(): {
    readonly id: string;
    readonly address?: string;
    readonly tags: Readonly<Record<string, string>>;
    readonly zones: string[];
  }[] {
    return [...this.groups.values()].map((g) => ({
      id: g.id,
      ...(g.address !== undefined ? { address: g.address } : {}),
      tags: g.tags,
      zones: [...new Set(g.shards.flatMap((s) => s.nodes.map((n) => n.az)))].sort(),
    }));
  }

  /** Interrupts power to the group's nodes in `zone` for `forMs` (a fault the quiet phase ends). */
  interruptZonePower(groupId: string, zone: string, forMs?: number): FaultHandle {
    const g = this.groups.get(groupId);
    const nodes = g ? g.shards.flatMap((s) => s.nodes.filter((n) => n.az === zone)) : [];
    const label = `interrupt-cluster-az-power ${groupId} ${zone}`;
    if (!g || nodes.length === 0) return { label, active: false, end() {} };
    return this.ctx.env.faults.custom(
      label,
      () => {
        for (const n of nodes) this.setDown(g, n, 1);
      },
      () => {
        for (const n of nodes) this.setDown(g, n, -1);
      },
      forMs === undefined ? {} : { forMs },
    );
  }

  operations(): Pick<OperationHandlers, "DescribeReplicationGroups" | "TestFailover"> {
    return {
      DescribeReplicationGroups: (r) => {
        if (r.ReplicationGroupId === undefined) return ok({ ReplicationGroups: this.list() });
        const g = this.groups.get(r.ReplicationGroupId);
        return g
          ? ok({ ReplicationGroups: [this.describe(g)] })
          : fail("ReplicationGroupNotFoundFault", `Replication group ${r.ReplicationGroupId} not found.`);
      },
      TestFailover: (r) => this.startTestFailover(r.ReplicationGroupId, r.NodeGroupId),
    };
  }

  private startTestFailover(groupId: string, shardId: string): CloudResult<{ ReplicationGroup: ReplicationGroup }> {
    const g = this.groups.get(groupId);
    if (!g) return fail("ReplicationGroupNotFoundFault", `Replication group ${groupId} not found.`);
    const shard = g.shards.find((s) => s.id === shardId);
    if (!shard) return fail("InvalidParameterValue", `Node group ${shardId} not found in ${groupId}.`);
    if (!g.automaticFailover || g.failingOver > 0)
      return fail("InvalidReplicationGroupStateFault", `Replication group ${groupId} is not available for failover.`);
    if (!this.promote(g, shard, this.ctx.nowMs, "test-failover"))
      return fail("InvalidReplicationGroupStateFault", `Node group ${shardId} has no available replica.`);
    return ok({ ReplicationGroup: this.describe(g) });
  }

  private setDown(g: GroupRecord, n: NodeRecord, delta: 1 | -1): void {
    const was = n.down > 0;
    n.down = Math.max(0, n.down + delta);
    const is = n.down > 0;
    if (was === is) return;
    this.ctx.note("cache", n.id, is ? "status=unavailable" : `status=available role=${n.role}`);
    for (const l of this.nodeListeners) l(n.id, !is);
    if (is) {
      this.bindings.crash(n.id);
      const shard = g.shards.find((s) => s.nodes.includes(n));
      if (n.role === "primary" && g.automaticFailover && shard) this.detect(g, shard, n);
      return;
    }
    this.bindings.restart(n.id);
    // The old primary back as a replica in another zone: the shard can fail over again.
    const record = [...this.failovers].reverse().find((f) => f.resource === (g.address ?? g.id) && f.fromInstance === n.id);
    const primary = g.shards.find((s) => s.nodes.includes(n))?.nodes.find((x) => x.role === "primary");
    if (record && !record.repairedWith && primary && primary.az !== n.az) record.repairedWith = { az: n.az, atMs: this.ctx.nowMs };
  }

  /** ElastiCache notices the lost primary after the detection time, then promotes (unless it came back). */
  private detect(g: GroupRecord, shard: { readonly id: string; readonly nodes: NodeRecord[] }, primary: NodeRecord): void {
    if (g.detecting.has(shard.id)) return;
    g.detecting.add(shard.id);
    const lostAtMs = this.ctx.nowMs;
    const d = this.ctx.draw(this.random, this.ctx.profile.elasticacheDetectionMs);
    this.ctx.env.timers.after(d, `elasticache-detect ${g.id}`, () => {
      g.detecting.delete(shard.id);
      // Back before anyone noticed: no failover (a blip clients rode out).
      if (primary.down === 0 && primary.role === "primary") return;
      if (shard.nodes.some((n) => n.role === "primary" && n.down === 0)) return;
      this.promote(g, shard, lostAtMs, "primary-lost");
    });
  }

  /** Promotes a replica of `shard` after the failover time; false when none is available. */
  private promote(
    g: GroupRecord,
    shard: { readonly id: string; readonly nodes: NodeRecord[] },
    lostAtMs: number,
    cause: PrimaryChange["cause"],
  ): boolean {
    const candidates = shard.nodes.filter((n) => n.role === "replica" && n.down === 0 && this.zones.isAvailable(n.az));
    const ranked = this.ranker?.(
      g.address ?? g.id,
      shard.id,
      candidates.map((n) => n.id),
    );
    const replica = candidates.find((n) => n.id === ranked) ?? candidates[0];
    if (!replica) {
      this.ctx.note("cache", g.id, `failover-failed shard=${shard.id} reason=no-available-replica`);
      return false;
    }
    const d = this.ctx.draw(this.random, this.ctx.profile.elasticacheFailoverMs);
    const from = shard.nodes.find((n) => n.role === "primary");
    const startedAtMs = this.ctx.nowMs;
    g.failingOver++;
    this.ctx.note("cache", g.id, `failover-start shard=${shard.id} to=${replica.id}(${replica.az}) takes=${d}ms`);
    this.ctx.env.timers.after(d, `elasticache-failover ${g.id}`, () => {
      g.failingOver--;
      for (const n of shard.nodes)
        if (n === replica) n.role = "primary";
        else if (!(this.keepOldPrimaryWritable && n === from)) n.role = "replica";
      this.ctx.note("cache", g.id, `failover-complete shard=${shard.id} primary=${replica.id}`);
      const now = this.ctx.nowMs;
      if (from)
        this.failovers.push({
          resource: g.address ?? g.id,
          fromAz: from.az,
          toAz: replica.az,
          fromInstance: from.id,
          toInstance: replica.id,
          detectedAtMs: startedAtMs,
          completedAtMs: now,
          // From the primary's loss: the primary endpoint follows the new primary when the failover completes.
          clientOutageMs: now - lostAtMs,
          ...(from.down === 0 && from.az !== replica.az ? { repairedWith: { az: from.az, atMs: now } } : {}),
        });
      const change: PrimaryChange = {
        group: g.address ?? g.id,
        shard: shard.id,
        from: from?.id,
        to: replica.id,
        lostAtMs,
        detectedAtMs: startedAtMs,
        completedAtMs: now,
        cause,
      };
      for (const l of this.primaryListeners) l(change);
      this.bus.emit(
        "aws.elasticache",
        "ElastiCache Replication Group Event",
        { ReplicationGroupId: g.id, NodeGroupId: shard.id, Message: "FailoverComplete", PrimaryNode: replica.id },
        [this.ctx.arn("elasticache", `replicationgroup:${g.id}`)],
      );
    });
    return true;
  }

  private describe(g: GroupRecord): ReplicationGroup {
    return {
      ReplicationGroupId: g.id,
      Status: g.failingOver > 0 ? "modifying" : "available",
      AutomaticFailover: g.automaticFailover ? "enabled" : "disabled",
      MultiAZ: g.automaticFailover && new Set(g.shards.flatMap((s) => s.nodes.map((n) => n.az))).size > 1 ? "enabled" : "disabled",
      NodeGroups: g.shards.map((s) => ({
        NodeGroupId: s.id,
        NodeGroupMembers: s.nodes.map((n) => ({
          CacheClusterId: n.id,
          PreferredAvailabilityZone: n.az,
          CurrentRole: n.role,
          Status: n.down > 0 ? ("unavailable" as const) : ("available" as const),
        })),
      })),
    };
  }
}

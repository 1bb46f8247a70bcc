/**
 * The built-in component every emulation attaches: the mock cloud's own invariants (capacity books
 * balance, spot tenants get their notice, every cluster has a writer once faults stop, every
 * ElastiCache shard keeps a primary) and the failovers RDS and ElastiCache performed by themselves.
 */
import { cachePrimaryServes, capacityBooksBalance, spotNoticeBeforeReclaim, writerAfterRecovery } from "../checkers/cloud";
import type { ComponentDefinition } from "../scenarios/registry";

export const CLOUD_COMPONENT: ComponentDefinition = {
  name: "mock-cloud",
  description: "the mock cloud's invariants, and the failovers RDS performs by itself",
  attach(ctx) {
    const { cloud } = ctx;
    ctx.sim.checkers
      .add(capacityBooksBalance(cloud.ec2.pools))
      .add(spotNoticeBeforeReclaim(cloud.profile.spotInterruptionNoticeMs))
      .add(
        writerAfterRecovery({
          clusters: () =>
            [...cloud.rds.clusters.values()]
              // A global database's secondary has no writer by design, until a global failover.
              .filter((c) => cloud.rds.members(c).length > 0 && !c.readOnly)
              .map((c) => ({ id: c.id, writer: cloud.rds.writerAvailable(c)?.id })),
        }),
      );
    // The databases the mock runs: RDS clusters (with their instances) and ElastiCache replication groups.
    for (const c of cloud.rds.clusters.values()) {
      const members = cloud.rds.members(c);
      ctx.model({
        resource: c.address ?? c.id,
        component: "mock-cloud",
        what: c.readOnly
          ? "RDS Aurora global database secondary: read-only instances, no writer until a global failover"
          : c.kind === "multi-az-instance"
            ? "RDS Multi-AZ DB instance: primary, synchronous standby and failover"
            : `RDS ${c.kind === "aurora" ? "Aurora cluster" : "Multi-AZ DB cluster"}: instances, writer and failover`,
        ids: [c.id, ...(c.address ? [c.address] : []), ...members.flatMap((i) => [i.id, ...(i.address ? [i.address] : [])])],
        zones: [...new Set([...members.map((i) => i.az), ...c.zones])],
      });
    }
    const groups = cloud.elasticache.resources();
    // Registered only with a replication group, so plans without one list the same invariants as before.
    if (groups.length) {
      // Detection, then promotion: the slowest of both, and a second of slack.
      const bound = cloud.profile.elasticacheDetectionMs.maxMs + cloud.profile.elasticacheFailoverMs.maxMs;
      ctx.sim.checkers.add(
        cachePrimaryServes(
          () => cloud.elasticache.shardViews(),
          () => ctx.env.clock.nowMs(),
          bound + 1_000,
        ),
      );
    }
    for (const g of groups)
      ctx.model({
        resource: g.address ?? g.id,
        component: "mock-cloud",
        what: "ElastiCache replication group: shards, primaries and automatic failover",
        ids: [g.id, ...(g.address ? [g.address] : [])],
        zones: g.zones,
      });
    ctx.contribute("mock-cloud", () => ({
      failovers: [...cloud.rds.failovers, ...cloud.elasticache.failovers].sort((a, b) => a.completedAtMs - b.completedAtMs),
    }));
  },
};

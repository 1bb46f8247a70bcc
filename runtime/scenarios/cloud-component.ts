/**
 * The built-in component every emulation attaches: the mock cloud's own invariants (capacity books
 * balance, spot tenants get their notice, every cluster has a writer once faults stop) and the
 * failovers RDS performed by itself (when its managed failover is on).
 */
import { capacityBooksBalance, spotNoticeBeforeReclaim, writerAfterRecovery } from "../checkers/cloud";
import type { ComponentDefinition } from "./registry";

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
    ctx.contribute("mock-cloud", () => ({
      failovers: [...cloud.rds.failovers, ...cloud.elasticache.failovers].sort((a, b) => a.completedAtMs - b.completedAtMs),
    }));
  },
};

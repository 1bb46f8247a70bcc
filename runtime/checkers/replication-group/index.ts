import type { ReplicationGroupWorkload } from "../../replication-group/workload";
import type { Checker } from "../../sim/checker";
import { lossWithinReplicationLag } from "./loss-within-replication-lag";
import { oneWritablePrimary } from "./one-writable-primary";
import { readsReturnAcknowledgedWrites } from "./reads-return-acknowledged-writes";

/** Every invariant of the replication groups' clients: one checker per invariant, over every group. */
export function replicationGroupCheckers(groups: readonly ReplicationGroupWorkload[]): Checker[] {
  return [lossWithinReplicationLag, oneWritablePrimary, readsReturnAcknowledgedWrites].map((of) => {
    const each = groups.map(of);
    const first = each[0] as Checker;
    return {
      id: first.id,
      description: first.description,
      atEnd() {
        for (const c of each) {
          const verdict = c.atEnd?.();
          if (verdict) return verdict;
        }
        return undefined;
      },
    };
  });
}

import type { ReplicationGroupWorkload } from "../../replication-group/workload";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** A read returns only a value whose write was acknowledged. */
export const invariant: Invariant = {
  id: "replication-group/reads-return-acknowledged-writes",
  description: "A read returns only a value some client wrote and got acknowledged, never one a node refused or never took.",
};

/**
 * Judged over the clients' history once the run ended: every value a read returned must be a write
 * the clients sent and got `OK` for. A value whose write was refused (`READONLY` from a demoted
 * node) or timed out against a lost node was never applied, so seeing it — before or after a
 * failover — means the group invented or leaked data.
 */
export function readsReturnAcknowledgedWrites(w: ReplicationGroupWorkload): Checker {
  return {
    id: invariant.id,
    description: invariant.description,
    atEnd() {
      const outcomeOf = new Map<number, string>();
      for (const a of w.history.inOrder()) {
        const r = w.history.requestOf(a);
        if (r.kind === "write") outcomeOf.set(r.writeId as number, a.outcome);
      }
      for (const a of w.history.inOrder()) {
        const r = w.history.requestOf(a);
        if (r.kind !== "read" || a.outcome !== "ok" || a.value === null || a.value === undefined) continue;
        const written = outcomeOf.get(a.value);
        if (written === "ok") continue;
        return `${w.spec.group} shard ${r.shard}: a read at ${a.atMs} ms from ${a.node} returned write ${a.value}, which ${written === undefined ? "no client sent" : `its client was answered ${written.toUpperCase()} for`}`;
      }
      return undefined;
    },
  };
}

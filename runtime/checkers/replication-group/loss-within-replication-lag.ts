import { lostWrites } from "../../replication-group/recovery";
import type { ReplicationGroupWorkload } from "../../replication-group/workload";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** An acknowledged write is lost only if it was within the replication lag of its primary's last answer. */
export const invariant: Invariant = {
  id: "replication-group/loss-within-replication-lag",
  description:
    "An acknowledged write is lost only if its primary acknowledged it within the replication lag bound of the last answer that primary gave.",
};

/**
 * Judged over the clients' whole history once the run ended: replication is asynchronous, so a
 * failover may lose what the promoted replica had not applied — the last `lagBoundMs` of writes,
 * never more ("a small amount of data might be lost due to replication lag"; ElastiCache promotes
 * "the replica with the least replication lag"). A write lost from further back means the data
 * went with a node no replica had caught up with: replication stalled, the wrong replica was
 * promoted, or a primary came back empty with nothing to fail over to.
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html
 */
export function lossWithinReplicationLag(w: ReplicationGroupWorkload): Checker {
  return {
    id: invariant.id,
    description: invariant.description,
    atEnd() {
      const lost = lostWrites(w);
      if (lost.length === 0) return undefined;
      // The last answer each primary term gave (a read or a write it served as primary).
      const lastOf = new Map<string, number>();
      for (const a of w.history.inOrder())
        if (a.outcome === "ok" && a.node !== undefined && a.term !== undefined) lastOf.set(`${a.node}#${a.term}`, a.atMs);
      for (const a of lost) {
        const last = lastOf.get(`${a.node}#${a.term}`) ?? a.atMs;
        if (last - a.atMs <= w.lagBoundMs) continue;
        const r = w.history.requestOf(a);
        return `${w.spec.group} shard ${r.shard}: write ${r.writeId} acknowledged by ${a.node} at ${a.atMs} ms is lost, ${last - a.atMs} ms before that primary's last answer (${last} ms), beyond the replication lag bound of ${w.lagBoundMs} ms; ${lost.length} acknowledged write${lost.length === 1 ? "" : "s"} lost in all. No replica that took over held it (replication stalled, or the primary came back empty with no replica promoted: set automatic_failover_enabled = true with a replica in another zone)`;
      }
      return undefined;
    },
  };
}

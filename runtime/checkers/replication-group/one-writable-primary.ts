import type { ReplicationGroupWorkload } from "../../replication-group/workload";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** Once a promoted primary acknowledged a write, no earlier primary acknowledges one. */
export const invariant: Invariant = {
  id: "replication-group/one-writable-primary",
  description:
    "Once a shard's promoted primary has acknowledged a write, no earlier primary of that shard acknowledges another (two primaries never take writes at once).",
};

/**
 * Judged over the clients' history once the run ended, in the order the answers came: each
 * acknowledgement carries the replication id (term) the node reported; a term older than one the
 * shard's clients already got acknowledgements from means the demoted node kept taking writes —
 * two primaries, and the writes of one of them will vanish. ElastiCache demotes the old primary: a
 * client still resolving to it gets `READONLY You can't write against a read only replica`.
 * https://repost.aws/knowledge-center/elasticache-correct-readonly-error
 */
export function oneWritablePrimary(w: ReplicationGroupWorkload): Checker {
  return {
    id: invariant.id,
    description: invariant.description,
    atEnd() {
      const newest = new Map<string, { term: number; node: string; atMs: number }>();
      for (const a of w.history.inOrder()) {
        if (a.outcome !== "ok" || a.term === undefined || a.node === undefined) continue;
        const r = w.history.requestOf(a);
        if (r.kind !== "write") continue;
        const seen = newest.get(r.shard);
        if (seen && a.term < seen.term)
          return `${w.spec.group} shard ${r.shard}: ${a.node} (term ${a.term}) acknowledged write ${r.writeId} at ${a.atMs} ms after ${seen.node} (term ${seen.term}) had acknowledged writes as the promoted primary since ${seen.atMs} ms: two primaries took writes at once`;
        if (!seen || a.term > seen.term) newest.set(r.shard, { term: a.term, node: a.node, atMs: a.atMs });
      }
      return undefined;
    },
  };
}

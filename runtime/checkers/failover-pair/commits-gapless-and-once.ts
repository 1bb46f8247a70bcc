import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { Cursors } from "./cursor";
import { PairsToJudge } from "./pairs-to-judge";

/** Commit sequence numbers have no gaps, and each client write commits at most once, retries included. */
export const invariant: Invariant = {
  id: "failover-pair/commits-gapless-and-once",
  description: "Commit sequence numbers have no gaps, and each client write commits at most once, retries included.",
};

/**
 * Sequences have no gaps, and each client write id commits at most once, retries included.
 */
export function commitLog(pairs: readonly DatabasePair[]): Checker {
  const judge = new PairsToJudge(pairs);
  const cursors = new Cursors<DatabasePair>();
  const seen = new Map<DatabasePair, Set<string>>();
  return {
    ...invariant,
    afterEvent(changed) {
      for (const p of judge.select(changed)) {
        let ids = seen.get(p);
        if (!ids) {
          ids = new Set<string>();
          seen.set(p, ids);
        }
        const commits = p.storage.commits;
        for (let i = cursors.from(p, commits); i < commits.length; i++) {
          const c = commits[i] as (typeof commits)[number];
          if (c.seq !== ids.size + 1) return `${p.spec.database}: commit ${c.seq} follows ${ids.size} (a gap)`;
          if (ids.has(c.writeId)) return `${p.spec.database}: write ${c.writeId} committed twice (again as seq ${c.seq})`;
          ids.add(c.writeId);
        }
      }
      return undefined;
    },
  };
}

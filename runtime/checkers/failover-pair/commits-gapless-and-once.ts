import type { DatabasePair } from "../../database/database-pair";
import { WriteTable, writeKey } from "../../database/write-ids";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { commitReaders, unread } from "./cursor";
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
  const readers = commitReaders(pairs);
  /** Per pair, the writes committed so far (a few bytes a write: a duplicate may come hours later). */
  const seen = new Map<DatabasePair, WriteTable>();
  return {
    ...invariant,
    afterEvent(changed) {
      for (const p of judge.select(changed)) {
        let ids = seen.get(p);
        if (!ids) {
          ids = new WriteTable(0);
          seen.set(p, ids);
        }
        const storage = p.storage;
        const end = storage.latest;
        for (let i = unread(readers, p, end, () => storage.reader()); i < end; i++) {
          const c = storage.commitAt(i + 1);
          if (c === undefined) throw new Error(`${p.spec.database}: commit ${i + 1} was dropped before commits-gapless-and-once read it`);
          if (c.seq !== ids.size + 1) return `${p.spec.database}: commit ${c.seq} follows ${ids.size} (a gap)`;
          if (!ids.add(writeKey(c.writeId))) return `${p.spec.database}: write ${c.writeId} committed twice (again as seq ${c.seq})`;
        }
      }
      return undefined;
    },
  };
}

import type { DatabasePair } from "../../database/database-pair";
import { WriteTable, writeKey } from "../../database/write-ids";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { oracleOf } from "./acknowledged-writes";
import { completionReaders, unread } from "./cursor";
import { PairsToJudge } from "./pairs-to-judge";

/** A result shows only writes this database's clients sent, each at the sequence it was acknowledged with. */
export const invariant: Invariant = {
  id: "failover-pair/results-show-only-sent-writes",
  description:
    "A result shows only writes this database's clients sent, each at the sequence it was acknowledged with: never a version beyond the writes sent, never another database's write.",
};

/**
 * Judged from the clients' history alone: a result's version is at most the number of distinct
 * writes the clients had sent (no copy runs ahead of what was ever written), the write it shows at
 * that version is one of this database's clients' writes (never another tenant's), and a write
 * acknowledged as seq n is shown at version n and nowhere else (no copy diverged).
 */
export function resultsShowOnlySentWrites(pairs: readonly DatabasePair[]): Checker {
  const judge = new PairsToJudge(pairs);
  const readers = completionReaders(pairs);
  for (const p of pairs) oracleOf(p);
  /** Per pair: write → the version a result showed it at (a few bytes a write, see `WriteTable`). */
  const shownAt = new Map<DatabasePair, WriteTable>();
  return {
    ...invariant,
    afterEvent(changed) {
      for (const p of judge.select(changed)) {
        const h = p.history;
        const end = h.completed;
        const from = unread(readers, p, end, () => h.reader());
        if (from === end) continue;
        const o = oracleOf(p);
        let shown = shownAt.get(p);
        if (!shown) {
          shown = new WriteTable(1);
          shownAt.set(p, shown);
        }
        o.readInvokes();
        const db = p.spec.database;
        for (let i = from; i < end; i++) {
          const c = h.completionAt(i);
          if (c === undefined) throw new Error(`${db}: completion ${i} was dropped before results-show-only-sent-writes read it`);
          // The acknowledgements up to this completion, its own included.
          o.acknowledgeUpTo(i + 1);
          if (c.outcome !== "ok") continue;
          const acked = c.seq === undefined ? undefined : h.invokeOf(c.id)?.writeId;
          if (acked !== undefined) {
            const at = shown.get(writeKey(acked), 0);
            if (at !== 0 && at !== c.seq)
              return `${db}: write ${acked} was acknowledged as seq ${c.seq}, but a result showed it at version ${at}`;
          }
          const v = c.version;
          if (v === undefined || v === 0) continue;
          if (v > o.sentCount)
            return `${db}: request ${c.id} ran on ${c.executor} at version ${v}, but the clients had sent only ${o.sentCount} writes`;
          const w = c.seenWrite;
          const wk = w === undefined ? undefined : writeKey(w);
          if (wk === undefined || !o.sent(wk))
            return `${db}: request ${c.id} ran on ${c.executor} at version ${v} showing ${w ?? "no write"}, which no client of ${db} sent`;
          const seq = o.seqOf(wk);
          if (seq !== undefined && seq !== v)
            return `${db}: request ${c.id} showed ${w} at version ${v}; it was acknowledged as seq ${seq}`;
          const before = shown.get(wk, 0);
          if (before !== 0 && before !== v)
            return `${db}: request ${c.id} showed ${w} at version ${v}; an earlier result showed it at ${before}`;
          shown.set(wk, 0, v);
        }
      }
      return undefined;
    },
  };
}

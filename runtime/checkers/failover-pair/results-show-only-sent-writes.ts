import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { oracleOf } from "./acknowledged-writes";
import { Cursors } from "./cursor";
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
  const cursors = new Cursors<DatabasePair>();
  /** Per pair: write id → the version a result showed it at. */
  const shownAt = new Map<DatabasePair, Map<string, number>>();
  return {
    ...invariant,
    afterEvent(changed) {
      for (const p of judge.select(changed)) {
        const done = p.history.completions;
        const from = cursors.from(p, done);
        if (from === done.length) continue;
        const o = oracleOf(p);
        let shown = shownAt.get(p);
        if (!shown) {
          shown = new Map();
          shownAt.set(p, shown);
        }
        o.readInvokes();
        const db = p.spec.database;
        const invokes = p.history.invokes;
        for (let i = from; i < done.length; i++) {
          const c = done[i] as (typeof done)[number];
          // The acknowledgements up to this completion, its own included.
          o.acknowledgeUpTo(i + 1);
          if (c.outcome !== "ok") continue;
          const acked = c.seq === undefined ? undefined : invokes[c.id - 1]?.writeId;
          if (acked !== undefined) {
            const at = shown.get(acked);
            if (at !== undefined && at !== c.seq)
              return `${db}: write ${acked} was acknowledged as seq ${c.seq}, but a result showed it at version ${at}`;
          }
          const v = c.version;
          if (v === undefined || v === 0) continue;
          if (v > o.sent.size)
            return `${db}: request ${c.id} ran on ${c.executor} at version ${v}, but the clients had sent only ${o.sent.size} writes`;
          const w = c.seenWrite;
          if (w === undefined || !o.sent.has(w))
            return `${db}: request ${c.id} ran on ${c.executor} at version ${v} showing ${w ?? "no write"}, which no client of ${db} sent`;
          const seq = o.seqOf.get(w);
          if (seq !== undefined && seq !== v)
            return `${db}: request ${c.id} showed ${w} at version ${v}; it was acknowledged as seq ${seq}`;
          const before = shown.get(w);
          if (before !== undefined && before !== v)
            return `${db}: request ${c.id} showed ${w} at version ${v}; an earlier result showed it at ${before}`;
          shown.set(w, v);
        }
      }
      return undefined;
    },
  };
}

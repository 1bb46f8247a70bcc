import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { oracleOf } from "./acknowledged-writes";
import { completionReaders, unread } from "./cursor";
import { PairsToJudge } from "./pairs-to-judge";

/** Every result a client gets includes every write acknowledged before the request was sent. */
export const invariant: Invariant = {
  id: "failover-pair/no-stale-results",
  description:
    "Every result a client gets (a read, or the state a write ran on) includes every write acknowledged to any client before the request was sent.",
};

/**
 * Judged from the clients' history alone: the version a result reports (what the executor's own
 * copy held when the plan ran, on the coordinator or the supporting cluster) is at least the highest
 * sequence acknowledged before the request was sent. A plan that ran on a stale, deposed or
 * cut-off executor and was let through shows here.
 */
export function noStaleResults(pairs: readonly DatabasePair[]): Checker {
  const judge = new PairsToJudge(pairs);
  const readers = completionReaders(pairs);
  for (const p of pairs) oracleOf(p);
  return {
    ...invariant,
    afterEvent(changed) {
      for (const p of judge.select(changed)) {
        const o = oracleOf(p);
        const h = p.history;
        const end = h.completed;
        for (let i = unread(readers, p, end, () => h.reader()); i < end; i++) {
          const c = h.completionAt(i);
          if (c === undefined) throw new Error(`${p.spec.database}: completion ${i} was dropped before no-stale-results read it`);
          // The acknowledgements before this completion, not its own nor later ones.
          o.acknowledgeUpTo(i);
          if (c.outcome !== "ok") continue;
          const inv = h.invokeOf(c.id);
          if (inv && c.version !== undefined) {
            const needed = o.maxAckedBefore(inv.atMs);
            if (c.version < needed) {
              const where = c.remote
                ? `remotely on ${c.executor} (its epoch ${c.executorEpoch}, the plan's ${c.epoch})`
                : `on ${c.executor}`;
              return `${p.spec.database}: ${inv.kind} ${c.id} sent at ${inv.atMs} ms ran ${where} at version ${c.version}, but seq ${needed} had been acknowledged before it was sent`;
            }
          }
        }
      }
      return undefined;
    },
  };
}

import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { Cursors } from "./cursor";

/** A client gets a result only from a plan of the epoch the storage fence held when it was returned. */
export const invariant: Invariant = {
  id: "failover-pair/no-stale-results",
  description: "A client gets a result only from a plan of the epoch the storage fence held when it was returned.",
};

/**
 * A result reaches a client only from a plan of the current epoch (the fence when it was returned),
 * and a remote plan ran only on the supporting cluster of that epoch.
 */
export function noStaleResults(pairs: readonly DatabasePair[]): Checker {
  const cursors = new Cursors<DatabasePair>();
  return {
    ...invariant,
    afterEvent() {
      for (const p of pairs)
        for (const c of cursors.next(p, p.history.completions)) {
          if (c.outcome !== "ok") continue;
          if (c.epoch !== c.fenceAtReply)
            return `${p.spec.database}: request ${c.id} answered from epoch ${c.epoch} while the fence was ${c.fenceAtReply}`;
        }
      return undefined;
    },
  };
}

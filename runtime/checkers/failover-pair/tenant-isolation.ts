import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { Cursors } from "./cursor";

/** A result for one database comes from that database's storage, never another's. */
export const invariant: Invariant = {
  id: "failover-pair/tenant-isolation",
  description: "A result for one database comes from that database's storage, never another's.",
};

/**
 * A result for database Y comes from Y's storage, never from another database's.
 */
export function tenantIsolation(pairs: readonly DatabasePair[]): Checker {
  const cursors = new Cursors<DatabasePair>();
  return {
    ...invariant,
    afterEvent() {
      for (const p of pairs)
        for (const c of cursors.next(p, p.history.completions)) {
          if (c.outcome !== "ok") continue;
          const inv = p.history.invokes[c.id - 1];
          if (inv && c.answeredBy !== inv.database) return `request ${c.id} for ${inv.database} was answered by ${c.answeredBy}`;
        }
      return undefined;
    },
  };
}

import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../../sim/checker";
import { Cursors } from "./cursor";

/** I16 Tenants: a result for database Y comes from Y's storage, never from another database's. */
export function tenantIsolation(pairs: readonly DatabasePair[]): Checker {
  const cursors = new Cursors<DatabasePair>();
  return {
    id: "db-I16-tenants",
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

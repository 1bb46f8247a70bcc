import type { ProcessingApplication } from "../../processes/application";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** Free pages plus every group's pages always equal the pool, and a group holds fenced pages only while it recovers. */
export const invariant: Invariant = {
  id: "crash-containment/pages-conserved",
  description: "Free pages plus every group's pages always equal the pool, and a group holds fenced pages only while it recovers.",
};

/**
 * Free pages plus every arena's pages always equal the pool, and a group holds fenced pages only
 * while it recovers.
 */
export function pagesConserved(app: ProcessingApplication): Checker {
  return {
    ...invariant,
    afterEvent() {
      const c = app.memory.census();
      let owned = 0;
      for (const n of c.live.values()) owned += n;
      for (const n of c.fenced.values()) owned += n;
      if (c.free + owned !== app.memory.poolPages) return `free ${c.free} + owned ${owned} ≠ pool ${app.memory.poolPages}`;
      if (app.restarting) return undefined;
      for (const g of app.groups) {
        const fenced = c.fenced.get(g.arena) ?? 0;
        if (fenced > 0 && (!g.recovery || g.recovery.returned)) return `group ${g.id} still owns ${fenced} pages of a returned arena epoch`;
      }
      return undefined;
    },
  };
}

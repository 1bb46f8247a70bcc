import type { ContingencyPool } from "../../capacity/contingency-pool";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** What a zone holds of one instance type now: its capacity and what reservations take of it. */
export interface ZoneRoom {
  readonly capacity: number;
  readonly reserved: number;
}

/** Services may share a contingency zone, but the designations any one zone failure triggers fit in its unreserved capacity. */
export const invariant: Invariant = {
  id: "contingency/shared-zone-fits-each-failure",
  description: "Services may share a contingency zone, but the designations any one zone failure triggers fit in its unreserved capacity.",
};

/**
 * Several services may designate in one zone, but for every single-zone failure f, the designations
 * f would trigger in zone z fit in z's unreserved capacity: Σ N(d | primary(d) = f) ≤ capacity(z) −
 * reserved(z). Designations triggered by different failures may overbook (they are independent).
 * Re-checked after every event, because capacity lost to a fault shrinks the room.
 */
export function sharing(pools: () => readonly ContingencyPool[], room: (az: string, type: string) => ZoneRoom): Checker {
  return {
    ...invariant,
    afterEvent() {
      for (const p of pools()) {
        const byFailure = new Map<string, number>();
        for (const d of p.designations) byFailure.set(d.primaryAz, (byFailure.get(d.primaryAz) ?? 0) + d.count);
        const { capacity, reserved } = room(p.az, p.type);
        const lost = p.count("failed");
        for (const [f, n] of byFailure)
          if (n > capacity - lost - reserved)
            return `a failure of ${f} would trigger ${n} designated in ${p.az}/${p.type}, which has ${capacity - lost} instances of which ${reserved} are reserved`;
      }
      return undefined;
    },
  };
}

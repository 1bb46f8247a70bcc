import type { ContingencyPool } from "../../capacity/contingency-pool";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** What the checker may read of a cloud instance. */
export interface LeasedInstanceView {
  readonly lifecycle: "on-demand" | "spot";
  readonly reservationId?: string;
  /** The reservation is lent out as interruptible capacity (the designation's own, iODCR mode). */
  readonly lentReservation?: boolean;
}

/** A reserved instance is never leased, revoked or counted as contingency. */
export const invariant: Invariant = {
  id: "contingency/reservations-honoured",
  description: "A reserved instance is never leased, revoked or counted as contingency.",
};

/**
 * A reserved instance is never leased, revoked or counted as contingency — no lease runs on an
 * instance inside a capacity reservation, and no designated slot is activated by one. A reservation
 * lent out as interruptible capacity (interruptible-reservation mode) is the designation itself,
 * reserved but lent: leases may run in it.
 */
export function reservationsHonoured(
  pools: () => readonly ContingencyPool[],
  instance: (id: string) => LeasedInstanceView | undefined,
): Checker {
  return {
    ...invariant,
    afterEvent() {
      for (const p of pools())
        for (const l of p.leases()) {
          if (l.instanceId === undefined || l.state === "ended") continue;
          const view = instance(l.instanceId);
          const r = view?.reservationId;
          if (r !== undefined && !view?.lentReservation)
            return `lease ${l.id} runs on ${l.instanceId}, an instance of capacity reservation ${r}`;
        }
      return undefined;
    },
  };
}

import type { Checker } from "../../sim/checker";
import type { ContingencyPool } from "../contingency-pool";

/** What the checker may read of a cloud instance. */
export interface LeasedInstanceView {
  readonly lifecycle: "on-demand" | "spot";
  readonly reservationId?: string;
  /** The reservation is lent out as interruptible capacity (the designation's own, iODCR mode). */
  readonly lentReservation?: boolean;
}

/**
 * cap-I2-reservations-honoured (seed 001 I2): a reserved instance is never leased, revoked or
 * counted as contingency — no lease runs on an instance inside a capacity reservation, and no
 * designated slot is activated by one. A reservation lent out as interruptible capacity
 * (interruptible-reservation mode) is the designation itself, reserved but lent: leases may run in it.
 */
export function reservationsHonoured(
  pools: () => readonly ContingencyPool[],
  instance: (id: string) => LeasedInstanceView | undefined,
): Checker {
  return {
    id: "cap-I2-reservations-honoured",
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

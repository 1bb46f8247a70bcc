import type { Checker } from "../../checkers/checker";
import type { ContingencyPool } from "../contingency-pool";

/** What the checker may read of a cloud instance. */
export interface LeasedInstanceView {
  readonly lifecycle: "on-demand" | "spot";
  readonly reservationId?: string;
}

/**
 * cap-I2-reservations-honoured (seed 001 I2): a reserved instance is never leased, revoked or
 * counted as contingency — no lease runs on an instance inside a capacity reservation, and no
 * designated slot is activated by one.
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
          const r = instance(l.instanceId)?.reservationId;
          if (r !== undefined) return `lease ${l.id} runs on ${l.instanceId}, an instance of capacity reservation ${r}`;
        }
      return undefined;
    },
  };
}

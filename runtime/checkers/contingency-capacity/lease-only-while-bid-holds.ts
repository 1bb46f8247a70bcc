import type { ContingencyPool } from "../../capacity/contingency-pool";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** A lease on contingency lives only while its bid is at least the current price and the pool's minimum bid. */
export const invariant: Invariant = {
  id: "contingency/lease-only-while-bid-holds",
  description: "A lease on contingency lives only while its bid is at least the current price and the pool's minimum bid.",
};

/**
 * A lease on contingency exists only while its bid is at least the current price and the pool's
 * minimum bid; when the price passes a bid, that lease is `revoking` in the same step. Checked
 * after every event against the market's price.
 */
export function bidRule(pools: () => readonly ContingencyPool[], price: (az: string, type: string) => number): Checker {
  return {
    ...invariant,
    afterEvent() {
      for (const p of pools()) {
        const now = price(p.az, p.type);
        for (const l of p.leases()) {
          if (l.state !== "active") continue;
          if (l.bidMicros < now)
            return `lease ${l.id} bids ${l.bidMicros} µ$/h below the price ${now} on ${p.az}/${p.type} and is still active`;
          if (l.bidMicros < p.options.minBidMicros)
            return `lease ${l.id} bids ${l.bidMicros} µ$/h below the minimum bid ${p.options.minBidMicros} on ${p.az}/${p.type}`;
        }
      }
      return undefined;
    },
  };
}

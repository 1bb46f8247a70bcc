import type { Checker } from "../../sim/checker";
import type { ContingencyPool } from "../contingency-pool";

/**
 * cap-I8-bid-rule (seed 001 I8, S2, S3): a lease on contingency exists only while its bid is at
 * least the current price and the pool's minimum bid; when the price passes a bid, that lease is
 * `revoking` in the same step. Checked after every event against the market's price.
 */
export function bidRule(pools: () => readonly ContingencyPool[], price: (az: string, type: string) => number): Checker {
  return {
    id: "cap-I8-bid-rule",
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

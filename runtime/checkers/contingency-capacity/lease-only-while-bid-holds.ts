import type { ContingencyPool } from "../../capacity/contingency-pool";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** A lease on contingency lives only while its bid is at least the current price and the pool's minimum bid. */
export const invariant: Invariant = {
  id: "contingency/lease-only-while-bid-holds",
  description: "A lease on contingency lives only while its bid is at least the current price and the pool's minimum bid.",
};

/** What the checker reads of the mock cloud about a lessee's instance. */
export interface OutbidCloudView {
  /** Whether the instance still holds a slot (pending, running, stopping, shutting down) in the cloud. */
  holdsSlot(instanceId: string): boolean;
  /** Longest an instance takes to terminate once told to (the profile's maximum). */
  readonly terminateMaxMs: number;
  nowMs(): number;
}

/**
 * A lease on contingency exists only while its bid is at least the current price and the pool's
 * minimum bid; when the price passes a bid, that lease is `revoking` in the same step. Checked
 * after every event against the market's price — and against the cloud: an outbid lease's instance
 * is gone once its notice and a termination have run out, so a revocation the cloud never saw (the
 * tenant still running on the capacity) fails too.
 */
export function bidRule(
  pools: () => readonly ContingencyPool[],
  price: (az: string, type: string) => number,
  cloud?: OutbidCloudView,
): Checker {
  return {
    ...invariant,
    afterEvent() {
      for (const p of pools()) {
        const now = price(p.az, p.type);
        for (const l of p.leases()) {
          if (cloud && l.reason === "outbid" && l.revokedAtMs !== undefined && l.instanceId !== undefined) {
            const deadline = l.revokedAtMs + l.noticeMs + cloud.terminateMaxMs;
            if (cloud.nowMs() > deadline && cloud.holdsSlot(l.instanceId))
              return `lease ${l.id} was outbid at ${l.revokedAtMs} ms, yet its instance ${l.instanceId} still runs on ${p.az}/${p.type} at ${cloud.nowMs()} ms (notice ${l.noticeMs} ms, termination at most ${cloud.terminateMaxMs} ms)`;
          }
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

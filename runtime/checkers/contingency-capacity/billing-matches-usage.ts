import type { Ledger, LedgerEntry } from "../../capacity/ledger";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** Every account's charge equals time × price over its intervals as the cloud and the market recorded them, and nothing is charged after termination. */
export const invariant: Invariant = {
  id: "contingency/billing-matches-usage",
  description:
    "Every account's charge equals the sum of time × price over its closed intervals, with the end of each instance's charge and each lease's price taken from the cloud's and the spot market's own records, and nothing is charged after termination.",
};

/** What the checker reads outside the ledger: the mock cloud's record of each instance, and the spot market's price history. */
export interface BillingEvidence {
  /** The cloud's record of an instance: where it ran, who launched it (principal, group), when it terminated. */
  instance(id: string):
    | {
        readonly az: string;
        readonly type: string;
        readonly launchedBy?: string;
        readonly group?: string;
        readonly terminatedAtMs?: number;
      }
    | undefined;
  /** The prices the spot market recorded for a pool at a time (see `SpotMarket.pricesAt`). */
  pricesAt(az: string, type: string, atMs: number): readonly number[];
}

const MS_PER_HOUR = 3_600_000n;

/**
 * Judged from evidence the ledger does not hold: an item on an instance stops being charged when
 * the cloud says the instance terminated (no interval open or ending after it); a lease is charged
 * to the tenant the cloud says launched the instance (`tenant:<who>` for a tenant's own launch,
 * `tenant:asg:<group>` for a spot pool's member) at a price the spot market had when the lease began
 * (its first interval; a later one is the downgrade's agreed price); and each account's running
 * total equals Σ Tᵢ·Pᵢ over its closed intervals, computed here (integer micro-dollars, each interval
 * rounded down), not by the ledger's formula. Checked after every event.
 */
export function billing(ledgers: () => readonly Ledger[], evidence?: BillingEvidence): Checker {
  return {
    ...invariant,
    afterEvent() {
      for (const ledger of ledgers()) {
        const firstOf = new Map<string, LedgerEntry>();
        for (const e of ledger.entries) {
          if (!firstOf.has(e.item)) firstOf.set(e.item, e);
          if (e.instanceId === undefined) continue;
          const seen = evidence?.instance(e.instanceId);
          const end = evidence ? seen?.terminatedAtMs : ledger.terminationOf(e.instanceId);
          if (end !== undefined) {
            if (e.endMs === undefined) return `${e.item} is still charged to ${e.account} after ${e.instanceId} terminated at ${end} ms`;
            if (e.endMs > end)
              return `${e.item} was charged to ${e.account} until ${e.endMs} ms, after ${e.instanceId} terminated at ${end} ms`;
          }
          if (!evidence || !seen || !e.item.startsWith("lease:")) continue;
          const who = seen.group !== undefined ? `tenant:asg:${seen.group}` : seen.launchedBy;
          if (who !== undefined && who !== e.account)
            return `${e.item} on ${e.instanceId} is charged to ${e.account}, but the cloud says ${who} runs it`;
          if (firstOf.get(e.item) === e) {
            const prices = evidence.pricesAt(seen.az, seen.type, e.startMs);
            if (!prices.includes(e.microsPerHour))
              return `${e.item} is charged ${e.microsPerHour} µ$/h from ${e.startMs} ms, but the spot market's price on ${seen.az}/${seen.type} then was ${prices.join(" or ")} µ$/h`;
          }
        }
        for (const account of ledger.accounts()) {
          let expected = 0n;
          for (const e of ledger.entries)
            if (e.account === account && e.endMs !== undefined && e.endMs > e.startMs)
              expected += (BigInt(e.endMs - e.startMs) * BigInt(e.microsPerHour)) / MS_PER_HOUR;
          const charged = ledger.chargedTo(account);
          if (BigInt(charged) !== expected)
            return `${account} was charged ${charged} µ$ but its intervals add up to ${expected} µ$ (Σ Tᵢ·Pᵢ)`;
        }
      }
      return undefined;
    },
  };
}

import { bill } from "../../capacity/billing";
import type { Ledger } from "../../capacity/ledger";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** Every account's charge equals the sum of time × price over its closed intervals, and nothing is charged after termination. */
export const invariant: Invariant = {
  id: "contingency/billing-matches-usage",
  description: "Every account's charge equals the sum of time × price over its closed intervals, and nothing is charged after termination.",
};

/**
 * Every account's charge equals Σ Tᵢ·Pᵢ over its closed intervals (recomputed from the intervals,
 * not trusted from the running total), and nothing is charged after termination: no interval of an
 * item on a terminated instance is still open, or ends after the instance did. Checked after every
 * event.
 */
export function billing(ledgers: () => readonly Ledger[]): Checker {
  return {
    ...invariant,
    afterEvent() {
      for (const ledger of ledgers()) {
        for (const e of ledger.entries) {
          if (e.instanceId === undefined) continue;
          const end = ledger.terminationOf(e.instanceId);
          if (end === undefined) continue;
          if (e.endMs === undefined) return `${e.item} is still charged to ${e.account} after ${e.instanceId} terminated at ${end} ms`;
          if (e.endMs > end)
            return `${e.item} was charged to ${e.account} until ${e.endMs} ms, after ${e.instanceId} terminated at ${end} ms`;
        }
        for (const account of ledger.accounts()) {
          const closed = ledger.entries.filter((e) => e.account === account && e.endMs !== undefined);
          const expected = closed.reduce((n, e) => n + bill([e], e.endMs as number), 0);
          const charged = ledger.chargedTo(account);
          if (charged !== expected) return `${account} was charged ${charged} µ$ but its intervals add up to ${expected} µ$ (Σ Tᵢ·Pᵢ)`;
        }
      }
      return undefined;
    },
  };
}

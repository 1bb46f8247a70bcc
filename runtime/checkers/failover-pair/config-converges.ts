import { sameConfig } from "../../database/cluster";
import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { PairsToJudge } from "./pairs-to-judge";

/** The standby matches the pair's desired configuration within the sync interval of a change, and both clusters match it at the end. */
export const invariant: Invariant = {
  id: "failover-pair/config-converges",
  description:
    "The standby matches the pair's desired configuration within the sync interval of a change, and both clusters match it at the end.",
};

/**
 * The supporting cluster matches the pair's desired config (node type and count, key, network)
 * within T_sync of a change, and both clusters match it at the end.
 */
export function configConverges(pairs: readonly DatabasePair[], nowMs: () => number): Checker {
  const differentSince = new Map<DatabasePair, number>();
  const judge = new PairsToJudge(pairs);
  return {
    ...invariant,
    afterEvent(changed) {
      for (const p of judge.select(changed, nowMs())) {
        const cp = p.controlPlane;
        const s = cp.supporting;
        const off = s !== undefined && (cp.state === "PAIRED" || cp.state === "SYNCING") && !sameConfig(s.config, cp.desiredFor(s));
        if (!off) {
          differentSince.delete(p);
          judge.dueAfter(p, Number.POSITIVE_INFINITY);
          continue;
        }
        const since = differentSince.get(p) ?? nowMs();
        differentSince.set(p, since);
        // Unchanged, the pair turns violating once T_sync has passed: judge it then.
        judge.dueAfter(p, since + p.spec.timing.syncMs);
        if (nowMs() - since > p.spec.timing.syncMs)
          return `${cp.options.database}: supporting ${s.name} has differed from the desired config for ${nowMs() - since} ms (T_sync ${p.spec.timing.syncMs} ms)`;
      }
      return undefined;
    },
    atEnd() {
      for (const p of pairs) {
        const cp = p.controlPlane;
        for (const c of [cp.coordinator, cp.supporting])
          if (c && !sameConfig(c.config, cp.desiredFor(c)))
            return `pending: ${cp.options.database}: ${c.name} does not match the desired config`;
      }
      return undefined;
    },
  };
}

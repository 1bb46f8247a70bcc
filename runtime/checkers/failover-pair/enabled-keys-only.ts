import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { PairsToJudge } from "./pairs-to-judge";

/** No cluster uses a disabled encryption key, and at the end both clusters of the pair use the same key. */
export const invariant: Invariant = {
  id: "failover-pair/enabled-keys-only",
  description: "No cluster uses a disabled encryption key, and at the end both clusters of the pair use the same key.",
};

/**
 * No cluster uses a disabled key; at the end both clusters of the pair use the same key.
 */
export function keysInUse(pairs: readonly DatabasePair[]): Checker {
  const judge = new PairsToJudge(pairs);
  return {
    ...invariant,
    afterEvent(changed) {
      for (const p of judge.select(changed)) {
        const cp = p.controlPlane;
        for (const c of cp.clusters)
          if (c.status !== "released" && cp.keysDisabled.has(c.config.keyId))
            return `${cp.options.database}: ${c.name} uses disabled key ${c.config.keyId}`;
      }
      return undefined;
    },
    atEnd() {
      for (const p of pairs) {
        const cp = p.controlPlane;
        const s = cp.supporting;
        if (s && s.config.keyId !== cp.coordinator.config.keyId)
          return `pending: ${cp.options.database}: keys differ (${cp.coordinator.config.keyId} vs ${s.config.keyId})`;
      }
      return undefined;
    },
  };
}

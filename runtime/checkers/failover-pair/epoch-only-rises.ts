import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { PairsToJudge } from "./pairs-to-judge";

/** The epoch and the storage fence never go down, and every promotion raises the epoch. */
export const invariant: Invariant = {
  id: "failover-pair/epoch-only-rises",
  description: "The epoch and the storage fence never go down, and every promotion raises the epoch.",
};

/**
 * The epoch and the storage fence never go down; each promotion raises the epoch.
 */
export function epochMonotonic(pairs: readonly DatabasePair[]): Checker {
  const judge = new PairsToJudge(pairs);
  const last = new Map<DatabasePair, { epoch: number; fence: number }>();
  return {
    ...invariant,
    afterEvent(changed) {
      for (const p of judge.select(changed)) {
        const cp = p.controlPlane;
        const was = last.get(p);
        if (was && (cp.epoch < was.epoch || p.storage.fence < was.fence))
          return `${cp.options.database}: epoch ${was.epoch}→${cp.epoch}, fence ${was.fence}→${p.storage.fence}`;
        if (was) {
          was.epoch = cp.epoch;
          was.fence = p.storage.fence;
        } else last.set(p, { epoch: cp.epoch, fence: p.storage.fence });
        for (const f of cp.failovers)
          if (f.transformedAtMs !== undefined && (f.epochAfter ?? 0) <= f.epoch)
            return `${cp.options.database}: promotion of ${f.toCluster} kept epoch ${f.epoch}`;
      }
      return undefined;
    },
  };
}

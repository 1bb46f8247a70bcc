import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { Cursors } from "./cursor";
import { PairsToJudge } from "./pairs-to-judge";

/** A pair spans two zones, and nothing is provisioned or promoted in a zone that is unavailable at that moment. */
export const invariant: Invariant = {
  id: "failover-pair/available-zones-only",
  description: "A pair spans two zones, and nothing is provisioned or promoted in a zone that is unavailable at that moment.",
};

/**
 * A pair spans two zones; nothing is provisioned in, or promoted in, a zone that is not available
 * at that moment (a zone that failed and came back is available again).
 */
export function pairZones(pairs: readonly DatabasePair[]): Checker {
  const judge = new PairsToJudge(pairs);
  const provisions = new Cursors<DatabasePair>();
  const promoted = new Set<object>();
  return {
    ...invariant,
    afterEvent(changed) {
      for (const p of judge.select(changed)) {
        const cp = p.controlPlane;
        if ((cp.state === "PAIRED" || cp.state === "SYNCING") && cp.supporting && cp.supporting.zone === cp.coordinator.zone)
          return `${cp.options.database}: coordinator and supporting cluster are both in ${cp.coordinator.zone}`;
        const list = cp.provisions;
        for (let i = provisions.from(p, list); i < list.length; i++) {
          const v = list[i] as (typeof list)[number];
          if (!p.world.zoneAvailable(v.zone)) return `${cp.options.database}: ${v.cluster} provisioned in unavailable zone ${v.zone}`;
        }
        for (const f of cp.failovers) {
          if (f.transformedAtMs === undefined || promoted.has(f)) continue;
          promoted.add(f);
          if (!p.world.zoneAvailable(f.toAz)) return `${cp.options.database}: promoted ${f.toCluster} in unavailable zone ${f.toAz}`;
        }
      }
      return undefined;
    },
  };
}

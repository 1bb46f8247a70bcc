import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../checker";

/**
 * I9 Capacity in advance: while PAIRED, the supporting cluster runs with the coordinator's node
 * type and count; a promotion makes no provisioning call.
 */
export function capacityInAdvance(pairs: readonly DatabasePair[]): Checker {
  return {
    id: "db-I9-capacity-in-advance",
    afterEvent() {
      for (const p of pairs) {
        const cp = p.controlPlane;
        const s = cp.supporting;
        if (cp.state === "PAIRED" && s) {
          const c = cp.coordinator.config;
          if (s.status !== "running") return `${cp.options.database}: supporting ${s.name} is ${s.status} while PAIRED`;
          if (s.config.nodeType !== c.nodeType || s.config.nodeCount !== c.nodeCount)
            return `${cp.options.database}: supporting ${s.name} runs ${s.config.nodeCount}×${s.config.nodeType}, the coordinator ${c.nodeCount}×${c.nodeType}`;
        }
        for (const f of cp.failovers)
          if ((f.provisionCallsDuring ?? 0) > 0)
            return `${cp.options.database}: promotion of ${f.toCluster} made ${f.provisionCallsDuring} provisioning calls`;
      }
      return undefined;
    },
  };
}

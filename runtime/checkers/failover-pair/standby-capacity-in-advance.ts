import { sizeRank } from "../../cloud/rds/promotion";
import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { PairsToJudge } from "./pairs-to-judge";

/** While paired, the standby can carry the coordinator's load, and a promotion makes no provisioning call. */
export const invariant: Invariant = {
  id: "failover-pair/standby-capacity-in-advance",
  description: "While paired, the standby can carry the coordinator's load, and a promotion makes no provisioning call.",
};

/**
 * While PAIRED, the supporting cluster can carry the coordinator's load — the same node type and
 * count where the pair owns the size (Redshift), at least the coordinator's size where each member
 * keeps its own (Aurora, Multi-AZ DB clusters: a failover to a smaller replica runs on less
 * capacity); a promotion makes no provisioning call.
 */
export function capacityInAdvance(pairs: readonly DatabasePair[]): Checker {
  const judge = new PairsToJudge(pairs);
  return {
    ...invariant,
    afterEvent(changed) {
      for (const p of judge.select(changed)) {
        const cp = p.controlPlane;
        const s = cp.supporting;
        if (cp.state === "PAIRED" && s) {
          const c = cp.coordinator.config;
          if (s.status !== "running") return `${cp.options.database}: supporting ${s.name} is ${s.status} while PAIRED`;
          const smaller =
            cp.options.sizes === "member"
              ? s.config.nodeCount < c.nodeCount || sizeRank(s.config.nodeType) < sizeRank(c.nodeType)
              : s.config.nodeType !== c.nodeType || s.config.nodeCount !== c.nodeCount;
          if (smaller) {
            const ratio =
              sizeRank(s.config.nodeType) > 0
                ? (sizeRank(c.nodeType) * c.nodeCount) / (sizeRank(s.config.nodeType) * s.config.nodeCount)
                : 0;
            const cut =
              cp.options.sizes === "member" && ratio > 1 ? `: a failover to it cuts capacity by ${Number(ratio.toFixed(1))}×` : "";
            return `${cp.options.database}: supporting ${s.name} runs ${s.config.nodeCount}×${s.config.nodeType}, the coordinator ${c.nodeCount}×${c.nodeType}${cut}`;
          }
        }
        for (const f of cp.failovers)
          if ((f.provisionCallsDuring ?? 0) > 0)
            return `${cp.options.database}: promotion of ${f.toCluster} made ${f.provisionCallsDuring} provisioning calls`;
      }
      return undefined;
    },
  };
}

import type { ClusterRole } from "../../database/cluster";
import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { Cursors } from "./cursor";
import { PairsToJudge } from "./pairs-to-judge";

/**
 * The role changes a cluster may make. A supporting cluster may fail too, and a pooled one be
 * released; failed → coordinating never happens without passing through supporting at a newer epoch.
 */
const ALLOWED: Readonly<Record<ClusterRole, readonly ClusterRole[]>> = {
  pooled: ["supporting", "released"],
  supporting: ["coordinating", "failed"],
  coordinating: ["failed"],
  failed: ["supporting", "released"],
  released: [],
};

/** A cluster changes role only along pooled → supporting → coordinating → failed → supporting or released. */
export const invariant: Invariant = {
  id: "failover-pair/legal-role-transitions",
  description: "A cluster changes role only along pooled → supporting → coordinating → failed → supporting or released.",
};

export function roleTransitions(pairs: readonly DatabasePair[]): Checker {
  const judge = new PairsToJudge(pairs);
  const cursors = new Cursors<DatabasePair>();
  return {
    ...invariant,
    afterEvent(changed) {
      for (const p of judge.select(changed)) {
        const changes = p.controlPlane.roleChanges;
        for (let i = cursors.from(p, changes); i < changes.length; i++) {
          const r = changes[i] as (typeof changes)[number];
          if (!ALLOWED[r.from].includes(r.to)) return `${p.spec.database}: ${r.cluster} went ${r.from} → ${r.to} at epoch ${r.epoch}`;
        }
      }
      return undefined;
    },
  };
}

import type { ClusterRole } from "../../database/cluster";
import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../../sim/checker";
import { Cursors } from "./cursor";

/**
 * I12 Roles: pooled → supporting → coordinating → failed → supporting | released. A supporting
 * cluster may fail too (S11), and a pooled one be released; failed → coordinating never happens
 * without passing through supporting at a newer epoch.
 */
const ALLOWED: Readonly<Record<ClusterRole, readonly ClusterRole[]>> = {
  pooled: ["supporting", "released"],
  supporting: ["coordinating", "failed"],
  coordinating: ["failed"],
  failed: ["supporting", "released"],
  released: [],
};

export function roleTransitions(pairs: readonly DatabasePair[]): Checker {
  const cursors = new Cursors<DatabasePair>();
  return {
    id: "db-I12-roles",
    afterEvent() {
      for (const p of pairs)
        for (const r of cursors.next(p, p.controlPlane.roleChanges))
          if (!ALLOWED[r.from].includes(r.to)) return `${p.spec.database}: ${r.cluster} went ${r.from} → ${r.to} at epoch ${r.epoch}`;
      return undefined;
    },
  };
}

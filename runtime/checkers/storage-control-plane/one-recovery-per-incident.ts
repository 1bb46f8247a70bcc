import type { Checker } from "../../sim/checker";
import type { StorageControlPlane } from "../../storage/control/control-plane";
import { type Invariant, safetyOf } from "../invariant";

/** A host is declared failed only after the configured missed checks, and one incident starts one recovery. */
export const invariant: Invariant = {
  id: "storage/one-recovery-per-incident",
  description: "A host is declared failed only after the configured missed checks, and one incident starts one recovery.",
};

/**
 * A host is declared failed only after the configured misses, and one incident starts one recovery
 * job.
 */
export function oneRecoveryPerIncident(cp: StorageControlPlane): Checker {
  // Jobs are only ever added: their recovery keys are compared again only when there are new ones.
  let jobsSeen = 0;
  let duplicateRecovery = false;
  return safetyOf(invariant, () => {
    for (const d of cp.declared) if (d.misses < cp.options.missesToFail) return `${d.hostId} declared failed after ${d.misses} misses`;
    if (cp.admin.jobs.length !== jobsSeen) {
      jobsSeen = cp.admin.jobs.length;
      const keys = cp.admin.jobs.filter((j) => j.action === "recover").map((j) => j.key);
      duplicateRecovery = new Set(keys).size !== keys.length;
    }
    return duplicateRecovery ? "two recovery jobs for one incident" : undefined;
  });
}

import type { StorageControlPlane } from "../../storage/control/control-plane";
import type { Checker } from "../checker";
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
  return safetyOf(invariant, () => {
    for (const d of cp.declared) if (d.misses < cp.options.missesToFail) return `${d.hostId} declared failed after ${d.misses} misses`;
    const keys = cp.admin.jobs.filter((j) => j.action === "recover").map((j) => j.key);
    return new Set(keys).size === keys.length ? undefined : "two recovery jobs for one incident";
  });
}

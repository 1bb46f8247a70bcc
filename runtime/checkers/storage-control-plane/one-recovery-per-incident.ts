import type { StorageControlPlane } from "../../storage/control/control-plane";
import { type Checker, safety } from "../checker";

/** storage-I14-one-recovery-per-incident: a host is declared failed only after the configured misses, and one incident starts one recovery job. */
export function oneRecoveryPerIncident(cp: StorageControlPlane): Checker {
  return safety("storage-I14-one-recovery-per-incident", () => {
    for (const d of cp.declared) if (d.misses < cp.options.missesToFail) return `${d.hostId} declared failed after ${d.misses} misses`;
    const keys = cp.admin.jobs.filter((j) => j.action === "recover").map((j) => j.key);
    return new Set(keys).size === keys.length ? undefined : "two recovery jobs for one incident";
  });
}

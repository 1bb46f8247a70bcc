import type { Checker } from "../../sim/checker";
import type { StorageControlPlane } from "../../storage/control/control-plane";
import { type Invariant, safetyOf } from "../invariant";

/** No workflow task runs more often than the retry limit allows. */
export const invariant: Invariant = {
  id: "storage/retries-bounded",
  description: "No workflow task runs more often than the retry limit allows.",
};

/**
 * No workflow task runs more than the control plane's retry limit plus one.
 */
export function retriesBounded(cp: StorageControlPlane): Checker {
  const max = cp.options.maxRetries + 1;
  return safetyOf(invariant, () => {
    for (const wf of cp.admin.workflows)
      for (const t of wf.tasks) if (t.attempts > max) return `${wf.id} ran ${t.name} ${t.attempts} times (at most ${max})`;
    return undefined;
  });
}

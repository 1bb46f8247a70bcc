import type { StorageControlPlane } from "../../storage/control/control-plane";
import { type Checker, safety } from "../checker";

/** storage-I13-retry-bound: no workflow task runs more than the control plane's retry limit plus one. */
export function retriesBounded(cp: StorageControlPlane): Checker {
  const max = cp.options.maxRetries + 1;
  return safety("storage-I13-retry-bound", () => {
    for (const wf of cp.admin.workflows)
      for (const t of wf.tasks) if (t.attempts > max) return `${wf.id} ran ${t.name} ${t.attempts} times (at most ${max})`;
    return undefined;
  });
}

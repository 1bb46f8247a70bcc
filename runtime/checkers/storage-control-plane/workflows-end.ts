import type { Checker } from "../../sim/checker";
import type { StorageControlPlane } from "../../storage/control/control-plane";
import { type Invariant, livenessOf } from "../invariant";

/** After the quiet phase every workflow has completed or rolled back, leaving nothing behind. */
export const invariant: Invariant = {
  id: "storage/workflows-end",
  description: "After the quiet phase every workflow has completed or rolled back, leaving nothing behind.",
};

/**
 * After the quiet phase every workflow has completed or rolled back, and a rolled-back clone left
 * nothing behind.
 */
export function workflowsEnd(cp: StorageControlPlane): Checker {
  return livenessOf(invariant, () => {
    for (const wf of cp.admin.workflows) {
      if (wf.state !== "COMPLETED" && wf.state !== "ROLLED_BACK") return `pending: ${wf.id} (${wf.action} ${wf.name}) is ${wf.state}`;
      if (wf.state === "ROLLED_BACK" && wf.action === "clone" && (cp.admin.instances.has(wf.name) || cp.dns.has(wf.name)))
        return `${wf.id} rolled back but left ${wf.name} behind`;
    }
    return undefined;
  });
}

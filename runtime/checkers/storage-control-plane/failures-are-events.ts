import type { Checker } from "../../sim/checker";
import type { WorkflowRecord } from "../../storage/control/admin-store";
import type { StorageControlPlane } from "../../storage/control/control-plane";
import { type Invariant, safetyOf } from "../invariant";

/** Every workflow the system could not finish ends with an error event the customer can see. */
export const invariant: Invariant = {
  id: "storage/failures-are-events",
  description: "Every workflow the system could not finish ends with an error event the customer can see.",
};

export function failuresAreEvents(cp: StorageControlPlane): Checker {
  const reported = new Set<WorkflowRecord>();
  return safetyOf(invariant, () => {
    for (const wf of cp.admin.workflows) {
      if (wf.state !== "ROLLED_BACK" || reported.has(wf)) continue;
      if (!cp.admin.events.some((e) => e.name === wf.name && e.kind === "error"))
        return `${wf.id} (${wf.action} ${wf.name}) rolled back without an error event`;
      reported.add(wf);
    }
    return undefined;
  });
}

import type { Checker } from "../../sim/checker";
import type { WorkflowRecord } from "../../storage/control/admin-store";
import type { StorageControlPlane } from "../../storage/control/control-plane";
import { type Invariant, safetyOf } from "../invariant";

/** A workflow task starts only after the one before it passed its test. */
export const invariant: Invariant = {
  id: "storage/task-order",
  description: "A workflow task starts only after the one before it passed its test.",
};

export function taskOrder(cp: StorageControlPlane): Checker {
  const finished = new Set<WorkflowRecord>();
  return safetyOf(invariant, () => {
    for (const wf of cp.admin.workflows) {
      if (finished.has(wf)) continue;
      if (wf.state === "COMPLETED" || wf.state === "ROLLED_BACK") finished.add(wf);
      for (let i = 1; i < wf.tasks.length; i++) {
        const task = wf.tasks[i] as (typeof wf.tasks)[number];
        const before = wf.tasks[i - 1] as (typeof wf.tasks)[number];
        if (task.attempts > 0 && before.state !== "VERIFIED" && before.state !== "COMPENSATED")
          return `${wf.id} started ${task.name} while ${before.name} was ${before.state}`;
        if (task.startedAtMs !== undefined && (before.startedAtMs === undefined || task.startedAtMs < before.startedAtMs))
          return `${wf.id} started ${task.name} at ${task.startedAtMs} ms, before ${before.name}`;
      }
    }
    return undefined;
  });
}

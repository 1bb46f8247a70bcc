import type { Checker } from "../../sim/checker";
import type { WorkflowRecord } from "../../storage/control/admin-store";
import type { StorageControlPlane } from "../../storage/control/control-plane";
import { type Invariant, safetyOf } from "../invariant";

/** A workflow task starts only after the one before it passed its test, and a restore replays the log right after its snapshot with no gap. */
export const invariant: Invariant = {
  id: "storage/task-order",
  description:
    "A workflow task starts only after the one before it passed its test, and a restore replays the log right after its snapshot with no gap.",
};

export function taskOrder(cp: StorageControlPlane): Checker {
  let restoresSeen = 0;
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
    for (; restoresSeen < cp.data.restores.length; restoresSeen++) {
      const r = cp.data.restores[restoresSeen];
      if (!r) continue;
      const first = (r.snapshot?.seq ?? 0) + 1;
      if (r.replayed.fromSeq !== first)
        return `${r.volume.id} replayed from seq ${r.replayed.fromSeq}, not ${first} right after its snapshot`;
      if (r.replayed.count > 0 && r.replayed.toSeq - r.replayed.fromSeq + 1 !== r.replayed.count)
        return `${r.volume.id} replayed ${r.replayed.count} records for seq ${r.replayed.fromSeq}…${r.replayed.toSeq}: a gap`;
    }
    return undefined;
  });
}

import type { Invariant } from "../invariant";
import { type ContainmentWatch, FirstViolation } from "./containment-watch";
import { type EventFedChecker, eventFed } from "./event-fed";

/** A process restarts, and a job is aborted, only in a group a fault reached. */
export const invariant: Invariant = {
  id: "crash-containment/fault-stays-in-group",
  description: "A process restarts, and a job is aborted, only in a group a fault reached.",
};

/**
 * A process restarts, and a job is aborted, only in a group a fault reached (or during an
 * application restart, or when the host itself was lost).
 */
export function faultStaysInGroup(watch: ContainmentWatch): EventFedChecker {
  const v = new FirstViolation();
  watch.onProcessEvent((e, w) => {
    if (!w) return;
    if (e.kind === "refork" && !w.faultedSinceRestart && !watch.app.restarting)
      v.set(`process ${e.pid} of group ${e.group} restarted with no fault in its group`);
    if (e.kind === "jobAborted" && !w.faultedSinceRestart && !watch.app.restarting && !watch.hostLost)
      v.set(`job of group ${e.group} aborted with no fault in its group (${e.detail})`);
  });
  return eventFed(invariant, v);
}

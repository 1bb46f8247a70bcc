import type { Invariant } from "../invariant";
import { type ContainmentWatch, FirstViolation } from "./containment-watch";
import { type EventFedChecker, eventFed } from "./event-fed";

/** A group's recovery goes fault → abort → remove → kill → memory returned → normal, and a process restarts only after its removal. */
export const invariant: Invariant = {
  id: "crash-containment/signalling-order",
  description:
    "A group's recovery goes fault → abort → remove → kill → memory returned → normal, and a process restarts only after its removal.",
};

/**
 * A group's recovery goes fault → abort command → remove → kill → arena returned → normal, and a
 * process is reforked only after its removal.
 */
export function signallingOrder(watch: ContainmentWatch): EventFedChecker {
  const v = new FirstViolation();
  watch.onProcessEvent((e, w) => {
    if (!w) return;
    switch (e.kind) {
      case "cmdAbort":
        if (!w.faultedSinceRestart) v.set(`cmdAbort in group ${e.group} without a fault`);
        break;
      case "remove":
        if (!w.cmdAbort) v.set(`process ${e.pid} removed before cmdAbort reached group ${e.group}`);
        break;
      case "refork":
        if (e.pid !== undefined && !w.removed.has(e.pid)) v.set(`refork of ${e.pid} before its removal`);
        break;
      case "arenaReturned":
        for (const pid of w.removed) if (!w.killed.has(pid)) v.set(`arena of ${e.group} returned while process ${pid} was not killed`);
        break;
      case "groupNormal":
        if (!w.returned) v.set(`group ${e.group} normal before its arena was returned`);
        break;
      default:
        break;
    }
  });
  return eventFed(invariant, v);
}

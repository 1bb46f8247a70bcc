import type { Invariant } from "../invariant";
import { type ContainmentWatch, FirstViolation } from "./containment-watch";
import { type EventFedChecker, eventFed } from "./event-fed";

/** The whole application restarts exactly when a process faults while holding elevated privilege. */
export const invariant: Invariant = {
  id: "crash-containment/app-restart-iff-elevated",
  description: "The whole application restarts exactly when a process faults while holding elevated privilege.",
};

/**
 * A fault while elevated restarts the whole application, and only such a fault does — a group never
 * recovers alone from it, and no restart comes without an unsafe privilege check.
 */
export function restartAppIffElevated(watch: ContainmentWatch): EventFedChecker {
  const v = new FirstViolation();
  let unsafeSeen = false;
  watch.onProcessEvent((e, w) => {
    if (e.kind === "privilege" && e.privilege === "unsafe") unsafeSeen = true;
    if (e.kind === "groupNormal" && w?.elevatedFault) v.set(`group ${e.group} recovered alone after a fault while elevated`);
    if (e.kind === "appRestart") {
      if (!unsafeSeen) v.set("application restarted with no unsafe privilege check");
      unsafeSeen = false;
    }
  });
  return eventFed(invariant, v);
}

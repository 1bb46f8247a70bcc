import { PUBLIC_ARENA } from "../../processes/layout";
import type { Invariant } from "../invariant";
import { type ContainmentWatch, FirstViolation } from "./containment-watch";
import { type EventFedChecker, eventFed } from "./event-fed";

/** A process writes shared public memory only while it holds elevated privilege. */
export const invariant: Invariant = {
  id: "crash-containment/public-writes-elevated",
  description: "A process writes shared public memory only while it holds elevated privilege.",
};

/**
 * A process writes a public page only while it holds elevated privilege.
 */
export function publicWritesElevated(watch: ContainmentWatch): EventFedChecker {
  const v = new FirstViolation();
  watch.onAccess((access, pid, h) => {
    if (access === "write" && h.arena === PUBLIC_ARENA && !watch.app.memory.elevated(pid))
      v.set(`process ${pid} wrote public page ${h.page} without elevation`);
  });
  return eventFed(invariant, v);
}

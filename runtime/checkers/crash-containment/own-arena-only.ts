import { P, PUBLIC_ARENA } from "../../processes/layout";
import type { Invariant } from "../invariant";
import { type ContainmentWatch, FirstViolation } from "./containment-watch";
import { type EventFedChecker, eventFed } from "./event-fed";

/** A process reads and writes only its own group's memory (or the public area), never another group's. */
export const invariant: Invariant = {
  id: "crash-containment/own-arena-only",
  description: "A process reads and writes only its own group's memory (or the public area), never another group's.",
};

/**
 * A process reads and writes only its own group's arena (or the public one), never another group's.
 */
export function accessOwnArenaOnly(watch: ContainmentWatch): EventFedChecker {
  const v = new FirstViolation();
  watch.onAccess((access, pid, h) => {
    const mine = watch.app.memory.proc(pid, P.arena);
    if (h.arena === PUBLIC_ARENA || h.arena === mine) return;
    v.set(
      access === "write"
        ? `process ${pid} of arena ${mine} wrote page ${h.page} of arena ${h.arena}`
        : `process ${pid} of arena ${mine} read page ${h.page} of arena ${h.arena}`,
    );
  });
  return eventFed(invariant, v);
}

import { P, ProcState } from "../../processes/layout";
import type { Invariant } from "../invariant";
import { type ContainmentWatch, FirstViolation } from "./containment-watch";
import { type EventFedChecker, eventFed } from "./event-fed";

/** A process that faulted writes nothing more. */
export const invariant: Invariant = {
  id: "crash-containment/no-writes-after-fault",
  description: "A process that faulted writes nothing more.",
};

/**
 * A process that faulted (or was removed or killed) writes nothing more.
 */
export function noWritesAfterFault(watch: ContainmentWatch): EventFedChecker {
  const v = new FirstViolation();
  watch.onAccess((access, pid, h) => {
    if (access !== "write") return;
    const state = watch.app.memory.proc(pid, P.state);
    if (state === ProcState.faulted || state === ProcState.removed || state === ProcState.killed)
      v.set(`process ${pid} wrote page ${h.page} after its fault (state ${state})`);
  });
  return eventFed(invariant, v);
}

import type { Invariant } from "../invariant";
import { type ContainmentWatch, FirstViolation, jobOf } from "./containment-watch";
import { type EventFedChecker, eventFed } from "./event-fed";

/** Every job settles, as done or aborted, exactly once. */
export const invariant: Invariant = {
  id: "crash-containment/job-settles-once",
  description: "Every job settles, as done or aborted, exactly once.",
};

/**
 * Every job settles (done or aborted) exactly once.
 */
export function jobSettlesOnce(watch: ContainmentWatch): EventFedChecker {
  const v = new FirstViolation();
  const settled = new Map<number, number>();
  watch.onProcessEvent((e) => {
    if (e.kind !== "jobDone" && e.kind !== "jobAborted") return;
    const id = jobOf(e);
    const n = (settled.get(id) ?? 0) + 1;
    settled.set(id, n);
    if (n > 1) v.set(`job ${id} settled ${n} times`);
  });
  return eventFed(invariant, v);
}

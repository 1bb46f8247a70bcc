import type { Invariant } from "../invariant";
import { type ContainmentWatch, FirstViolation } from "./containment-watch";
import { type EventFedChecker, eventFed } from "./event-fed";

/** A recovery restarts exactly the processes its fault calls for: the whole group after a leader fault, otherwise the faulting ones. */
export const invariant: Invariant = {
  id: "crash-containment/restart-scope",
  description:
    "A recovery restarts exactly the processes its fault calls for: the whole group after a leader fault, otherwise the faulting ones.",
};

/**
 * A recovery restarts exactly the processes its fault calls for — the whole group after a leader
 * fault (or with scope `whole-group`), otherwise only the processes that faulted.
 */
export function restartScope(watch: ContainmentWatch): EventFedChecker {
  const v = new FirstViolation();
  const app = watch.app;
  watch.onProcessEvent((e, w) => {
    if (e.kind !== "groupNormal" || !w || e.group === undefined) return;
    const pids = watch.pids(e.group);
    const restarted = pids.filter((p, i) => app.incarnation(p) !== w.incarnationsAtFault[i]);
    const whole = w.leaderFaulted || app.config.computeFaultRestartScope === "whole-group";
    const expected = whole ? pids : pids.filter((p) => w.faulted.has(p));
    if (restarted.join() !== expected.join())
      v.set(
        `group ${e.group} restarted processes [${restarted.join(", ")}]; its ${w.leaderFaulted ? "leader fault" : `compute fault(s) with scope ${app.config.computeFaultRestartScope ?? "failing-process"}`} should restart [${expected.join(", ")}]`,
      );
  });
  return eventFed(invariant, v);
}

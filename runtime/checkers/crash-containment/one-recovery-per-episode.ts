import type { Invariant } from "../invariant";
import { type ContainmentWatch, FirstViolation } from "./containment-watch";
import { type EventFedChecker, eventFed } from "./event-fed";

/** One fault episode gives one recovery, and application restarts never overlap. */
export const invariant: Invariant = {
  id: "crash-containment/one-recovery-per-episode",
  description: "One fault episode gives one recovery, and application restarts never overlap.",
};

/**
 * One fault episode gives one recovery — one epoch bump, one arena return, at most one aborted job,
 * every faulting process reforked — and application restarts never overlap.
 */
export function oneRecoveryPerEpisode(watch: ContainmentWatch): EventFedChecker {
  const v = new FirstViolation();
  let restartInProgress = false;
  watch.onProcessEvent((e, w) => {
    if (e.kind === "appRestart") {
      if (restartInProgress) v.set("a second application restart began before the first one finished");
      restartInProgress = true;
    }
    if (e.kind === "appRunning") restartInProgress = false;
    if (e.kind !== "groupNormal" || !w || e.group === undefined) return;
    const group = e.group;
    const g = watch.app.group(group);
    const missing = [...w.faults].filter(([p, n]) => (w.reforks.get(p) ?? 0) < n).map(([p]) => p);
    if (g.epoch !== w.epochAtFault + 1) v.set(`group ${group} epoch moved from ${w.epochAtFault} to ${g.epoch} in one recovery`);
    else if (w.returns !== 1) v.set(`group ${group} returned its arena ${w.returns} times in one recovery`);
    else if (w.aborts > 1) v.set(`group ${group} aborted ${w.aborts} jobs in one recovery`);
    else if (missing.length) v.set(`group ${group} recovered without reforking faulting process(es) ${missing.join(", ")}`);
  });
  return eventFed(invariant, v);
}

import type { ProcessingApplication } from "../../processes/application";
import type { Invariant } from "../invariant";
import { type ContainmentWatch, FirstViolation } from "./containment-watch";
import type { EventFedChecker } from "./event-fed";

/** The whole application restarts exactly when a process faults while holding elevated privilege. */
export const invariant: Invariant = {
  id: "crash-containment/app-restart-iff-elevated",
  description:
    "The whole application restarts exactly when a process faults while holding elevated privilege, judged from the faults, kills and starts the host saw.",
};

interface OpenFault {
  readonly elevated: boolean;
  /** Processes the host killed since this fault. */
  readonly killedSince: Set<number>;
}

/**
 * Judged from the host's evidence alone — which process faulted and whether it held elevated
 * privilege at that instant, which processes the host was told to kill, which it started again —
 * never from the engine's privilege check or its log, since those are what is under test:
 * - a kill is called for only by a fault in the killed process's own group, or by an elevated fault
 *   anywhere (the restart), or by the loss of the host; any other kill is a restart, or a strike
 *   on a group, that no fault called for;
 * - a process that faulted while elevated starts again only after the host killed every process
 *   of every group (a group never recovers alone from it), and by the end it has started again;
 * - the engine's `appRestart` comes only while an elevated fault the host saw is unanswered.
 * A fault is answered when the host starts its process again.
 */
export function restartAppIffElevated(watch: ContainmentWatch): EventFedChecker {
  const v = new FirstViolation();
  const app = watch.app;
  const open = new Map<number, OpenFault>();
  const elevatedOpen = () => [...open.values()].some((f) => f.elevated);
  const faults = () =>
    open.size ? [...open].map(([p, f]) => `${p}${f.elevated ? " (elevated)" : ""} of ${app.groupOf(p).id}`).join(", ") : "none";
  watch.onHost((f) => {
    switch (f.kind) {
      case "faulted":
        // a real host may report the same record twice (its watcher and its exit backstop)
        if (!open.has(f.pid)) open.set(f.pid, { elevated: f.elevated, killedSince: new Set() });
        break;
      case "killed": {
        for (const o of open.values()) o.killedSince.add(f.pid);
        if (watch.hostLostByCaller || elevatedOpen()) break;
        const g = app.groupOf(f.pid);
        if (![...open.keys()].some((p) => app.groupOf(p) === g))
          v.set(
            `process ${f.pid} of group ${g.id} was killed, but no process of ${g.id} faulted and none faulted while elevated (unanswered faults the host saw: ${faults()}): a restart the faults did not call for`,
          );
        break;
      }
      case "spawned": {
        const o = open.get(f.pid);
        if (!o) break;
        open.delete(f.pid);
        if (!o.elevated || watch.hostLostByCaller) break;
        const spared = allPids(app).filter((p) => !o.killedSince.has(p));
        if (spared.length)
          v.set(
            `process ${f.pid} of group ${app.groupOf(f.pid).id} faulted while elevated and started again, but processes ${spared.join(", ")} were never killed: its group recovered alone instead of the application restarting`,
          );
        break;
      }
      default:
        break;
    }
  });
  watch.onProcessEvent((e) => {
    if (e.kind === "appRestart" && !elevatedOpen() && !watch.hostLostByCaller)
      v.set(`the application restarted, but no process the host saw fault was elevated (unanswered faults: ${faults()})`);
  });
  const atEnd = (): string | undefined => {
    if (watch.hostLostByCaller) return undefined;
    const stuck = [...open].filter(([, o]) => o.elevated).map(([p]) => p);
    return stuck.length ? `process(es) ${stuck.join(", ")} faulted while elevated and the application never restarted them` : undefined;
  };
  return {
    id: invariant.id,
    description: invariant.description,
    recorded: () => v.value,
    afterEvent: () => v.value,
    atEnd: () => v.value ?? atEnd(),
  };
}

function allPids(app: ProcessingApplication): number[] {
  return app.groups.flatMap((g) => [g.leader, ...g.computes]);
}

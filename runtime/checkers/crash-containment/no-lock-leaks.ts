import type { ProcessingApplication } from "../../processes/application";
import { P, ProcState } from "../../processes/layout";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** No shared lock is held by a dead process. */
export const invariant: Invariant = {
  id: "crash-containment/no-lock-leaks",
  description: "No shared lock is held by a dead process.",
};

/**
 * No public lock is held by a process that is dead.
 */
export function noLockLeaks(app: ProcessingApplication): Checker {
  return {
    ...invariant,
    afterEvent() {
      const m = app.memory;
      for (let l = 0; l < m.lockCount; l++) {
        const owner = m.lockOwner(l);
        if (owner === undefined) continue;
        const s = m.proc(owner, P.state);
        if (s === ProcState.killed || s === ProcState.starting)
          return `public lock ${l} is owned by process ${owner}, which is dead (state ${s})`;
      }
      return undefined;
    },
  };
}

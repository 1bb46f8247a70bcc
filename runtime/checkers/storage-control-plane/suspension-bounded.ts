import type { Checker } from "../../sim/checker";
import type { StorageControlPlane } from "../../storage/control/control-plane";
import { type Invariant, safetyOf } from "../invariant";

/** No volume stays suspended longer than the resume timer plus one task. */
export const invariant: Invariant = {
  id: "storage/suspension-bounded",
  description: "No volume stays suspended longer than the resume timer plus one task.",
};

export function suspensionBounded(cp: StorageControlPlane, now: () => number): Checker {
  return safetyOf(invariant, () => {
    const limit = cp.options.resumeTimerMs + cp.options.taskMs;
    for (const [volumeId, s] of cp.data.suspended)
      if (now() - s.sinceMs > limit) return `${volumeId} suspended since ${s.sinceMs} ms, past the ${limit} ms bound`;
    return undefined;
  });
}

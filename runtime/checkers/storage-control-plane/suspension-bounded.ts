import type { StorageControlPlane } from "../../storage/control/control-plane";
import { type Checker, safety } from "../checker";

/** storage-I9-suspension-bounded: no volume stays suspended longer than the resume timer plus one task. */
export function suspensionBounded(cp: StorageControlPlane, now: () => number): Checker {
  return safety("storage-I9-suspension-bounded", () => {
    const limit = cp.options.resumeTimerMs + cp.options.taskMs;
    for (const [volumeId, s] of cp.data.suspended)
      if (now() - s.sinceMs > limit) return `${volumeId} suspended since ${s.sinceMs} ms, past the ${limit} ms bound`;
    return undefined;
  });
}

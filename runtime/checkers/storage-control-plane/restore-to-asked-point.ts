import type { Checker } from "../../sim/checker";
import type { StorageControlPlane } from "../../storage/control/control-plane";
import { type Invariant, safetyOf } from "../invariant";

/** A restore never goes past the point asked for, and stops short of it only where the logs stop. */
export const invariant: Invariant = {
  id: "storage/restore-to-asked-point",
  description: "A restore never goes past the point asked for, and stops short of it only where the logs stop.",
};

export function restoreToAskedPoint(cp: StorageControlPlane): Checker {
  let seen = 0;
  return safetyOf(invariant, () => {
    for (; seen < cp.data.restores.length; seen++) {
      const r = cp.data.restores[seen];
      if (!r) continue;
      if (r.effectiveMs > r.atMs) return `${r.volume.id} was restored to ${r.effectiveMs} ms, past the ${r.atMs} ms asked for`;
      const reachable = Math.min(r.atMs, r.logsUntilMs);
      if (r.effectiveMs < reachable && (r.snapshot?.atMs ?? Number.NEGATIVE_INFINITY) < reachable)
        return `${r.volume.id} was restored to ${r.effectiveMs} ms although the logs reach ${reachable} ms`;
    }
    return undefined;
  });
}

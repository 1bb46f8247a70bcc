import type { Checker } from "../../sim/checker";
import type { StorageControlPlane } from "../../storage/control/control-plane";
import { type Invariant, safetyOf } from "../invariant";

/** A backup is reported complete only once it is verified and its volume has resumed. */
export const invariant: Invariant = {
  id: "storage/backup-complete-after-resume",
  description: "A backup is reported complete only once it is verified and its volume has resumed.",
};

/**
 * A backup is reported complete only once verified and after its volume resumed.
 */
export function backupCompleteAfterResume(cp: StorageControlPlane): Checker {
  return safetyOf(invariant, () => {
    for (const b of cp.admin.backups)
      if (b.completedAtMs !== undefined && (!b.verified || b.resumedAtMs === undefined || b.resumedAtMs > b.completedAtMs))
        return `the backup of ${b.name} (${b.snapshotId}) was reported complete before its resume or unverified`;
    return undefined;
  });
}

import type { StorageControlPlane } from "../../storage/control/control-plane";
import { type Checker, safety } from "../checker";

/** storage-I10-backup-bookkeeping: a backup is reported complete only once verified and after its volume resumed. */
export function backupCompleteAfterResume(cp: StorageControlPlane): Checker {
  return safety("storage-I10-backup-bookkeeping", () => {
    for (const b of cp.admin.backups)
      if (b.completedAtMs !== undefined && (!b.verified || b.resumedAtMs === undefined || b.resumedAtMs > b.completedAtMs))
        return `the backup of ${b.name} (${b.snapshotId}) was reported complete before its resume or unverified`;
    return undefined;
  });
}

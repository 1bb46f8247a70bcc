import type { Checker } from "../../sim/checker";
import type { StorageControlPlane } from "../../storage/control/control-plane";
import { type Invariant, safetyOf } from "../invariant";

/** A backup is reported complete only when its snapshot is in the store, was taken while its volume was suspended, and the volume has resumed. */
export const invariant: Invariant = {
  id: "storage/backup-complete-after-resume",
  description:
    "A backup is reported complete only when its snapshot is in the store, was taken while its volume was suspended, and the volume has resumed.",
};

/**
 * Judged from the snapshot store and the volume's suspensions as watched here step by step, not from
 * the `verified` and `resumedAtMs` fields the workflow wrote on its own row.
 */
export function backupCompleteAfterResume(cp: StorageControlPlane, now: () => number): Checker {
  /** Per volume: suspensions seen, [since, until] (until undefined while suspended). */
  const suspensions = new Map<string, { since: number; until: number | undefined }[]>();
  const judged = new Set<(typeof cp.admin.backups)[number]>();
  return safetyOf(invariant, () => {
    const t = now();
    for (const [volumeId, s] of cp.data.suspended) {
      const list = suspensions.get(volumeId) ?? [];
      if (list.at(-1)?.since !== s.sinceMs || list.at(-1)?.until !== undefined) list.push({ since: s.sinceMs, until: undefined });
      suspensions.set(volumeId, list);
    }
    for (const [volumeId, list] of suspensions) {
      const open = list.at(-1);
      if (open && open.until === undefined && !cp.data.suspended.has(volumeId)) open.until = t;
    }
    for (const b of cp.admin.backups) {
      if (b.completedAtMs === undefined || judged.has(b)) continue;
      judged.add(b);
      const snap = cp.data.snapshots.get(b.snapshotId);
      if (!snap || snap.volumeId !== b.volumeId)
        return `the backup of ${b.name} was reported complete but ${b.snapshotId} is not a snapshot of ${b.volumeId}`;
      const during = (suspensions.get(b.volumeId) ?? []).find(
        (s) => s.since <= snap.atMs && (s.until === undefined || snap.atMs <= s.until),
      );
      if (!during)
        return `the backup of ${b.name} (${b.snapshotId}) was reported complete but its snapshot was not taken while the volume was suspended`;
      if (during.until === undefined || during.until > b.completedAtMs)
        return `the backup of ${b.name} (${b.snapshotId}) was reported complete before its volume resumed`;
    }
    return undefined;
  });
}

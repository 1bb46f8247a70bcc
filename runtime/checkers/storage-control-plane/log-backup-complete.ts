import type { Checker } from "../../sim/checker";
import type { StorageControlPlane } from "../../storage/control/control-plane";
import { type Invariant, safetyOf } from "../invariant";

/** Every saved log segment was verified and holds exactly the volume's records, with no gap in sequence numbers. */
export const invariant: Invariant = {
  id: "storage/log-backup-complete",
  description: "Every saved log segment was verified and holds exactly the volume's records, with no gap in sequence numbers.",
};

/**
 * Every saved log segment was verified and holds exactly the volume's records, and the saved
 * sequence numbers run from 1 without a gap.
 */
export function logBackupComplete(cp: StorageControlPlane): Checker {
  const seen = new Map<string, number>();
  return safetyOf(invariant, () => {
    for (const volumeId of cp.data.logs.volumes()) {
      const list = cp.data.logs.list(volumeId);
      for (let k = seen.get(volumeId) ?? 0; k < list.length; k++) {
        const s = list[k] as (typeof list)[number];
        const expectedFrom = k === 0 ? 1 : (list[k - 1] as (typeof list)[number]).toSeq + 1;
        if (s.fromSeq !== expectedFrom)
          return `log backup of ${volumeId}: segment ${s.fromSeq}…${s.toSeq} after ${expectedFrom - 1} leaves a gap`;
        if (!s.verified) return `log backup of ${volumeId}: segment ${s.fromSeq}…${s.toSeq} was not verified`;
        const source = cp.data.volume(volumeId)?.log;
        const differs = source && s.records.find((r, i) => r.seq !== s.fromSeq + i || r.hash !== source[r.seq - 1]?.hash);
        if (differs) return `log backup of ${volumeId}: the saved copy of seq ${differs.seq} differs from the volume's log`;
      }
      seen.set(volumeId, list.length);
    }
    return undefined;
  });
}

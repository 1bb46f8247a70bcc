import type { Checker } from "../../sim/checker";
import type { StorageControlPlane } from "../../storage/control/control-plane";
import { type Invariant, safetyOf } from "../invariant";
import type { StorageOracle } from "./storage-oracle";

/** Every log segment saved holds exactly the client's writes of its sequence numbers, with no gap after the one before. */
export const invariant: Invariant = {
  id: "storage/log-backup-complete",
  description: "Every log segment saved holds exactly the client's writes of its sequence numbers, with no gap after the one before.",
};

/**
 * Each segment is judged when it appears in the bucket listing, record by record against the
 * oracle's own hash of the client's write — not by the `verified` flag the backup set, nor against
 * the volume's log the backup copied from. (Damage at rest afterwards is a fault restores must
 * detect: `storage/restore-from-archive` judges that.)
 */
export function logBackupComplete(cp: StorageControlPlane, oracle: StorageOracle): Checker {
  const seen = new Map<string, number>();
  return safetyOf(invariant, () => {
    for (const volumeId of cp.data.logs.volumes()) {
      const list = cp.data.logs.list(volumeId);
      const writes = oracle.writesTo(volumeId);
      for (let k = seen.get(volumeId) ?? 0; k < list.length; k++) {
        const s = list[k] as (typeof list)[number];
        const expectedFrom = k === 0 ? 1 : (list[k - 1] as (typeof list)[number]).toSeq + 1;
        if (s.fromSeq !== expectedFrom)
          return `log backup of ${volumeId}: segment ${s.fromSeq}…${s.toSeq} after ${expectedFrom - 1} leaves a gap`;
        if (s.records.length !== s.toSeq - s.fromSeq + 1)
          return `log backup of ${volumeId}: segment ${s.fromSeq}…${s.toSeq} holds ${s.records.length} records`;
        for (const [i, r] of s.records.entries()) {
          const w = writes[s.fromSeq + i - 1];
          if (r.seq !== s.fromSeq + i || !w || w.index !== r.index || w.contentHash !== r.hash)
            return `log backup of ${volumeId}: the saved copy of seq ${s.fromSeq + i} differs from the client's write`;
        }
      }
      seen.set(volumeId, list.length);
    }
    return undefined;
  });
}

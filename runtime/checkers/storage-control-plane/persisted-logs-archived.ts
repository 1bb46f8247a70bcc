import type { Checker } from "../../sim/checker";
import type { StorageControlPlane } from "../../storage/control/control-plane";
import { type Invariant, safetyOf } from "../invariant";
import { archiveReach } from "./archive-evidence";
import type { StorageOracle } from "./storage-oracle";

/** Logs are marked persisted only up to what the archive holds, verified against the client's writes. */
export const invariant: Invariant = {
  id: "storage/persisted-logs-archived",
  description: "Logs are marked persisted only up to what the archive holds, verified against the client's writes.",
};

/**
 * Each time a volume's persisted mark moves, every client write up to the mark must be in the
 * bucket, contiguous from seq 1, each record equal to the client's write: a mark moved after a
 * copy that failed verification promises a recovery the archive cannot give.
 */
export function persistedLogsArchived(cp: StorageControlPlane, oracle: StorageOracle): Checker {
  const marks = new Map<string, number>();
  return safetyOf(invariant, () => {
    for (const volumeId of cp.data.volumeIds()) {
      const mark = cp.data.persistedThroughMs(volumeId);
      if (mark === undefined || marks.get(volumeId) === mark) continue;
      marks.set(volumeId, mark);
      const writes = oracle.writesTo(volumeId);
      let due = 0;
      while (due < writes.length && (writes[due] as (typeof writes)[number]).atMs <= mark) due++;
      const reach = archiveReach(cp.data.logs.list(volumeId), writes, 1);
      const held = reach.hole ? reach.hole.seq - 1 : reach.throughSeq;
      if (held < due)
        return `${volumeId}'s logs are marked persisted through ${mark} ms (${due} writes), but the archive holds them verified only through seq ${held}`;
    }
    return undefined;
  });
}

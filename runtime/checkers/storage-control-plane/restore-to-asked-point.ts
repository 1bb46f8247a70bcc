import type { Checker } from "../../sim/checker";
import type { StorageControlPlane } from "../../storage/control/control-plane";
import { type Invariant, safetyOf } from "../invariant";
import { expectedRestore } from "./archive-evidence";
import type { StorageOracle } from "./storage-oracle";

/** A restore never goes past the point asked for, starts from the newest snapshot before it, and stops short of it only where the archived logs stop. */
export const invariant: Invariant = {
  id: "storage/restore-to-asked-point",
  description:
    "A restore never goes past the point asked for, starts from the newest snapshot before it, and stops short of it only where the archived logs stop.",
};

/** Where the logs stop is read from the bucket and the client's writes, not from the restore's own report. */
export function restoreToAskedPoint(cp: StorageControlPlane, oracle: StorageOracle): Checker {
  let seen = 0;
  return safetyOf(invariant, () => {
    for (; seen < cp.data.restores.length; seen++) {
      const r = cp.data.restores[seen];
      if (!r) continue;
      if (r.effectiveMs > r.atMs) return `${r.volume.id} was restored to ${r.effectiveMs} ms, past the ${r.atMs} ms asked for`;
      const want = expectedRestore(cp, oracle, r);
      if (r.snapshot?.id !== want.snapshot?.id)
        return `${r.volume.id} started from ${r.snapshot?.id ?? "no snapshot"}, not ${want.snapshot?.id ?? "the source's origin"}, the newest at or before ${r.atMs} ms`;
      if (r.lastSeq < want.lastSeq)
        return `${r.volume.id} holds ${r.sourceVolumeId}'s writes through seq ${r.lastSeq} although the logs give back seq ${want.lastSeq} up to ${r.atMs} ms`;
    }
    return undefined;
  });
}

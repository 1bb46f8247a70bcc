import type { Checker } from "../../sim/checker";
import type { StorageControlPlane } from "../../storage/control/control-plane";
import { type Invariant, safetyOf } from "../invariant";
import { expectedRestore } from "./archive-evidence";
import type { StorageOracle } from "./storage-oracle";

/** A restore holds only log records the archived backups verifiably give back (or a live source's host still caches), never one past a damaged or missing backup. */
export const invariant: Invariant = {
  id: "storage/restore-from-archive",
  description:
    "A restore holds only log records the archived backups verifiably give back (or a live source's host still caches), never one past a damaged or missing backup.",
};

/**
 * Judged from the bucket as it is (each archived record against the client's own write) and the
 * snapshot store, not from what the restore says it replayed: a restore that reached past the
 * archive read a log it must not trust — the source's memory, which a host failure takes.
 */
export function restoreFromArchive(cp: StorageControlPlane, oracle: StorageOracle): Checker {
  let seen = 0;
  return safetyOf(invariant, () => {
    for (; seen < cp.data.restores.length; seen++) {
      const r = cp.data.restores[seen];
      if (!r) continue;
      const want = expectedRestore(cp, oracle, r);
      if (r.lastSeq <= want.lastSeq) continue;
      const where = want.reach.hole
        ? `the log backup holding seq ${want.reach.hole.seq} is ${want.reach.hole.why}`
        : want.cached
          ? `the source held only ${want.asked} writes at ${r.atMs} ms`
          : `the archive verifiably holds seq ${want.reach.throughSeq} and the source's cached log was not to be used`;
      return `${r.volume.id} holds ${r.sourceVolumeId}'s writes through seq ${r.lastSeq}, past seq ${want.lastSeq}: ${where}`;
    }
    return undefined;
  });
}

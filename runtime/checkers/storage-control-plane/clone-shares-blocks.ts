import type { Checker } from "../../sim/checker";
import type { StorageControlPlane } from "../../storage/control/control-plane";
import { keepPartition } from "../../storage/data-plane";
import { type Invariant, safetyOf } from "../invariant";
import { expectedRestore } from "./archive-evidence";
import type { StorageOracle } from "./storage-oracle";

/** A copy-on-write clone or restore holds in its own blocks only those written after its snapshot (replayed from the source's log, or written to it); a full copy holds every block. */
export const invariant: Invariant = {
  id: "storage/clone-shares-blocks",
  description:
    "A copy-on-write clone or restore holds in its own blocks only those written after its snapshot (replayed from the source's log, or written to it); a full copy holds every block.",
};

/**
 * Judged from the volume's block map (which blocks it holds itself, which it shares with the
 * snapshot it started from) against the client's writes: the copies a copy-on-write volume made
 * are bounded by the blocks written after its snapshot — to the source before the point, or to
 * the volume since. A clone that copied everything at once while it reports copy-on-write fails.
 */
export function cloneSharesBlocks(cp: StorageControlPlane, oracle: StorageOracle): Checker {
  const tracked: { r: StorageControlPlane["data"]["restores"][number]; allowed: Set<number>; writesSeen: number; checked: boolean }[] = [];
  let seen = 0;
  return safetyOf(invariant, () => {
    for (; seen < cp.data.restores.length; seen++) {
      const r = cp.data.restores[seen];
      if (!r) continue;
      const from = (expectedRestore(cp, oracle, r).snapshot?.seq ?? 0) + 1;
      const keep = r.partition ? keepPartition(r.partition) : () => true;
      const allowed = new Set<number>();
      for (const w of oracle.writesTo(r.sourceVolumeId).slice(from - 1, r.lastSeq)) if (keep(w.index)) allowed.add(w.index);
      tracked.push({ r, allowed, writesSeen: 0, checked: false });
    }
    for (const t of tracked) {
      if (cp.data.volume(t.r.volume.id) !== t.r.volume) continue;
      const writes = oracle.writesTo(t.r.volume.id);
      if (t.checked && writes.length === t.writesSeen) continue;
      for (; t.writesSeen < writes.length; t.writesSeen++) t.allowed.add((writes[t.writesSeen] as (typeof writes)[number]).index);
      t.checked = true;
      const own = t.r.volume.ownIndexes();
      if (t.r.copy === "full-copy") {
        const all = t.r.volume.indexes();
        if (own.length !== all.length) return `${t.r.volume.id} reports a full copy but shares ${all.length - own.length} blocks`;
        continue;
      }
      const copied = own.filter((i) => !t.allowed.has(i));
      if (copied.length > 0)
        return `${t.r.volume.id} reports copy-on-write but holds ${own.length} blocks of its own, ${copied.length} of them (e.g. block ${copied[0]}) never written after its snapshot`;
    }
    return undefined;
  });
}

/**
 * What a restore could have replayed, judged without the data plane's word: the archived log
 * backups as they are in the bucket, each record compared with the client's own write of that
 * sequence number (the oracle's content hash); the source's snapshots as the snapshot store holds
 * them; and whether the control plane's task let the restore read a live host's cached tail.
 */
import type { StorageControlPlane } from "../../storage/control/control-plane";
import type { LogSegment } from "../../storage/log-archive";
import type { Snapshot } from "../../storage/snapshots";
import type { Ack, StorageOracle } from "./storage-oracle";

/** How far the archive verifiably holds a volume's writes from `fromSeq` on, and the first hole in it. */
export interface ArchiveReach {
  /** The last seq the archive holds, contiguous from `fromSeq` and equal to the client's write. */
  readonly throughSeq: number;
  /** A seq the listing should hold but does not give back intact (later segments exist or it is damaged). */
  readonly hole: { readonly seq: number; readonly why: "missing" | "damaged" } | undefined;
  /** Segments that verified and gave records from `fromSeq` on. */
  readonly segments: number;
}

export function archiveReach(list: readonly LogSegment[], writes: readonly Ack[], fromSeq: number): ArchiveReach {
  let next = fromSeq;
  let segments = 0;
  for (const s of list) {
    if (s.toSeq < next) continue;
    if (s.fromSeq > next) return { throughSeq: next - 1, hole: { seq: next, why: "missing" }, segments };
    const intact =
      s.records.length === s.toSeq - s.fromSeq + 1 &&
      s.records.every((r, i) => {
        const w = writes[r.seq - 1];
        return r.seq === s.fromSeq + i && w !== undefined && w.index === r.index && w.contentHash === r.hash;
      });
    if (!intact) return { throughSeq: next - 1, hole: { seq: next, why: "damaged" }, segments };
    next = s.toSeq + 1;
    segments++;
  }
  return { throughSeq: next - 1, hole: undefined, segments };
}

/** What one restore should hold, by the evidence. */
export interface ExpectedRestore {
  /** The newest snapshot of the source at or before the asked point (undefined: none). */
  readonly snapshot: Snapshot | undefined;
  /** The last write of the source the restore should hold. */
  readonly lastSeq: number;
  readonly reach: ArchiveReach;
  /** The task let it read the live host's cached tail past the archive. */
  readonly cached: boolean;
  /** The source's writes up to the asked point. */
  readonly asked: number;
}

export function expectedRestore(
  cp: StorageControlPlane,
  oracle: StorageOracle,
  r: StorageControlPlane["data"]["restores"][number],
): ExpectedRestore {
  const snapshot = cp.data.snapshots
    .of(r.sourceVolumeId)
    .filter((s) => s.atMs <= r.atMs)
    .at(-1);
  const writes = oracle.writesTo(r.sourceVolumeId);
  const fromSeq = (snapshot?.seq ?? 0) + 1;
  const reach = archiveReach(cp.data.logs.list(r.sourceVolumeId), writes, fromSeq);
  let cached = false;
  for (const h of cp.hosts)
    for (const { task } of h.ran) if (task.kind === "restore" && task.volumeId === r.volume.id) cached = task.useCachedLogs;
  let asked = 0;
  while (asked < writes.length && (writes[asked] as Ack).atMs <= r.atMs) asked++;
  const available = reach.hole ? reach.hole.seq - 1 : cached ? asked : reach.throughSeq;
  return { snapshot, lastSeq: Math.max(snapshot?.seq ?? 0, Math.min(asked, available)), reach, cached, asked };
}

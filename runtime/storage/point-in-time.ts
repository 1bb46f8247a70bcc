/**
 * Point-in-time restore and clone: the newest snapshot at or before t, then the
 * log records after it replayed up to t — always into a new volume, the source untouched. The
 * records come from whoever the caller names (`logs`): the archived log backups, and for a live
 * source the tail its host still caches. Replay stops where those records stop; the result then
 * reports `effectiveMs` < t. The new volume starts on the snapshot's frozen map (copy-on-write,
 * O(1)); after `cowLimit` copy-on-write clones of one source the next one is a full copy, as Aurora
 * does after 15.
 */
import type { BlockStore } from "./block-store";
import type { ArchiveGap } from "./log-archive";
import type { Snapshot, SnapshotStore } from "./snapshots";
import { type FrozenMap, type LogRecord, Volume } from "./volume";

/** The log records a restore may replay after its snapshot, and how far they reach. */
export interface LogSource {
  /** Records from the asked sequence number on, in order and contiguous. */
  readonly records: readonly LogRecord[];
  /** Every record the source wrote up to this time is in `records` (where the logs stop). */
  readonly untilMs: number;
  /** The archive could not give back a record: replay stopped there. */
  readonly gap?: ArchiveGap;
  /** How many archived log backups gave records. */
  readonly segments?: number;
}

export interface PointInTimeOptions {
  /** The new volume's id. */
  readonly id: string;
  /** The log records after the snapshot (`fromSeq` on) the restore may replay. */
  readonly logs: (fromSeq: number) => LogSource;
  /** Copy-on-write clones of this source made so far. */
  readonly clonesOfSource: number;
  /** @default 15 */
  readonly cowLimit?: number;
  /**
   * Only these blocks (repartition: one clone per partition, each without the others' data).
   * @default - every block
   */
  readonly keep?: (index: number) => boolean;
  /** Test-only planted bug: copy every block at once, yet report copy-on-write. */
  readonly eagerCopy?: boolean;
}

export interface PointInTimeResult {
  readonly volume: Volume;
  /** The snapshot it started from (undefined: the source's own origin). */
  readonly snapshot: Snapshot | undefined;
  /** The log records replayed: seq range, inclusive (empty when from > to). */
  readonly replayed: { readonly fromSeq: number; readonly toSeq: number; readonly count: number };
  /** The point the volume holds: t, or earlier when the logs stop short. */
  readonly effectiveMs: number;
  /** The last record of the source's log the volume holds (its snapshot's, or the last one replayed). */
  readonly lastSeq: number;
  readonly copy: "copy-on-write" | "full-copy";
  /** Where the logs stopped the replay (records after this time were not available). */
  readonly logsUntilMs: number;
  /** A damaged or missing log backup stopped the replay short of the logs' end. */
  readonly gap: ArchiveGap | undefined;
  /** How many archived log backups gave records. */
  readonly segments: number;
}

/**
 * A volume's own log as the restore's records, up to `untilMs`: the log of a live volume, for
 * callers that restore without an archive (the model test, the benchmark). The data plane's
 * restores read the archive instead.
 */
export function ownLog(volume: Volume, untilMs: number): (fromSeq: number) => LogSource {
  return (fromSeq) => ({ records: volume.log.slice(Math.max(0, fromSeq - 1)), untilMs });
}

export class OutsideWindowError extends Error {
  constructor(
    readonly atMs: number,
    readonly earliestMs: number,
  ) {
    super(`${atMs} ms is before the earliest restorable point ${earliestMs} ms`);
    this.name = "OutsideWindowError";
  }
}

export function restoreToPoint(
  store: BlockStore,
  snapshots: SnapshotStore,
  source: Volume,
  atMs: number,
  o: PointInTimeOptions,
): PointInTimeResult {
  if (atMs < source.createdAtMs) throw new OutsideWindowError(atMs, source.createdAtMs);
  const snapshot = snapshots.nearest(source.id, atMs);
  const full: FrozenMap = snapshot ?? source.origin;
  const keep = o.keep;
  // A filtered view, not a copy: the partition's volume still starts in O(1).
  const base: FrozenMap = keep ? { get: (i) => (keep(i) ? full.get(i) : undefined), indexes: () => full.indexes().filter(keep) } : full;
  const fromSeq = snapshot ? snapshot.seq + 1 : 1;
  const logs = o.logs(fromSeq);
  const until = Math.min(atMs, logs.untilMs);
  const volume = new Volume(o.id, store, base, atMs);
  if (snapshot) snapshots.retain(snapshot.id);
  let toSeq = fromSeq - 1;
  let count = 0;
  for (const r of logs.records) {
    if (r.seq < fromSeq) continue;
    // Contiguous or nothing: a record out of turn means the source handed over a broken log.
    if (r.seq !== toSeq + 1) throw new Error(`log of ${source.id}: seq ${r.seq} after ${toSeq}`);
    if (r.atMs > until) break;
    if (!keep || keep(r.index)) volume.apply(r);
    toSeq = r.seq;
    count++;
  }
  volume.sealOrigin();
  const copy = o.clonesOfSource >= (o.cowLimit ?? 15) ? "full-copy" : "copy-on-write";
  if (copy === "full-copy" || o.eagerCopy) {
    volume.flatten();
    if (snapshot) snapshots.release(snapshot.id);
  }
  const effectiveMs = logs.untilMs >= atMs ? atMs : Math.max(snapshot?.atMs ?? source.createdAtMs, logs.untilMs);
  const lastSeq = count > 0 ? toSeq : (snapshot?.seq ?? 0);
  return {
    volume,
    snapshot,
    replayed: { fromSeq, toSeq, count },
    effectiveMs,
    lastSeq,
    copy,
    logsUntilMs: logs.untilMs,
    gap: logs.gap,
    segments: logs.segments ?? 0,
  };
}

/**
 * Point-in-time restore and clone: the newest snapshot at or before t, then the
 * source's log replayed up to t — always into a new volume, the source untouched. Replay stops where
 * the persisted logs stop; the result then reports `effectiveMs` < t. The new volume starts on the
 * snapshot's frozen map (copy-on-write, O(1)); after `cowLimit` copy-on-write clones of one source
 * the next one is a full copy, as Aurora does after 15.
 */
import type { BlockStore } from "./block-store";
import type { Snapshot, SnapshotStore } from "./snapshots";
import { type FrozenMap, Volume } from "./volume";

export interface PointInTimeOptions {
  /** The new volume's id. */
  readonly id: string;
  /** Log records after this time are not available (the last persisted log, or the cached log's end). */
  readonly logsUntilMs: number;
  /** Copy-on-write clones of this source made so far. */
  readonly clonesOfSource: number;
  /** @default 15 */
  readonly cowLimit?: number;
  /**
   * Only these blocks (repartition: one clone per partition, each without the others' data).
   * @default - every block
   */
  readonly keep?: (index: number) => boolean;
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
  const until = Math.min(atMs, o.logsUntilMs);
  const volume = new Volume(o.id, store, base, atMs);
  if (snapshot) snapshots.retain(snapshot.id);
  let toSeq = fromSeq - 1;
  let count = 0;
  // The log is in seq order, seq k at index k-1: start at the first record after the snapshot.
  for (let k = Math.max(0, fromSeq - 1); k < source.log.length; k++) {
    const r = source.log[k] as (typeof source.log)[number];
    if (r.atMs > until) break;
    if (!keep || keep(r.index)) volume.apply(r);
    toSeq = r.seq;
    count++;
  }
  volume.sealOrigin();
  const copy = o.clonesOfSource >= (o.cowLimit ?? 15) ? "full-copy" : "copy-on-write";
  if (copy === "full-copy") {
    volume.flatten();
    if (snapshot) snapshots.release(snapshot.id);
  }
  const effectiveMs = o.logsUntilMs >= atMs ? atMs : Math.max(snapshot?.atMs ?? source.createdAtMs, o.logsUntilMs);
  const lastSeq = count > 0 ? toSeq : (snapshot?.seq ?? 0);
  return { volume, snapshot, replayed: { fromSeq, toSeq, count }, effectiveMs, lastSeq, copy };
}

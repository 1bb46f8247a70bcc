/**
 * Data volumes (the data plane): a block map over the content-addressed store, and a log of
 * sequenced records — every write is one record `(seq, atMs, block, hash)`. A volume made from a
 * snapshot or as a clone starts on a frozen base map (copy-on-write: O(1), nothing copied) and keeps
 * its own writes in a top layer, so writes to the clone and the source never meet.
 */
import type { BlockHash, BlockStore } from "./block-store";

/** A read-only block map: what a snapshot is, and what a volume starts from. */
export interface FrozenMap {
  get(index: number): BlockHash | undefined;
  /** Every mapped index, ascending. */
  indexes(): number[];
}

export const EMPTY_MAP: FrozenMap = { get: () => undefined, indexes: () => [] };

export interface LogRecord {
  readonly seq: number;
  readonly atMs: number;
  readonly index: number;
  readonly hash: BlockHash;
}

export class Volume {
  /** This volume's own writes since it was made (the copy-on-write top layer). */
  private readonly top = new Map<number, BlockHash>();
  /** Indexes written since the last snapshot (what an incremental snapshot stores). */
  private dirty = new Set<number>();
  readonly log: LogRecord[] = [];
  private seq = 0;

  /** The volume's content when it was made, kept for restores of it before its first snapshot. */
  origin: FrozenMap;

  constructor(
    readonly id: string,
    private readonly store: BlockStore,
    /** The frozen map the volume started from (a snapshot's, for restores and clones). */
    private base: FrozenMap = EMPTY_MAP,
    /** When the volume was made (restores before this fall back to its origin). */
    readonly createdAtMs = 0,
  ) {
    this.origin = base;
  }

  get lastSeq(): number {
    return this.seq;
  }

  /** Writes one block; returns the log record. */
  write(index: number, bytes: Uint8Array, atMs: number): LogRecord {
    const hash = this.store.put(bytes);
    // One reference for the block map, one for the log record (the log is replayed by restores later).
    this.store.ref(hash);
    this.store.ref(hash);
    const old = this.top.get(index);
    if (old !== undefined) this.store.unref(old);
    this.top.set(index, hash);
    this.dirty.add(index);
    this.seq += 1;
    const record = { seq: this.seq, atMs, index, hash };
    this.log.push(record);
    return record;
  }

  /** Applies a record replayed from another volume's log (restore, clone). */
  apply(record: LogRecord): void {
    this.store.ref(record.hash);
    const old = this.top.get(record.index);
    if (old !== undefined) this.store.unref(old);
    this.top.set(record.index, record.hash);
    this.dirty.add(record.index);
  }

  read(index: number): Uint8Array | undefined {
    const h = this.top.get(index) ?? this.base.get(index);
    return h === undefined ? undefined : this.store.get(h);
  }

  hashAt(index: number): BlockHash | undefined {
    return this.top.get(index) ?? this.base.get(index);
  }

  /**
   * The indexes whose block this volume holds in its own layer (replayed, written or copied), as
   * opposed to those it still shares with the frozen map it started from: what copy-on-write bounds.
   */
  ownIndexes(): number[] {
    return [...this.top.keys()].sort((a, b) => a - b);
  }

  /** Whether block `index` is still shared with the frozen map the volume started from (a write copies it). */
  shares(index: number): boolean {
    return !this.top.has(index) && this.base.get(index) !== undefined;
  }

  indexes(): number[] {
    return [...new Set([...this.base.indexes(), ...this.top.keys()])].sort((a, b) => a - b);
  }

  /** Blocks changed since the last snapshot, and forgets them (the snapshot took them). */
  takeDirty(): Map<number, BlockHash> {
    const out = new Map<number, BlockHash>();
    for (const i of [...this.dirty].sort((a, b) => a - b)) out.set(i, this.hashAt(i) as BlockHash);
    this.dirty = new Set();
    return out;
  }

  /**
   * Freezes the current content as the volume's origin (after a restore replayed its logs): a later
   * restore of this volume to a point before its first snapshot starts there.
   */
  sealOrigin(): void {
    const base = this.base;
    const frozen = new Map(this.top);
    this.origin = {
      get: (i) => frozen.get(i) ?? base.get(i),
      indexes: () => [...new Set([...base.indexes(), ...frozen.keys()])].sort((a, b) => a - b),
    };
  }

  /** Copies the base into the top layer (a full copy: the volume no longer shares its source's blocks). */
  flatten(): void {
    for (const i of this.base.indexes())
      if (!this.top.has(i)) {
        const h = this.base.get(i) as BlockHash;
        this.store.ref(h);
        this.top.set(i, h);
      }
    this.base = EMPTY_MAP;
  }

  /** Releases the volume's own blocks (delete). */
  release(): void {
    for (const h of this.top.values()) this.store.unref(h);
    this.top.clear();
  }
}

/**
 * Incremental snapshots: a snapshot stores only the blocks its volume changed since the
 * previous one, on top of that previous snapshot; reading it falls through the chain. Storage is
 * counted in unique blocks across every snapshot; deleting one hands the blocks its successor still
 * needs over to the successor and frees the rest — the EBS rule. A snapshot that restores or clones
 * depend on stays readable until they are gone (deleting a source never affects its clones).
 */
import type { BlockHash, BlockStore } from "./block-store";
import type { FrozenMap, Volume } from "./volume";

export interface Snapshot extends FrozenMap {
  readonly id: string;
  readonly volumeId: string;
  readonly atMs: number;
  /** The last log record of the volume the snapshot includes. */
  readonly seq: number;
  readonly tier: "data-plane" | "control-plane";
}

class SnapshotNode implements Snapshot {
  deleted = false;
  dependents = 0;
  constructor(
    readonly id: string,
    readonly volumeId: string,
    readonly atMs: number,
    readonly seq: number,
    readonly tier: "data-plane" | "control-plane",
    public base: SnapshotNode | undefined,
    readonly delta: Map<number, BlockHash>,
  ) {}
  get(index: number): BlockHash | undefined {
    for (let s: SnapshotNode | undefined = this; s; s = s.base) {
      const h = s.delta.get(index);
      if (h !== undefined) return h;
    }
    return undefined;
  }
  indexes(): number[] {
    const all = new Set<number>();
    for (let s: SnapshotNode | undefined = this; s; s = s.base) for (const i of s.delta.keys()) all.add(i);
    return [...all].sort((a, b) => a - b);
  }
}

export class SnapshotStore {
  private readonly byId = new Map<string, SnapshotNode>();
  private readonly latest = new Map<string, SnapshotNode>();
  /** References per block from snapshot deltas (the snapshot storage bill). */
  private readonly refs = new Map<BlockHash, number>();
  private counter = 0;

  constructor(private readonly store: BlockStore) {}

  /** Snapshots a volume now: only its blocks changed since its previous snapshot are stored. */
  take(volume: Volume, atMs: number, tier: Snapshot["tier"] = "data-plane"): Snapshot {
    const previous = this.latest.get(volume.id);
    // A volume's first snapshot holds every block (its base included); content addressing still
    // counts a block shared with the source's snapshots once.
    const dirty = volume.takeDirty();
    const delta = previous ? dirty : new Map(volume.indexes().map((i) => [i, volume.hashAt(i) as BlockHash]));
    for (const h of delta.values()) this.hold(h);
    this.counter += 1;
    const node = new SnapshotNode(`snap-${this.counter}`, volume.id, atMs, volume.lastSeq, tier, previous, delta);
    this.byId.set(node.id, node);
    this.latest.set(volume.id, node);
    return node;
  }

  /** A snapshot by id (undefined once deleted). */
  get(id: string): Snapshot | undefined {
    const s = this.byId.get(id);
    return s && !s.deleted ? s : undefined;
  }

  /** The volume's snapshots, oldest first (deleted ones left out). */
  of(volumeId: string): Snapshot[] {
    return [...this.byId.values()].filter((s) => s.volumeId === volumeId && !s.deleted).sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
  }

  /** The newest snapshot of the volume taken at or before `atMs`. */
  nearest(volumeId: string, atMs: number): Snapshot | undefined {
    return this.of(volumeId)
      .filter((s) => s.atMs <= atMs)
      .at(-1);
  }

  /** A restore or clone reads this snapshot: it stays until `release`. */
  retain(id: string): void {
    const s = this.byId.get(id);
    if (s) s.dependents += 1;
  }

  release(id: string): void {
    const s = this.byId.get(id);
    if (!s) return;
    s.dependents -= 1;
    if (s.deleted && s.dependents <= 0) this.reclaim(s);
  }

  /** Deletes a snapshot: its successor keeps what it needs, the rest is freed. */
  delete(id: string): void {
    const s = this.byId.get(id);
    if (!s || s.deleted) return;
    s.deleted = true;
    if (s.dependents <= 0) this.reclaim(s);
  }

  private reclaim(s: SnapshotNode): void {
    const successors = [...this.byId.values()].filter((x) => x.base === s);
    for (const next of successors)
      for (const [i, h] of s.delta)
        if (!next.delta.has(i)) {
          next.delta.set(i, h);
          this.hold(h);
        }
    for (const next of successors) next.base = s.base;
    for (const h of s.delta.values()) this.drop(h);
    s.delta.clear();
    this.byId.delete(s.id);
    if (this.latest.get(s.volumeId) === s) {
      const newest = this.of(s.volumeId).at(-1) as SnapshotNode | undefined;
      if (newest) this.latest.set(s.volumeId, newest);
      else this.latest.delete(s.volumeId);
    }
  }

  private hold(h: BlockHash): void {
    this.refs.set(h, (this.refs.get(h) ?? 0) + 1);
    this.store.ref(h);
  }

  private drop(h: BlockHash): void {
    const n = (this.refs.get(h) ?? 0) - 1;
    if (n <= 0) this.refs.delete(h);
    else this.refs.set(h, n);
    this.store.unref(h);
  }

  /** Blocks the snapshots hold, counted once each (what snapshot storage costs). */
  get storedBlocks(): number {
    return this.refs.size;
  }
}

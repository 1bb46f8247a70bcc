/**
 * The storage tier the cache sits in front of: the engine ships redo records,
 * never page images; storage acknowledges each record once its protection group holds it;
 * the durable point is the highest LSN below which every record is acknowledged; commits are
 * acknowledged to clients only once the durable point covers them. On engine recovery storage
 * reports its consistent LSN R (the durable point), drops every record above it, and new LSNs are
 * issued above every LSN issued before the crash (cache/lsns-above-crash).
 *
 * Pages are materialized by replaying a page's records in LSN order over a zero page; that replay
 * is also the checkers' oracle S(p, R). The newest version of each page is also kept applied (its
 * image), so a miss costs one copy instead of a replay of the page's whole history.
 */
import { PageSlab } from "./page-slab";

export interface RedoRecord {
  readonly lsn: number;
  readonly pageId: number;
  /** Byte offset in the page of the bytes written. */
  readonly offset: number;
  readonly bytes: Uint8Array;
  /** The engine epoch that issued it (fencing). */
  readonly epoch: number;
}

export class RedoStorage {
  readonly pageSize: number;
  /** Records by page, in LSN order. */
  private readonly byPage = new Map<number, RedoRecord[]>();
  /** Each page with every record it holds applied, and the LSN of its last record. */
  private readonly images: PageSlab;
  private readonly imageLsn = new Map<number, number>();
  private readonly acked = new Set<number>();
  private issuedMax = 0;
  private durable = 0;
  /** The lowest epoch still allowed to write (bumped by the fence). */
  private fenceEpoch = 0;
  /** Page reads served (misses and prefetches); what cache/no-storage-reads-in-recovery counts. */
  reads = 0;
  /** Page-version lookups served (no page bytes move): what a cache reloaded from its file asks. */
  versionLookups = 0;

  /** Where kept records' bytes live: a view each into a few large chunks, not an ArrayBuffer per record. */
  private readonly arena = new ByteArena();

  constructor(pageSize: number) {
    this.pageSize = pageSize;
    this.zeroPage = new Uint8Array(pageSize);
    this.images = new PageSlab(pageSize);
  }

  /** The highest LSN storage knows was issued (received, or reported by a recovering engine). */
  get highestIssued(): number {
    return this.issuedMax;
  }

  get durablePoint(): number {
    return this.durable;
  }

  /** The newest engine epoch storage has fenced to: a cache superblock reloaded from a file may be older. */
  get fencedEpoch(): number {
    return this.fenceEpoch;
  }

  /**
   * The LSN of the last record of `pageId` storage holds (0: none) — the page's version, without its
   * bytes. After a recovery every record above R is dropped, so this is the version at R. A cache
   * reloaded from its file after a power loss compares each slot's page LSN with it: a lost write
   * leaves an older, self-consistent version in the file.
   */
  pageVersion(pageId: number): number {
    this.versionLookups += 1;
    const list = this.byPage.get(pageId);
    return list ? (list[list.length - 1] as RedoRecord).lsn : 0;
  }

  /**
   * Receives a record (the engine's ship) and keeps a copy of it; false when its epoch is fenced.
   * The record's bytes are the sender's: only the copy in the redo arena is kept.
   */
  receive(r: RedoRecord): boolean {
    if (r.epoch < this.fenceEpoch) return false;
    if (r.offset < 0 || r.offset + r.bytes.length > this.pageSize) throw new RangeError(`redo ${r.lsn} writes outside page ${r.pageId}`);
    let list = this.byPage.get(r.pageId);
    if (!list) {
      list = [];
      this.byPage.set(r.pageId, list);
    }
    const kept: RedoRecord = { lsn: r.lsn, pageId: r.pageId, offset: r.offset, bytes: this.arena.copy(r.bytes), epoch: r.epoch };
    list.push(kept);
    const image = this.images.get(r.pageId);
    if (list.length > 1 && (list[list.length - 2] as RedoRecord).lsn > r.lsn) {
      list.sort((a, b) => a.lsn - b.lsn);
      this.rebuildImage(r.pageId, list);
    } else if (image) {
      image.set(kept.bytes, kept.offset);
      this.imageLsn.set(r.pageId, kept.lsn);
    } else this.rebuildImage(r.pageId, list);
    this.received.add(r.lsn);
    this.issuedMax = Math.max(this.issuedMax, r.lsn);
    return true;
  }

  /** The protection group holds `lsn`; the durable point moves over every contiguous ack. */
  ack(lsn: number): void {
    if (!this.has(lsn)) return;
    this.acked.add(lsn);
    for (;;) {
      const next = this.durable + 1;
      // LSNs lost with a crashed engine form a dead range the durable point steps over, but only
      // once the first LSN after it is acknowledged: R of a second recovery must not move past the first's.
      const dead = this.deadFrom(next);
      if (dead && this.acked.has(dead[1] + 1)) this.durable = dead[1] + 1;
      else if (!dead && this.acked.has(next)) this.durable = next;
      else break;
    }
  }

  private deadFrom(lsn: number): [number, number] | undefined {
    for (const range of this.dead) if (range[0] === lsn) return range;
    return undefined;
  }

  /** Ranges [from, to] of LSNs issued before a crash above its R: never durable, never served. */
  private readonly dead: [number, number][] = [];

  private has(lsn: number): boolean {
    return this.received.has(lsn);
  }
  private readonly received = new Set<number>();

  isDurable(lsn: number): boolean {
    return lsn <= this.durable;
  }

  /**
   * Engine recovery: fence every epoch below `epoch`, fix R = the durable point, drop the records
   * above it. `issuedByEngine` is the highest LSN the engine recorded as issued (it may never have
   * reached storage); new LSNs must start above `highestIssued`. Returns R.
   */
  recover(epoch: number, issuedByEngine = 0): number {
    this.fenceEpoch = epoch;
    this.issuedMax = Math.max(this.issuedMax, issuedByEngine);
    const r = this.durable;
    for (const [page, list] of this.byPage) {
      if ((list[list.length - 1] as RedoRecord).lsn <= r) continue;
      const kept = list.filter((x) => x.lsn <= r);
      if (kept.length) {
        this.byPage.set(page, kept);
        this.rebuildImage(page, kept);
      } else {
        this.byPage.delete(page);
        this.images.delete(page);
        this.imageLsn.delete(page);
      }
    }
    for (const lsn of [...this.acked]) if (lsn > r) this.acked.delete(lsn);
    for (const lsn of [...this.received]) if (lsn > r) this.received.delete(lsn);
    if (this.issuedMax > r) {
      const same = this.dead.find(([from]) => from === r + 1);
      if (same) same[1] = Math.max(same[1], this.issuedMax);
      else this.dead.push([r + 1, this.issuedMax]);
    }
    return r;
  }

  /** Page `pageId` with every record ≤ `atLsn` applied (S(p, atLsn)), a copy. Not counted as a read. */
  materialize(pageId: number, atLsn = Number.POSITIVE_INFINITY): { bytes: Uint8Array; lsn: number } {
    const bytes = new Uint8Array(this.pageSize);
    return { bytes, lsn: this.materializeInto(pageId, atLsn, bytes) };
  }

  /** S(p, atLsn) written into `out` (pageSize bytes); returns the LSN of the last record applied (0: none). */
  materializeInto(pageId: number, atLsn: number, out: Uint8Array): number {
    const image = this.images.get(pageId);
    const lsn = this.imageLsn.get(pageId) ?? 0;
    if (image !== undefined && lsn <= atLsn) {
      out.set(image);
      return lsn;
    }
    return this.replay(pageId, atLsn, out);
  }

  private rebuildImage(pageId: number, list: readonly RedoRecord[]): void {
    const last = list[list.length - 1] as RedoRecord;
    this.imageLsn.set(pageId, this.replay(pageId, last.lsn, this.images.getOrAdd(pageId)));
  }

  /** Replays the page's records up to `atLsn` over zeros in `out`; returns the last LSN applied. */
  private replay(pageId: number, atLsn: number, out: Uint8Array): number {
    out.fill(0);
    let lsn = 0;
    for (const r of this.byPage.get(pageId) ?? []) {
      if (r.lsn > atLsn) break;
      out.set(r.bytes, r.offset);
      lsn = r.lsn;
    }
    return lsn;
  }

  /**
   * A page read by the engine (a miss or a prefetch): the newest version storage holds. The bytes
   * are storage's own image of the page, valid until the next `receive` or `recover`: the engine
   * copies them into a slot at once, so a miss costs one copy, not two. Never write to them.
   */
  readPage(pageId: number): { readonly bytes: Uint8Array; readonly lsn: number } {
    this.reads += 1;
    const image = this.images.get(pageId);
    return image ? { bytes: image, lsn: this.imageLsn.get(pageId) ?? 0 } : { bytes: this.zeroPage, lsn: 0 };
  }
  private readonly zeroPage: Uint8Array;

  /** Every page id storage holds records for. */
  pages(): number[] {
    return [...this.byPage.keys()].sort((a, b) => a - b);
  }
}

/** Bytes under 64 KiB per chunk. */
const ARENA_CHUNK_BYTES = 1 << 16;

/**
 * Append-only byte storage: each copy is a view into a shared chunk. A `slice` per redo record made
 * an ArrayBuffer (a backing store outside the heap, tracked one by one by the garbage collector) for
 * each of a run's thousands of writes, all kept to the end of the run.
 */
class ByteArena {
  private chunk = new Uint8Array(0);
  private used = 0;

  /** A copy of `bytes` that nothing else holds. */
  copy(bytes: Uint8Array): Uint8Array {
    const n = bytes.length;
    if (n > ARENA_CHUNK_BYTES >> 2) return bytes.slice();
    if (this.used + n > this.chunk.length) {
      this.chunk = new Uint8Array(ARENA_CHUNK_BYTES);
      this.used = 0;
    }
    const view = this.chunk.subarray(this.used, this.used + n);
    view.set(bytes);
    this.used += n;
    return view;
  }
}

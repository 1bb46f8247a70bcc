/**
 * The database engine's side of the survivable cache: reads (hit, or a miss filled from storage),
 * writes (redo shipped, page updated in place, never written back), clock eviction. Its own memory
 * — the page→slot index, the clock hand — dies with it; the slots live in the shared buffer.
 *
 * The write path:
 *   lock → intent LSN L and WRITING → ship redo L → seq odd → apply bytes → page LSN L, crc,
 *   intent 0, VALID → seq even → unlock
 * The intent is visible before redo L can be acknowledged: a crash after the ack but before the
 * apply leaves a slot that recovery refuses, instead of an old page that looks valid.
 *
 * Every step calls `hooks.step(name)` first. The simulator crashes the engine there (between any
 * two steps, or between two chunks of a page copy: a torn page); real mode needs no hook, the
 * worker is terminated wherever it is.
 */
import { crc32 } from "node:zlib";
import { type CacheMemory, OwnerState, SlotState } from "./layout";
import type { RedoRecord } from "./redo-storage";

/** Where a page read comes from, and how redo goes out (the storage driver). */
export interface StorageDriver {
  /** Reads the newest version of a page (counts as a storage read). */
  readPage(pageId: number): { bytes: Uint8Array; lsn: number };
  /**
   * Sends a redo record; the acknowledgement comes later, from storage. Its bytes are the
   * caller's and valid only during the call: storage keeps a copy (a worker's `postMessage` clones them).
   */
  ship(record: RedoRecord): void;
  /** LSNs at or below this are durable: a slot may be evicted once its page LSN is. */
  durablePoint(): number;
}

export interface EngineHooks {
  /**
   * Called before every step of the read, fill and write paths with the slot it works on; throw to
   * crash the engine there. A write-through mirror copies the slot here.
   */
  step(name: string, slot?: number): void;
}

/** Test-only ways to break the engine, to prove the checkers catch each break. */
export interface EngineMutants {
  /** Ship redo without recording the intent LSN first (the planted bug cache.skipIntent). */
  readonly skipIntent?: boolean;
}

export interface CacheEngineOptions {
  /** The epoch this engine owns (from the fence). */
  readonly epoch: number;
  /** Lazy engines check LSN and checksum on first access; eager ones were checked in recovery. */
  readonly mode: "eager" | "lazy";
  readonly hooks?: EngineHooks;
  readonly mutants?: EngineMutants;
  /** Bytes copied per step of a page copy; a crash between two chunks tears the page. */
  readonly chunkBytes?: number;
}

export interface ReadResult {
  readonly bytes: Uint8Array;
  readonly hit: boolean;
  readonly lsn: number;
}

/** Thrown when the engine finds it no longer owns the cache (another engine fenced it). */
export class FencedError extends Error {
  constructor(epoch: number, owner: number) {
    super(`engine of epoch ${epoch} is fenced: the cache is owned by epoch ${owner}`);
    this.name = "FencedError";
  }
}

const NO_HOOKS: EngineHooks = { step: () => {} };

/** CRC-32 (IEEE, reflected, as zlib computes it) of each byte value. */
const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** `crc` (the running register, not inverted) continued over the four bytes of `word`, most significant first. */
function crcWord(crc: number, word: number): number {
  let c = crc;
  c = (c >>> 8) ^ (CRC_TABLE[(c ^ (word >>> 24)) & 255] as number);
  c = (c >>> 8) ^ (CRC_TABLE[(c ^ (word >>> 16)) & 255] as number);
  c = (c >>> 8) ^ (CRC_TABLE[(c ^ (word >>> 8)) & 255] as number);
  return (c >>> 8) ^ (CRC_TABLE[(c ^ word) & 255] as number);
}

/**
 * The slot's checksum: CRC-32 of page id, page LSN (as two 64-bit big-endian words) and bytes.
 * The 16 header bytes are folded in here and the page by zlib, continuing from them: one native
 * call per checksum instead of two (the call, not the bytes, was most of its cost for small pages).
 */
export function slotCrc(pageId: number, lsn: number, bytes: Uint8Array): number {
  // Ids and LSNs stay below 2^53: the high and low 32 bits are taken without BigInt.
  let c = -1;
  c = crcWord(c, Math.floor(pageId / 2 ** 32));
  c = crcWord(c, pageId >>> 0);
  c = crcWord(c, Math.floor(lsn / 2 ** 32));
  c = crcWord(c, lsn >>> 0);
  return crc32(bytes, (c ^ -1) >>> 0);
}

export class CacheEngine {
  readonly epoch: number;
  private readonly index: Map<number, number>;
  private hand = 0;
  private readonly hooks: EngineHooks;
  private readonly chunk: number;
  /** Storage reads this engine made (misses). */
  misses = 0;
  hits = 0;
  /** Slots found inconsistent on first access (lazy mode). */
  lazyInvalidated = 0;

  constructor(
    readonly memory: CacheMemory,
    private readonly storage: StorageDriver,
    private readonly options: CacheEngineOptions,
    index: Map<number, number>,
  ) {
    this.epoch = options.epoch;
    this.index = index;
    this.hooks = options.hooks ?? NO_HOOKS;
    this.chunk = options.chunkBytes ?? memory.pageSize;
  }

  /** Pages the engine can serve from memory now. */
  get cachedPages(): number {
    return this.index.size;
  }

  /** The slot holding a page, if indexed. */
  slotOf(pageId: number): number | undefined {
    return this.index.get(pageId);
  }

  /**
   * Reads a page: a copy of its bytes, in `into` when given (a caller's reusable buffer of
   * `pageSize` bytes, overwritten by the next read into it), else in a new array.
   */
  read(pageId: number, into?: Uint8Array): ReadResult {
    this.gate();
    const slot = this.index.get(pageId);
    if (slot !== undefined && this.usable(slot)) {
      this.hooks.step("read-copy", slot);
      const copy = this.copyOut(slot, into);
      if (copy) {
        this.hits += 1;
        this.memory.setClockBit(slot, 1);
        return copy;
      }
    }
    const filled = this.fill(pageId);
    return { bytes: this.memory.copyPage(filled, into), lsn: this.memory.pageLsn(filled), hit: false };
  }

  /** Writes `data` at `offset` of a page; returns the LSN (committed once storage makes it durable). */
  write(pageId: number, offset: number, data: Uint8Array): number {
    this.gate();
    let slot = this.index.get(pageId);
    if (slot === undefined || !this.usable(slot)) slot = this.fill(pageId);
    const m = this.memory;
    const lsn = this.allocLsn();
    this.hooks.step("write-lock", slot);
    if (!m.tryLock(slot)) throw new Error(`slot ${slot} is locked: the engine is single-writer per slot`);
    if (!this.options.mutants?.skipIntent) {
      this.hooks.step("write-intent", slot);
      m.setIntentLsn(slot, lsn);
      m.setWriterEpoch(slot, this.epoch);
      m.setState(slot, SlotState.WRITING);
    }
    this.hooks.step("write-ship", slot);
    this.storage.ship({ lsn, pageId, offset, bytes: data, epoch: this.epoch });
    this.hooks.step("write-seq-odd", slot);
    m.bumpSeq(slot);
    this.copyIn(m.page(slot), offset, data, "write-apply", slot);
    this.hooks.step("write-finalize", slot);
    m.setPageLsn(slot, lsn);
    m.setCrc(slot, slotCrc(pageId, lsn, m.page(slot)));
    m.setIntentLsn(slot, 0);
    m.setCheckedEpoch(slot, this.epoch);
    m.setState(slot, SlotState.VALID);
    this.hooks.step("write-seq-even", slot);
    m.bumpSeq(slot);
    this.hooks.step("write-unlock", slot);
    m.unlock(slot);
    m.setClockBit(slot, 1);
    this.hooks.step("write-done", slot);
    return lsn;
  }

  /** Takes the next LSN, recording it in the superblock first so recovery knows every LSN ever issued. */
  private allocLsn(): number {
    const lsn = this.memory.nextLsnFloor + 1;
    this.memory.nextLsnFloor = lsn;
    return lsn;
  }

  /** Nothing is served unless this engine owns the cache and it is running. */
  private gate(): void {
    const owner = this.memory.ownerEpoch;
    if (owner !== this.epoch) throw new FencedError(this.epoch, owner);
    if (this.memory.ownerState !== OwnerState.RUNNING) throw new Error(`the cache is not running (state ${this.memory.ownerState})`);
  }

  /**
   * Lazy mode: the first access in this epoch checks the checksum and the page LSN against R of the
   * recovery that ended the epoch which last wrote the slot — storage dropped that epoch's redo above
   * it, whatever later recoveries found. A slot too old for the table is not trusted.
   */
  private usable(slot: number): boolean {
    const m = this.memory;
    if (m.state(slot) !== SlotState.VALID) return false;
    if (this.options.mode === "eager" || m.checkedEpoch(slot) === this.epoch) return true;
    this.hooks.step("lazy-check", slot);
    const r = m.recoveryPointOf(m.writerEpoch(slot) + 1);
    const ok = r !== undefined && m.pageLsn(slot) <= r && m.crc(slot) === slotCrc(m.pageId(slot), m.pageLsn(slot), m.page(slot));
    if (ok) m.setCheckedEpoch(slot, this.epoch);
    else {
      m.setState(slot, SlotState.INVALID);
      this.index.delete(m.pageId(slot));
      this.lazyInvalidated += 1;
    }
    return ok;
  }

  /** A hit's copy under the seqlock: retry while a writer holds it odd or it moved during the copy. */
  private copyOut(slot: number, into: Uint8Array | undefined): ReadResult | undefined {
    const m = this.memory;
    for (let attempt = 0; attempt < 1000; attempt++) {
      const before = m.seq(slot);
      if (before % 2 === 1) continue;
      const bytes = m.copyPage(slot, into);
      const lsn = m.pageLsn(slot);
      if (m.seq(slot) === before && m.state(slot) === SlotState.VALID) return { bytes, lsn, hit: true };
    }
    return undefined;
  }

  private copyIn(target: Uint8Array, offset: number, data: Uint8Array, step: string, slot: number): void {
    if (data.length > 0 && data.length <= this.chunk) {
      // One step: no chunk views to make.
      this.hooks.step(step, slot);
      target.set(data, offset);
      return;
    }
    for (let at = 0; at < data.length; at += this.chunk) {
      this.hooks.step(step, slot);
      target.set(data.subarray(at, Math.min(data.length, at + this.chunk)), offset + at);
    }
  }

  /** A miss: pick a victim by clock, read the page from storage into it. */
  private fill(pageId: number): number {
    const m = this.memory;
    const slot = this.victim();
    const old = m.state(slot) === SlotState.VALID ? m.pageId(slot) : undefined;
    if (old !== undefined && this.index.get(old) === slot) this.index.delete(old);
    this.index.delete(pageId);
    this.hooks.step("fill-lock", slot);
    if (!m.tryLock(slot)) throw new Error(`slot ${slot} is locked: the engine is single-writer per slot`);
    this.hooks.step("fill-begin", slot);
    m.bumpSeq(slot);
    m.setState(slot, SlotState.FILLING);
    m.setPageId(slot, pageId);
    const page = this.storage.readPage(pageId);
    this.misses += 1;
    this.copyIn(m.page(slot), 0, page.bytes, "fill-copy", slot);
    this.hooks.step("fill-finalize", slot);
    m.setPageLsn(slot, page.lsn);
    m.setCrc(slot, slotCrc(pageId, page.lsn, m.page(slot)));
    m.setIntentLsn(slot, 0);
    m.setWriterEpoch(slot, this.epoch);
    m.setCheckedEpoch(slot, this.epoch);
    m.setState(slot, SlotState.VALID);
    m.bumpSeq(slot);
    this.hooks.step("fill-unlock", slot);
    m.unlock(slot);
    m.setClockBit(slot, 1);
    this.index.set(pageId, slot);
    this.hooks.step("fill-done", slot);
    return slot;
  }

  /**
   * Clock: a FREE or INVALID slot first, else a VALID one whose clock bit is clear and whose page
   * LSN is durable (a page is dropped only once its latest redo is acknowledged: there is no
   * write-back). Two full turns without a victim means every slot waits for acks.
   */
  private victim(): number {
    const m = this.memory;
    const durable = this.storage.durablePoint();
    for (let turn = 0; turn < 2 * m.slotCount + 1; turn++) {
      const slot = this.hand;
      this.hand = (this.hand + 1) % m.slotCount;
      const state = m.state(slot);
      if (state === SlotState.FREE || state === SlotState.INVALID) return slot;
      if (state !== SlotState.VALID || m.pageLsn(slot) > durable) continue;
      if (m.clockBit(slot) === 1) m.setClockBit(slot, 0);
      else return slot;
    }
    throw new Error("no slot can be evicted: every cached page waits for its redo to be acknowledged");
  }
}

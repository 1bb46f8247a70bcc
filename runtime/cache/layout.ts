/**
 * The survivable cache's memory: one SharedArrayBuffer that outlives the engine.
 * The supervisor owns the buffer; the engine (a worker thread in real mode, a step machine in the
 * simulator) only maps it. Everything the recovering engine needs is in the buffer itself — the
 * page→slot index is engine memory and is rebuilt from the slot headers, because a shared hash
 * table could be left half-updated by a crash.
 *
 *   superblock (4 KiB) | slot headers (64 B each) | page area (slotCount × pageSize)
 *
 * Int32 words are accessed with Atomics (state, seqlock, lock); LSNs and page ids are 64-bit words,
 * read and written as their two 32-bit halves (a BigInt per access cost more than the rest of a read).
 */

export const MAGIC = 0x43414348; // "CACH"
export const LAYOUT_VERSION = 1;
export const SUPERBLOCK_BYTES = 4096;
export const SLOT_HEADER_BYTES = 64;

/** Slot states. A slot is served only when VALID (and, in lazy mode, checked in this epoch). */
export const SlotState = { FREE: 0, FILLING: 1, VALID: 2, WRITING: 3, INVALID: 4 } as const;
export type SlotStateValue = (typeof SlotState)[keyof typeof SlotState];

/** Owner states in the superblock. */
export const OwnerState = { CLEAN: 0, RUNNING: 1, RECOVERING: 2 } as const;

// Superblock Int32 words.
const SB_MAGIC = 0;
const SB_VERSION = 1;
const SB_PAGE_SIZE = 2;
const SB_SLOT_COUNT = 3;
const SB_OWNER_EPOCH = 4;
const SB_OWNER_STATE = 5;
// Superblock 64-bit words.
const SB_LAST_RECOVERY_LSN = 4;
const SB_NEXT_LSN_FLOOR = 5;

// The recovery point of each recent epoch: (epoch, R) pairs from 64-bit word 64, a ring.
const SB_RECOVERY_TABLE = 64;
export const RECOVERY_TABLE_SIZE = 128;

// Slot header Int32 words (relative to the slot's first word).
const H_STATE = 0;
const H_SEQ = 1;
const H_LOCK = 2;
const H_WRITER_EPOCH = 3;
const H_CRC = 4;
const H_CLOCK = 5;
const H_CHECKED_EPOCH = 6;
const H_MIRROR_FLAG = 7;
// Slot header 64-bit words (relative to the slot's first 64-bit word).
const H_PAGE_ID = 4;
const H_PAGE_LSN = 5;
const H_INTENT_LSN = 6;

// Which 32-bit half of a 64-bit word comes first in memory (the platform's byte order, as BigInt64Array would use).
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;

export const PAGE_SIZES = [512, 1024, 2048, 4096, 8192, 16384, 32768] as const;

export interface CacheGeometry {
  /** Bytes per page: 4096, 8192, 16384 or 32768. */
  readonly pageSize: number;
  /** Number of slots (pages the cache holds). */
  readonly slotCount: number;
}

export function bufferBytes(g: CacheGeometry): number {
  return SUPERBLOCK_BYTES + g.slotCount * SLOT_HEADER_BYTES + g.slotCount * g.pageSize;
}

/** A typed view over the cache buffer; holds no state of its own. */
export class CacheMemory {
  readonly buffer: SharedArrayBuffer;
  readonly pageSize: number;
  readonly slotCount: number;
  private readonly i32: Int32Array;
  private readonly bytes: Uint8Array;
  private readonly pageArea: number;
  /** Each slot's page view, made on first use: a view per access was most of a read's garbage. */
  private readonly pages: (Uint8Array | undefined)[] = [];

  /** A fresh, zeroed cache (every slot FREE, epoch 0, CLEAN). */
  static create(g: CacheGeometry): CacheMemory {
    if (!(PAGE_SIZES as readonly number[]).includes(g.pageSize))
      throw new RangeError(`pageSize ${g.pageSize} is not a page size the cache supports; use one of ${PAGE_SIZES.join(", ")}`);
    if (!Number.isInteger(g.slotCount) || g.slotCount < 1 || g.slotCount > 1 << 20)
      throw new RangeError(`slotCount ${g.slotCount} must be a whole number from 1 to ${1 << 20}`);
    const m = new CacheMemory(new SharedArrayBuffer(bufferBytes(g)));
    m.i32[SB_MAGIC] = MAGIC;
    m.i32[SB_VERSION] = LAYOUT_VERSION;
    m.i32[SB_PAGE_SIZE] = g.pageSize;
    m.i32[SB_SLOT_COUNT] = g.slotCount;
    return new CacheMemory(m.buffer);
  }

  /** Maps an existing buffer (the recovering engine's view); throws when it is not a cache. */
  static attach(buffer: SharedArrayBuffer): CacheMemory {
    return new CacheMemory(buffer);
  }

  private constructor(buffer: SharedArrayBuffer) {
    this.buffer = buffer;
    this.i32 = new Int32Array(buffer);
    this.bytes = new Uint8Array(buffer);
    const magic = this.i32[SB_MAGIC];
    this.pageSize = this.i32[SB_PAGE_SIZE] as number;
    this.slotCount = this.i32[SB_SLOT_COUNT] as number;
    this.pageArea = SUPERBLOCK_BYTES + this.slotCount * SLOT_HEADER_BYTES;
    if (magic !== 0 && (magic !== MAGIC || this.i32[SB_VERSION] !== LAYOUT_VERSION))
      throw new Error(`the buffer is not a cdktf-resilience cache of layout ${LAYOUT_VERSION} (magic ${magic})`);
  }

  // --- superblock ---
  get ownerEpoch(): number {
    return Atomics.load(this.i32, SB_OWNER_EPOCH);
  }
  /** Compare-and-swap of the owner epoch: only one recovering engine can win epoch e+1. */
  casOwnerEpoch(expected: number, next: number): boolean {
    return Atomics.compareExchange(this.i32, SB_OWNER_EPOCH, expected, next) === expected;
  }
  get ownerState(): number {
    return Atomics.load(this.i32, SB_OWNER_STATE);
  }
  set ownerState(s: number) {
    Atomics.store(this.i32, SB_OWNER_STATE, s);
  }
  get lastRecoveryLsn(): number {
    return this.get64(SB_LAST_RECOVERY_LSN);
  }
  set lastRecoveryLsn(lsn: number) {
    this.set64(SB_LAST_RECOVERY_LSN, lsn);
  }
  get nextLsnFloor(): number {
    return this.get64(SB_NEXT_LSN_FLOOR);
  }
  set nextLsnFloor(lsn: number) {
    this.set64(SB_NEXT_LSN_FLOOR, lsn);
  }

  /** Records R of the recovery that started `epoch`. */
  recordRecoveryPoint(epoch: number, r: number): void {
    const at = SB_RECOVERY_TABLE + (epoch % RECOVERY_TABLE_SIZE) * 2;
    this.set64(at, epoch);
    this.set64(at + 1, r);
  }

  /** R of the recovery that started `epoch`, if still in the table. */
  recoveryPointOf(epoch: number): number | undefined {
    const at = SB_RECOVERY_TABLE + (epoch % RECOVERY_TABLE_SIZE) * 2;
    return this.get64(at) === epoch ? this.get64(at + 1) : undefined;
  }

  // --- slot headers ---
  private w(slot: number, word: number): number {
    return (SUPERBLOCK_BYTES + slot * SLOT_HEADER_BYTES) / 4 + word;
  }
  private d(slot: number, word: number): number {
    return (SUPERBLOCK_BYTES + slot * SLOT_HEADER_BYTES) / 8 + word;
  }
  state(slot: number): number {
    return Atomics.load(this.i32, this.w(slot, H_STATE));
  }
  setState(slot: number, s: SlotStateValue): void {
    Atomics.store(this.i32, this.w(slot, H_STATE), s);
  }
  seq(slot: number): number {
    return Atomics.load(this.i32, this.w(slot, H_SEQ));
  }
  bumpSeq(slot: number): number {
    return Atomics.add(this.i32, this.w(slot, H_SEQ), 1) + 1;
  }
  lock(slot: number): number {
    return Atomics.load(this.i32, this.w(slot, H_LOCK));
  }
  tryLock(slot: number): boolean {
    return Atomics.compareExchange(this.i32, this.w(slot, H_LOCK), 0, 1) === 0;
  }
  unlock(slot: number): void {
    Atomics.store(this.i32, this.w(slot, H_LOCK), 0);
  }
  writerEpoch(slot: number): number {
    return Atomics.load(this.i32, this.w(slot, H_WRITER_EPOCH));
  }
  setWriterEpoch(slot: number, e: number): void {
    Atomics.store(this.i32, this.w(slot, H_WRITER_EPOCH), e);
  }
  crc(slot: number): number {
    return Atomics.load(this.i32, this.w(slot, H_CRC)) >>> 0;
  }
  setCrc(slot: number, crc: number): void {
    Atomics.store(this.i32, this.w(slot, H_CRC), crc | 0);
  }
  clockBit(slot: number): number {
    return Atomics.load(this.i32, this.w(slot, H_CLOCK));
  }
  setClockBit(slot: number, bit: 0 | 1): void {
    Atomics.store(this.i32, this.w(slot, H_CLOCK), bit);
  }
  checkedEpoch(slot: number): number {
    return Atomics.load(this.i32, this.w(slot, H_CHECKED_EPOCH));
  }
  setCheckedEpoch(slot: number, e: number): void {
    Atomics.store(this.i32, this.w(slot, H_CHECKED_EPOCH), e);
  }
  /** Set in a write-through copy while a slot is being copied into it (a torn copy is refused). */
  mirrorFlag(slot: number): number {
    return Atomics.load(this.i32, this.w(slot, H_MIRROR_FLAG));
  }
  setMirrorFlag(slot: number, flag: 0 | 1): void {
    Atomics.store(this.i32, this.w(slot, H_MIRROR_FLAG), flag);
  }
  /** The superblock bytes, a live view. */
  superblock(): Uint8Array {
    return this.bytes.subarray(0, SUPERBLOCK_BYTES);
  }

  pageId(slot: number): number {
    return this.get64(this.d(slot, H_PAGE_ID));
  }
  setPageId(slot: number, id: number): void {
    this.set64(this.d(slot, H_PAGE_ID), id);
  }
  pageLsn(slot: number): number {
    return this.get64(this.d(slot, H_PAGE_LSN));
  }
  setPageLsn(slot: number, lsn: number): void {
    this.set64(this.d(slot, H_PAGE_LSN), lsn);
  }
  intentLsn(slot: number): number {
    return this.get64(this.d(slot, H_INTENT_LSN));
  }
  setIntentLsn(slot: number, lsn: number): void {
    this.set64(this.d(slot, H_INTENT_LSN), lsn);
  }

  /** The 64-bit word at `index` (in 8-byte units), from its two 32-bit halves. */
  private get64(index: number): number {
    const lo = this.i32[2 * index + LO] as number;
    const hi = this.i32[2 * index + HI] as number;
    return hi * 2 ** 32 + (lo >>> 0);
  }
  private set64(index: number, value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`a cache header word holds a whole number ≥ 0, got ${value}`);
    this.i32[2 * index + LO] = (value % 2 ** 32) | 0;
    this.i32[2 * index + HI] = Math.floor(value / 2 ** 32);
  }

  // --- page area ---
  /** The slot's page bytes, a live view into shared memory. */
  page(slot: number): Uint8Array {
    const made = this.pages[slot];
    if (made) return made;
    if (!Number.isInteger(slot) || slot < 0 || slot >= this.slotCount)
      throw new RangeError(`slot ${slot} is not a slot of this cache (0..${this.slotCount - 1})`);
    const view = this.bytes.subarray(this.pageArea + slot * this.pageSize, this.pageArea + (slot + 1) * this.pageSize);
    this.pages[slot] = view;
    return view;
  }
  /** A copy of the slot's page bytes: into `into` (pageSize bytes) when given, else a new array. */
  copyPage(slot: number, into?: Uint8Array): Uint8Array {
    const from = this.pageArea + slot * this.pageSize;
    if (!into) return this.bytes.slice(from, from + this.pageSize);
    if (into.length !== this.pageSize) throw new RangeError(`a page copy needs ${this.pageSize} bytes, got ${into.length}`);
    into.set(this.page(slot));
    return into;
  }
  /** The header bytes of a slot, a live view (for the write-through mirror). */
  header(slot: number): Uint8Array {
    const at = SUPERBLOCK_BYTES + slot * SLOT_HEADER_BYTES;
    return this.bytes.subarray(at, at + SLOT_HEADER_BYTES);
  }
}

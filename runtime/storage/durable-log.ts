/**
 * The storage control plane's log volume made durable: sequenced block-write records on the `Disk` port (the
 * simulator's disk with its power-loss model, or a real file with fdatasync), acknowledged only
 * once a sync that covers them has completed.
 *
 * Why the format is what it is:
 * - Each record is sealed by a CRC32 over its header and payload, chained to the previous record's
 *   CRC. Recovery keeps the longest valid prefix: a torn or lost record ends it, and a record left
 *   over from an earlier life beyond that point can never be stitched back on (it was chained to a
 *   different predecessor).
 * - Every open writes a new life number (boot count) durably before it appends, into one of two
 *   alternating superblock sectors (a torn superblock write leaves the other copy). The life is in
 *   each record's CRC, so two lives never write the same record bytes at the same place — without
 *   it, a rewrite with identical content could re-validate an unacknowledged successor.
 * - Slots are fixed (record seq lives at a known sector) but a record writes only the sectors its
 *   payload fills, so a small record costs one sector of I/O.
 * - Group commit: appends are written at once (readable, not yet durable) and wait for a sync; one
 *   sync in flight covers every append written before it, the next starts when it completes —
 *   after the acknowledgements it delivers have run, so appends made in those callbacks (a writer
 *   that appends its next record on an ack) share one sync instead of the first going alone.
 */
import { crc32 } from "node:zlib";
import type { Disk } from "../sim/ports";

const MAGIC = 0x474f4c52; // "RLOG"
const SUPER_MAGIC = 0x50555352; // "RSUP"
const HEADER_BYTES = 40;
/** Sectors 0 and 1 hold the two superblock copies; records start at sector 2. */
const SUPER_SECTORS = 2;

export interface LogEntry {
  readonly seq: number;
  /** The life (open of the log) that wrote the record. */
  readonly life: number;
  readonly atMs: number;
  /** The block the record writes. */
  readonly index: number;
  readonly payload: Uint8Array;
}

export interface DurableLogOptions {
  /**
   * Largest payload of one record; a record takes ⌈(40 + this) ÷ sector size⌉ sectors.
   * @default 4096 (one storage block)
   */
  readonly payloadBytes?: number;
  /**
   * Test-only: plants a known bug so tests can show the crash swarm finds it.
   * `no-chain` accepts a record whatever its predecessor; `records-before-life` writes records
   * before the new life is durable.
   * @internal
   */
  readonly mutant?: "no-chain" | "records-before-life";
}

/** What recovery found on the disk. */
export interface LogRecovery {
  /** The valid prefix, in seq order (seq 1, 2, …). */
  readonly entries: readonly LogEntry[];
  /** This open's life (one more than the last one recorded); for `inspect`, the last one recorded. */
  readonly life: number;
  /** Why the scan stopped: the first slot that did not hold the next valid record. */
  readonly stoppedBy: "empty" | "bad-magic" | "bad-checksum" | "bad-sequence" | "log-full";
}

export class LogFullError extends Error {
  constructor(
    readonly disk: string,
    readonly capacity: number,
  ) {
    super(
      `log on ${disk} is full: it holds ${capacity} records; give the disk more sectors (geometry.sectorCount) or a larger sector size`,
    );
    this.name = "LogFullError";
  }
}

export class DurableLog {
  private readonly recordSectors: number;
  private readonly payloadBytes: number;
  private readonly capacity: number;
  private nextSeq: number;
  private prevCrc: number;
  /** Appends written but not yet covered by a completed sync, oldest first. */
  private waiting: { readonly seq: number; readonly onDurable?: () => void }[] = [];
  private syncing = false;
  private durableSeq: number;
  /** False until the new life is durable: records of a life must never reach the disk before it. */
  private opened = false;
  /** Records appended before the life was durable, written when it is. */
  private held: { readonly sector: number; readonly bytes: Uint8Array }[] = [];

  private constructor(
    private readonly disk: Disk,
    readonly life: number,
    tail: { readonly seq: number; readonly crc: number },
    o: { readonly payloadBytes: number; readonly mutant?: DurableLogOptions["mutant"] },
  ) {
    if (o.mutant === "records-before-life") this.opened = true;
    this.payloadBytes = o.payloadBytes;
    ({ recordSectors: this.recordSectors, capacity: this.capacity } = slotsOf(disk, o.payloadBytes));
    this.nextSeq = tail.seq + 1;
    this.prevCrc = tail.crc;
    this.durableSeq = tail.seq;
  }

  /**
   * Recovers the log on `disk` and opens it for appends in a new life. Appends are accepted at once;
   * until the new life is durable they are held in memory (a record of a life that a power loss
   * could forget must not reach the disk), then written and synced.
   */
  static open(disk: Disk, options: DurableLogOptions = {}): { readonly log: DurableLog; readonly recovery: LogRecovery } {
    const o = { payloadBytes: options.payloadBytes ?? 4096, mutant: options.mutant };
    if (!Number.isSafeInteger(o.payloadBytes) || o.payloadBytes < 1)
      throw new RangeError(`DurableLog payloadBytes: need a whole number ≥ 1, got ${o.payloadBytes}`);
    const life = readLife(disk) + 1;
    const scan = scanRecords(disk, o.payloadBytes, o.mutant === "no-chain");
    // The new life goes to the copy the previous life did not use, so a torn write leaves that one.
    disk.write(life % 2, superblock(life, disk.sectorSizeBytes));
    const last = scan.entries.at(-1);
    const log = new DurableLog(disk, life, { seq: last?.seq ?? 0, crc: scan.tailCrc }, o);
    log.syncing = true;
    disk.sync(() => {
      log.syncing = false;
      log.opened = true;
      for (const h of log.held) disk.write(h.sector, h.bytes);
      log.held = [];
      if (log.waiting.length > 0) log.startSync();
    });
    return { log, recovery: { entries: scan.entries, life, stoppedBy: scan.stoppedBy } };
  }

  /** What recovery would find on `disk`, without opening it (nothing is written). */
  static inspect(disk: Disk, options: Pick<DurableLogOptions, "payloadBytes"> = {}): LogRecovery {
    const scan = scanRecords(disk, options.payloadBytes ?? 4096, false);
    return { entries: scan.entries, life: readLife(disk), stoppedBy: scan.stoppedBy };
  }

  /** True once the new life is durable (appends before it are held in memory). */
  get isOpen(): boolean {
    return this.opened;
  }

  /** The seq of the last record known durable (acknowledged). */
  get durableThrough(): number {
    return this.durableSeq;
  }

  /** The seq the next append gets. */
  get next(): number {
    return this.nextSeq;
  }

  /** Writes a record now; `onDurable` runs once a sync covering it completes. Returns its seq. */
  append(index: number, payload: Uint8Array, atMs: number, onDurable?: () => void): number {
    if (payload.length > this.payloadBytes)
      throw new RangeError(`log record payload is ${payload.length} bytes; this log holds at most ${this.payloadBytes} per record`);
    const seq = this.nextSeq;
    if (seq > this.capacity) throw new LogFullError(this.describeDisk(), this.capacity);
    const { bytes, crc } = encodeRecord(
      { seq, life: this.life, atMs, index, payload },
      this.prevCrc,
      // Only the sectors the record uses: a slot's tail is never read past the CRC'd length.
      Math.ceil((HEADER_BYTES + payload.length) / this.disk.sectorSizeBytes) * this.disk.sectorSizeBytes,
    );
    const sector = slotSector(seq, this.recordSectors);
    if (this.opened) this.disk.write(sector, bytes);
    else this.held.push({ sector, bytes });
    this.prevCrc = crc;
    this.nextSeq = seq + 1;
    this.waiting.push({ seq, onDurable });
    if (!this.syncing) this.startSync();
    return seq;
  }

  private startSync(): void {
    const covered = this.waiting;
    this.waiting = [];
    this.syncing = true;
    this.disk.sync(() => {
      for (const w of covered) {
        this.durableSeq = Math.max(this.durableSeq, w.seq);
        w.onDurable?.();
      }
      this.syncing = false;
      if (this.waiting.length > 0) this.startSync();
    });
  }

  private describeDisk(): string {
    return (this.disk as { name?: string; path?: string }).name ?? (this.disk as { path?: string }).path ?? "disk";
  }
}

/** Every record has a slot of `recordSectors` sectors after the superblock; `capacity` slots fit. */
function slotsOf(disk: Disk, payloadBytes: number): { readonly recordSectors: number; readonly capacity: number } {
  const recordSectors = Math.ceil((HEADER_BYTES + payloadBytes) / disk.sectorSizeBytes);
  return { recordSectors, capacity: Math.floor((disk.sectorCount - SUPER_SECTORS) / recordSectors) };
}

function slotSector(seq: number, recordSectors: number): number {
  return SUPER_SECTORS + (seq - 1) * recordSectors;
}

function superblock(life: number, sectorBytes: number): Uint8Array {
  const out = new Uint8Array(sectorBytes);
  const v = new DataView(out.buffer);
  v.setUint32(0, SUPER_MAGIC, true);
  v.setUint32(4, life, true);
  v.setUint32(8, crc32(out.subarray(0, 8)), true);
  return out;
}

/** The newest valid life of the two superblock copies (0 on a fresh disk). */
function readLife(disk: Disk): number {
  let life = 0;
  for (const sector of [0, 1]) {
    const b = disk.read(sector);
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    if (v.getUint32(0, true) === SUPER_MAGIC && v.getUint32(8, true) === crc32(b.subarray(0, 8)))
      life = Math.max(life, v.getUint32(4, true));
  }
  return life;
}

function encodeRecord(e: LogEntry, prevCrc: number, size: number): { bytes: Uint8Array; crc: number } {
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, MAGIC, true);
  v.setUint32(4, e.life, true);
  v.setFloat64(8, e.seq, true);
  v.setFloat64(16, e.atMs, true);
  v.setUint32(24, e.index, true);
  v.setUint32(28, e.payload.length, true);
  v.setUint32(32, prevCrc, true);
  out.set(e.payload, HEADER_BYTES);
  const crc = sealOf(out, e.payload.length);
  v.setUint32(36, crc, true);
  return { bytes: out, crc };
}

/** CRC over the header (without its own CRC field) and the payload, chained through prevCrc. */
function sealOf(record: Uint8Array, payloadLength: number): number {
  return crc32(record.subarray(HEADER_BYTES, HEADER_BYTES + payloadLength), crc32(record.subarray(0, 36)));
}

function scanRecords(
  disk: Disk,
  payloadBytes: number,
  ignoreChain: boolean,
): { entries: LogEntry[]; tailCrc: number; stoppedBy: LogRecovery["stoppedBy"] } {
  const { recordSectors, capacity } = slotsOf(disk, payloadBytes);
  const entries: LogEntry[] = [];
  let prevCrc = 0;
  for (let seq = 1; seq <= capacity; seq++) {
    const b = disk.read(slotSector(seq, recordSectors), recordSectors);
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const magic = v.getUint32(0, true);
    if (magic !== MAGIC)
      return { entries, tailCrc: prevCrc, stoppedBy: magic === 0 && v.getUint32(36, true) === 0 ? "empty" : "bad-magic" };
    const length = v.getUint32(28, true);
    if (length > payloadBytes || (!ignoreChain && v.getUint32(32, true) !== prevCrc) || v.getUint32(36, true) !== sealOf(b, length))
      return { entries, tailCrc: prevCrc, stoppedBy: "bad-checksum" };
    if (v.getFloat64(8, true) !== seq) return { entries, tailCrc: prevCrc, stoppedBy: "bad-sequence" };
    entries.push({
      seq,
      life: v.getUint32(4, true),
      atMs: v.getFloat64(16, true),
      index: v.getUint32(24, true),
      payload: b.slice(HEADER_BYTES, HEADER_BYTES + length),
    });
    prevCrc = v.getUint32(36, true);
  }
  return { entries, tailCrc: prevCrc, stoppedBy: "log-full" };
}

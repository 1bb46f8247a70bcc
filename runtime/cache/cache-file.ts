/**
 * The `file` placement's backing store: the cache buffer written to a Disk port, the way a
 * memory-mapped file (or NVM behind a page cache) holds it. What is written is visible at once;
 * only what a completed `sync` covered is sure to survive a power loss — the simulator's disk loses
 * or tears every sector written since (runtime/sim/sim-disk.ts), a real file keeps what
 * `fdatasync` made durable (runtime/real/real-disk.ts). `reload` reads the image back after the
 * loss: the recovery then treats every slot as suspect (recovery.ts, `pageVersion`).
 *
 * The buffer is a SharedArrayBuffer (Node cannot map a file into one), so the file is kept equal
 * to it by writing the sectors that changed: the slots a caller marks dirty plus the superblock, or
 * every sector that differs from the last write (`flushAll`, for a buffer a worker thread changes).
 */
import type { Disk } from "../sim/ports";
import { bufferBytes, CacheMemory, MAGIC, SLOT_HEADER_BYTES, SUPERBLOCK_BYTES } from "./layout";

/** Sectors of `sectorBytes` a cache of this geometry needs on its disk. */
export function cacheFileSectors(geometry: { pageSize: number; slotCount: number }, sectorBytes: number): number {
  return Math.ceil(bufferBytes(geometry) / sectorBytes);
}

export class CacheFile {
  /** What the disk was last given, sector for sector (the page cache's view, not what is durable). */
  private readonly written: Uint8Array;
  /** `written` as a Buffer, for ranged native compares and copies that make no view per sector. */
  private readonly writtenBuffer: Buffer;
  private readonly dirty = new Set<number>();
  /** Syncs issued and not yet complete. */
  syncsInFlight = 0;

  constructor(
    readonly disk: Disk,
    private readonly geometry: { readonly pageSize: number; readonly slotCount: number },
  ) {
    const need = cacheFileSectors(geometry, disk.sectorSizeBytes);
    if (disk.sectorCount < need)
      throw new RangeError(`the cache file needs ${need} sectors of ${disk.sectorSizeBytes} bytes; the disk has ${disk.sectorCount}`);
    this.written = new Uint8Array(need * disk.sectorSizeBytes);
    this.writtenBuffer = Buffer.from(this.written.buffer, this.written.byteOffset, this.written.length);
  }

  /** The slot's header and page changed (or will, before the next flush). */
  markSlot(slot: number): void {
    this.dirty.add(slot);
  }

  /** Writes the superblock and the dirty slots' sectors that differ from the last write. */
  flushDirty(memory: CacheMemory): void {
    const image = Buffer.from(memory.buffer);
    this.writeRange(image, 0, SUPERBLOCK_BYTES);
    const pageArea = SUPERBLOCK_BYTES + memory.slotCount * SLOT_HEADER_BYTES;
    for (const slot of this.dirty) {
      const header = SUPERBLOCK_BYTES + slot * SLOT_HEADER_BYTES;
      this.writeRange(image, header, header + SLOT_HEADER_BYTES);
      this.writeRange(image, pageArea + slot * memory.pageSize, pageArea + (slot + 1) * memory.pageSize);
    }
    this.dirty.clear();
  }

  /** Writes every sector of the buffer that differs from the last write. */
  flushAll(memory: CacheMemory): void {
    this.dirty.clear();
    this.writeRange(Buffer.from(memory.buffer), 0, memory.buffer.byteLength);
  }

  /** Flushes the dirty slots, then asks the disk to make everything written durable. */
  sync(memory: CacheMemory, onDurable?: () => void): void {
    this.flushDirty(memory);
    this.syncsInFlight += 1;
    this.disk.sync(() => {
      this.syncsInFlight -= 1;
      onDurable?.();
    });
  }

  /**
   * Reads the cache back from the disk (after a power loss, or on another process's start): a new
   * buffer holding what the disk kept; undefined when the disk holds no cache of this geometry (its
   * superblock never became durable).
   */
  reload(): CacheMemory | undefined {
    const size = this.disk.sectorSizeBytes;
    const image = this.disk.read(0, this.written.length / size);
    this.written.set(image);
    this.dirty.clear();
    this.syncsInFlight = 0;
    const words = new Int32Array(image.buffer, image.byteOffset, 4);
    if (words[0] !== MAGIC || words[2] !== this.geometry.pageSize || words[3] !== this.geometry.slotCount) return undefined;
    const buffer = new SharedArrayBuffer(bufferBytes(this.geometry));
    new Uint8Array(buffer).set(image.subarray(0, buffer.byteLength));
    return CacheMemory.attach(buffer);
  }

  /**
   * Writes each sector of `image[from, to)` that differs from the last write. Runs after every
   * client operation of a file-backed cache: the compare and copy are ranged native calls on two
   * Buffers made once, not two Buffer views per sector (which were most of a campaign's garbage).
   */
  private writeRange(image: Buffer, from: number, to: number): void {
    const size = this.disk.sectorSizeBytes;
    const end = Math.min(to, image.length);
    const written = this.writtenBuffer;
    const first = Math.floor(from / size);
    // One call for whole sectors that did not change at all (the superblock's eight, on every read).
    const last = Math.min(Math.ceil(end / size) * size, image.length);
    if (last - first * size > size && image.compare(written, first * size, last, first * size, last) === 0) return;
    for (let sector = first; sector * size < end; sector++) {
      const at = sector * size;
      const stop = Math.min(at + size, image.length);
      if (image.compare(written, at, stop, at, stop) === 0) continue;
      image.copy(written, at, at, stop);
      this.disk.write(sector, this.written.subarray(at, at + size));
    }
  }
}

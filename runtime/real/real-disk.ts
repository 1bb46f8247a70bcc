import { closeSync, existsSync, fdatasync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import type { Disk, DiskGeometry } from "../sim/ports";

const DEFAULT_GEOMETRY: Required<DiskGeometry> = { sectorSizeBytes: 4096, sectorCount: 262_144 };

/**
 * The Disk port over a file: `write` is `pwrite` (the OS page cache makes it visible at once),
 * `sync` is `fdatasync` (durable when the callback runs). The file is sparse, sized to the
 * geometry, and reopening it sees what was synced — the same contract the simulator's disk keeps.
 */
export class RealDisk implements Disk {
  readonly sectorSizeBytes: number;
  readonly sectorCount: number;
  private fd: number | undefined;

  constructor(
    readonly path: string,
    geometry: DiskGeometry = {},
    /** Called when fsync fails (EIO): durability is then unknown. */
    private readonly onError: (error: Error) => void = (e) => {
      throw e;
    },
  ) {
    const g = { ...DEFAULT_GEOMETRY, ...geometry };
    this.sectorSizeBytes = g.sectorSizeBytes;
    this.sectorCount = g.sectorCount;
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, existsSync(path) ? "r+" : "w+");
    const size = g.sectorSizeBytes * g.sectorCount;
    if (fstatSync(this.fd).size < size) ftruncateSync(this.fd, size);
  }

  read(sector: number, count = 1): Uint8Array {
    this.checkRange(sector, count, "read");
    const out = new Uint8Array(count * this.sectorSizeBytes);
    readSync(this.open(), out, 0, out.length, sector * this.sectorSizeBytes);
    return out;
  }

  write(sector: number, data: Uint8Array): void {
    if (data.length === 0 || data.length % this.sectorSizeBytes !== 0)
      throw new RangeError(`disk ${this.path}: writes are whole ${this.sectorSizeBytes}-byte sectors, got ${data.length} bytes`);
    this.checkRange(sector, data.length / this.sectorSizeBytes, "write");
    writeSync(this.open(), data, 0, data.length, sector * this.sectorSizeBytes);
  }

  sync(onDurable?: () => void): void {
    fdatasync(this.open(), (err) => {
      if (err) this.onError(err);
      else onDurable?.();
    });
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private open(): number {
    if (this.fd === undefined) throw new Error(`disk ${this.path} is closed`);
    return this.fd;
  }

  private checkRange(sector: number, count: number, op: string): void {
    if (!Number.isSafeInteger(sector) || sector < 0 || count < 1 || sector + count > this.sectorCount)
      throw new RangeError(`disk ${this.path}: ${op} of ${count} sector(s) at ${sector} is outside 0..${this.sectorCount - 1}`);
  }
}

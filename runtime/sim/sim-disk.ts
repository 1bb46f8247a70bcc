/**
 * A simulated block device with a volatile write cache.
 *
 * Fault model (what it injects, what it promises):
 * - Writes land in a volatile cache (the OS page cache); reads see them at once.
 * - `sync` makes the writes issued before it durable after a seeded latency (a stall fault delays
 *   it further). Its callback runs only if the calling incarnation is still alive.
 * - Process crash: nothing is lost; the cache belongs to the host, not to the process.
 * - Power loss: every sector written since its last completed sync is independently lost (old
 *   contents), torn (a prefix of the new bytes over the old ones, cut at a seeded byte), or kept.
 *   In-flight syncs are void. Synced sectors are never harmed: that is the recoverable contract
 *   software may rely on (and the reason a checksum plus two alternating copies survive).
 * - Not modelled: latent sector errors, misdirected writes, bit rot of synced data.
 */
import type { Kernel } from "./kernel";
import type { Disk, DiskGeometry } from "./ports";
import type { SeededRandom } from "./random";
import { assertRatio, type Ratio } from "./ratio";
import type { SimActor } from "./sim-actor";

export interface DiskOptions {
  /**
   * Minimum time from `sync` to durable.
   * @default 1
   */
  readonly syncLatencyMsMin: number;
  /**
   * Mean time from `sync` to durable (≥ the minimum).
   * @default 2
   */
  readonly syncLatencyMsMean: number;
  /**
   * Cap on a sampled sync latency (stall faults come on top).
   * @default 1000
   */
  readonly syncLatencyMsMax: number;
  /**
   * On power loss, chance that an unsynced sector keeps its old contents.
   * @default 1/2
   */
  readonly unsyncedLostRatio: Ratio;
  /**
   * On power loss, chance that an unsynced sector that was not lost is torn (new prefix, old rest).
   * @default 1/4
   */
  readonly unsyncedTornRatio: Ratio;
}

export const DISK_DEFAULTS: DiskOptions = {
  syncLatencyMsMin: 1,
  syncLatencyMsMean: 2,
  syncLatencyMsMax: 1000,
  unsyncedLostRatio: { numerator: 1, denominator: 2 },
  unsyncedTornRatio: { numerator: 1, denominator: 4 },
};

export function checkDiskOptions(o: DiskOptions): void {
  assertRatio(o.unsyncedLostRatio, "disk.unsyncedLostRatio");
  assertRatio(o.unsyncedTornRatio, "disk.unsyncedTornRatio");
  if (!Number.isSafeInteger(o.syncLatencyMsMin) || o.syncLatencyMsMin < 0 || o.syncLatencyMsMean < o.syncLatencyMsMin)
    throw new RangeError(`disk.syncLatencyMsMin/Mean: need integers 0 ≤ min ≤ mean, got ${o.syncLatencyMsMin}/${o.syncLatencyMsMean}`);
}

export const GEOMETRY_DEFAULTS: Required<DiskGeometry> = { sectorSizeBytes: 4096, sectorCount: 262_144 };

/** What a power loss did to one disk. */
export interface PowerLossOutcome {
  readonly lost: number;
  readonly torn: number;
  readonly kept: number;
}

export class SimDisk implements Disk {
  readonly sectorSizeBytes: number;
  readonly sectorCount: number;
  private readonly durable = new Map<number, Uint8Array>();
  private readonly cache = new Map<number, Uint8Array>();
  /** Bumped by every power loss: syncs started before it complete nothing. */
  private powerEpoch = 0;
  /** Stall faults in force (they may overlap). */
  private stalls = 0;
  private parked: (() => void)[] = [];

  constructor(
    private readonly kernel: Kernel,
    readonly owner: SimActor,
    readonly name: string,
    geometry: Required<DiskGeometry>,
    private readonly options: DiskOptions,
    private readonly random: SeededRandom,
  ) {
    this.sectorSizeBytes = geometry.sectorSizeBytes;
    this.sectorCount = geometry.sectorCount;
  }

  read(sector: number, count = 1): Uint8Array {
    this.checkRange(sector, count, "read");
    const size = this.sectorSizeBytes;
    const out = new Uint8Array(count * size);
    for (let i = 0; i < count; i++) {
      const s = this.cache.get(sector + i) ?? this.durable.get(sector + i);
      if (s) out.set(s, i * size);
    }
    return out;
  }

  write(sector: number, data: Uint8Array): void {
    const size = this.sectorSizeBytes;
    if (data.length === 0 || data.length % size !== 0)
      throw new RangeError(`disk ${this.name}: writes are whole ${size}-byte sectors, got ${data.length} bytes`);
    const count = data.length / size;
    this.checkRange(sector, count, "write");
    // Copies: the caller may reuse its buffer, and a pending sync holds on to these exact bytes.
    for (let i = 0; i < count; i++) this.cache.set(sector + i, data.slice(i * size, (i + 1) * size));
  }

  sync(onDurable?: () => void): void {
    const actor = this.owner;
    const incarnation = actor.incarnation;
    // The sectors and their bytes as of now, in the cache's order: two arrays, not a pair per sector
    // (a file-backed cache syncs every few operations, and the pairs were most of its garbage).
    const sectors: number[] = [];
    const contents: Uint8Array[] = [];
    this.cache.forEach((bytes, s) => {
      sectors.push(s);
      contents.push(bytes);
    });
    const epoch = this.powerEpoch;
    const k = this.kernel;
    const complete = (): void => {
      // A power loss since the sync began voids it: the bytes were never on stable media.
      if (epoch !== this.powerEpoch) return;
      for (let i = 0; i < sectors.length; i++) {
        const s = sectors[i] as number;
        const bytes = contents[i] as Uint8Array;
        this.durable.set(s, bytes);
        if (this.cache.get(s) === bytes) this.cache.delete(s);
      }
      if (k.recording) k.emit("sync", actor.name, `disk=${this.name} sectors=${sectors.length}`);
      if (onDurable && actor.up && actor.incarnation === incarnation) onDurable();
    };
    if (this.stalls > 0) this.parked.push(complete);
    else this.schedule(complete);
  }

  /** A stall fault begins: syncs wait. */
  stall(): void {
    this.stalls++;
  }

  /** A stall ends; when none is left, waiting syncs start now, each with a fresh latency. */
  unstall(): void {
    if (--this.stalls > 0) return;
    const parked = this.parked;
    this.parked = [];
    for (const complete of parked) this.schedule(complete);
  }

  /** Applies the power-loss model to every unsynced sector. */
  powerLoss(): PowerLossOutcome {
    this.powerEpoch++;
    this.parked = [];
    const o = this.options;
    const size = this.sectorSizeBytes;
    let lost = 0;
    let torn = 0;
    let kept = 0;
    for (const [s, bytes] of this.cache) {
      if (this.random.chance(o.unsyncedLostRatio)) {
        lost++;
      } else if (this.random.chance(o.unsyncedTornRatio)) {
        torn++;
        const old = this.durable.get(s) ?? new Uint8Array(size);
        const mixed = old.slice();
        mixed.set(bytes.subarray(0, 1 + this.random.int(size - 1)));
        this.durable.set(s, mixed);
      } else {
        kept++;
        this.durable.set(s, bytes);
      }
    }
    this.cache.clear();
    return { lost, torn, kept };
  }

  /** Sectors written but not yet synced (for tests and checkers). */
  get unsyncedSectors(): number {
    return this.cache.size;
  }

  private schedule(complete: () => void): void {
    const o = this.options;
    const latency =
      o.syncLatencyMsMin + this.random.exponentialMs(o.syncLatencyMsMean - o.syncLatencyMsMin, o.syncLatencyMsMax - o.syncLatencyMsMin);
    this.kernel.internal(latency, "sync", complete);
  }

  private checkRange(sector: number, count: number, op: string): void {
    if (!Number.isSafeInteger(sector) || !Number.isSafeInteger(count) || sector < 0 || count < 1 || sector + count > this.sectorCount)
      throw new RangeError(`disk ${this.name}: ${op} of ${count} sector(s) at ${sector} is outside 0..${this.sectorCount - 1}`);
  }
}

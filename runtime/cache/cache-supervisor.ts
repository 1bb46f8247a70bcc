/**
 * Real mode's supervisor: owns the cache buffer and the storage, runs the engine in a
 * worker thread, kills it (or finds it hung), and recovers the cache in the main thread — with the
 * same recovery code the simulator runs. Used by the real-mode acceptance tests and the benchmark.
 */
import { Worker } from "node:worker_threads";
import { RealDisk } from "../real/real-disk";
import { builtWorkerScript } from "../real/worker-script";
import { CacheEngine } from "./cache-engine";
import { CacheFile, cacheFileSectors } from "./cache-file";
import type { CacheWorkerData, CacheWorkerMessage } from "./cache-worker";
import { CacheMemory, SlotState } from "./layout";
import { type RecoveryOutcome, recoverCache } from "./recovery";
import { RedoStorage } from "./redo-storage";

/** The compiled worker script (real mode runs the built package). */
export function cacheWorkerFile(): string {
  return builtWorkerScript("cache", "cache-worker.js");
}

export interface Verification {
  /** Kept slots whose bytes differ from storage at R (kept means identical): must be 0. */
  readonly keptDiffering: number;
  /** Kept slots whose page holds two byte values (a torn copy served): must be 0. */
  readonly keptTorn: number;
  /** Slots that were torn and ended INVALID. */
  readonly tornInvalidated: number;
}

/** Sector size of a real cache file (the common logical block size of NVMe and EBS). */
const FILE_SECTOR_BYTES = 512;

export class CacheSupervisor {
  memory: CacheMemory;
  readonly storage: RedoStorage;
  /** The `file` placement: the buffer written to a real file, synced with fdatasync. */
  readonly file: CacheFile | undefined;
  /** The next recovery runs on a buffer reloaded from the file: every slot is suspect. */
  private reloaded = false;
  private worker: Worker | undefined;
  private exited: Promise<void> = Promise.resolve();
  /** Records the storage refused because their epoch was fenced, after the fence. */
  readonly messages: CacheWorkerMessage[] = [];

  constructor(
    readonly pages: number,
    readonly pageSize = 4096,
    options: {
      /** Back the cache with this file (the `file` placement); an existing cache in it is reloaded. */
      readonly filePath?: string;
      /** The storage tier (a new supervisor on the same host after a restart keeps talking to the same one). */
      readonly storage?: RedoStorage;
    } = {},
  ) {
    this.memory = CacheMemory.create({ pageSize, slotCount: pages });
    this.storage = options.storage ?? new RedoStorage(pageSize);
    if (options.filePath) {
      const geometry = { pageSize, slotCount: pages };
      const disk = new RealDisk(options.filePath, {
        sectorSizeBytes: FILE_SECTOR_BYTES,
        sectorCount: cacheFileSectors(geometry, FILE_SECTOR_BYTES),
      });
      this.file = new CacheFile(disk, geometry);
      const reloaded = this.file.reload();
      if (reloaded) {
        this.memory = reloaded;
        this.reloaded = true;
      }
    }
  }

  /** Writes the buffer's changed sectors to the file and waits for fdatasync. */
  syncFile(): Promise<void> {
    const file = this.file;
    if (!file) return Promise.reject(new Error("this cache has no file: construct the supervisor with filePath"));
    // The worker changed the buffer behind our back: every sector that differs goes to the file.
    file.flushAll(this.memory);
    return new Promise((resolve) => file.sync(this.memory, resolve));
  }

  /** Closes the cache file (the host goes away; a new supervisor reopens it). */
  close(): void {
    (this.file?.disk as RealDisk | undefined)?.close();
  }

  /** Recovers the cache (epoch 1 on first start) and fills every page it lacks, so the worker never misses. */
  prepare(): RecoveryOutcome {
    const first = this.recover();
    const engine = new CacheEngine(
      this.memory,
      { readPage: (p) => this.storage.readPage(p), ship: (r) => this.receive(r), durablePoint: () => this.storage.durablePoint },
      { epoch: first.epoch, mode: "eager" },
      first.index,
    );
    for (let p = 0; p < this.pages; p++) engine.read(p);
    return first;
  }

  /** Starts the engine in a worker thread with the current epoch. */
  start(behaviour: CacheWorkerData["behaviour"], options: { chunkBytes?: number; wait?: SharedArrayBuffer } = {}): Worker {
    const data: CacheWorkerData = {
      buffer: this.memory.buffer,
      epoch: this.memory.ownerEpoch,
      pages: this.pages,
      chunkBytes: options.chunkBytes ?? 256,
      behaviour,
      ...(options.wait ? { wait: options.wait } : {}),
    };
    const worker = new Worker(cacheWorkerFile(), { workerData: data });
    worker.on("message", (m: CacheWorkerMessage) => {
      this.messages.push(m);
      if (m.type === "redo") this.receive(m.record);
    });
    this.exited = new Promise((resolve) => worker.once("exit", () => resolve()));
    this.worker = worker;
    return worker;
  }

  /** Storage receives a record and its protection group acknowledges it at once. */
  private receive(r: Parameters<RedoStorage["receive"]>[0]): void {
    if (this.storage.receive(r)) this.storage.ack(r.lsn);
  }

  /** Kills the engine wherever it is; resolves once the thread is gone. */
  async kill(): Promise<void> {
    await this.worker?.terminate();
    await this.exited;
    this.worker = undefined;
  }

  /** Fences the current engine and recovers the cache in this thread. */
  recover(mode: "eager" | "lazy" = "eager"): RecoveryOutcome {
    const reloaded = this.reloaded;
    this.reloaded = false;
    return recoverCache(this.memory, {
      mode,
      ...(reloaded ? { pageVersion: (p: number) => this.storage.pageVersion(p), epochFloor: this.storage.fencedEpoch } : {}),
      recoverStorage: (epoch, issued) => ({ recoveryLsn: this.storage.recover(epoch, issued), highestIssued: this.storage.highestIssued }),
    });
  }

  /** Checks the kept slots against storage at R, and counts torn slots. */
  verify(o: RecoveryOutcome): Verification {
    const m = this.memory;
    let keptDiffering = 0;
    let keptTorn = 0;
    let tornInvalidated = 0;
    for (let s = 0; s < m.slotCount; s++) {
      const page = m.page(s);
      const torn = page.some((b) => b !== page[0]);
      const kept = m.state(s) === SlotState.VALID && o.index.get(m.pageId(s)) === s;
      if (torn && !kept) tornInvalidated++;
      if (!kept) continue;
      if (torn) keptTorn++;
      const want = this.storage.materialize(m.pageId(s), o.recoveryLsn).bytes;
      if (want.some((b, i) => b !== page[i])) keptDiffering++;
    }
    return { keptDiffering, keptTorn, tornInvalidated };
  }
}

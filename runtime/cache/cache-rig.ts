/**
 * One survivable cache in simulation: the shared buffer, the storage tier, the engine over them,
 * a Zipf client workload, crashes between any two engine steps, power loss by placement, and the
 * recovery. It tells an observer what happens (`CacheEvent`): the cache survival checkers judge
 * from those facts with their own model of every page. Tests drive it directly; the emulate
 * component runs one per database writer.
 *
 * Time: client operations and acknowledgements are events on the simulation's clock; a storage
 * read costs `storageReadMs` of the engine's time (counted, not waited for), so the warm-up cost
 * of a cold cache is `misses × storageReadMs`.
 */
import type { CacheSection } from "../contract/emulation-result";
import type { Disk, Random, TimerHandle } from "../sim/ports";
import type { Simulation } from "../sim/simulation";
import { CacheEngine, type EngineMutants, FencedError, type ReadResult } from "./cache-engine";
import type { CacheEvent, CacheObserver } from "./cache-events";
import { CacheFile, cacheFileSectors } from "./cache-file";
import { bufferBytes, CacheMemory, SlotState } from "./layout";
import { type RecoveryOutcome, recoverCache } from "./recovery";
import { RedoStorage } from "./redo-storage";
import { Zipf } from "./zipf";

export type CachePlacement = "shared-memory" | "file" | "identifiers" | "write-through";

export interface CacheRigOptions {
  /** @default 4096 */
  readonly pageSize?: number;
  /** @default 256 */
  readonly slotCount?: number;
  /** Distinct pages the workload touches. @default 1024 */
  readonly pages?: number;
  /** Zipf exponent of page popularity. @default 0.99 */
  readonly zipfS?: number;
  /** Percent of operations that write. @default 20 */
  readonly writePercent?: number;
  /** Bytes per write (at a random aligned offset). @default 64 */
  readonly writeBytes?: number;
  /** @default "eager" */
  readonly mode?: "eager" | "lazy";
  /**
   * Where the cache lives: `shared-memory` survives an engine crash, not a host's power loss;
   * `file` (NVM or a file-backed copy) survives both; `identifiers` keeps only the cached page ids
   * and prefetches them from storage on restart; `write-through` keeps the cache in DRAM and copies
   * every slot update into an NVM mirror, which is what survives a power loss.
   * @default "shared-memory"
   */
  readonly placement?: CachePlacement;
  /** Storage acknowledgement delay, uniform in [min, max] ms. @default [1, 8] */
  readonly ackDelayMs?: readonly [number, number];
  /** @default 1 */
  readonly storageReadMs?: number;
  /** Bytes per step of a page copy (a crash between two steps tears the page). @default 1024 */
  readonly chunkBytes?: number;
  readonly mutants?: CacheMutants;
  /**
   * `file` placement: the cache file is synced (fdatasync) after every this many client operations;
   * a power loss keeps, loses or tears each sector written since the last completed sync.
   * @default 64
   */
  readonly fileSyncEveryOps?: number;
  /**
   * Engine time from a failed recovery to the next attempt (the supervisor noticing and restarting
   * the engine), in `restart`.
   * @default 50
   */
  readonly recoveryRestartMs?: number;
  /**
   * `timers`: each acknowledgement is an event after `ackDelayMs`; `immediate`: storage acknowledges
   * on receipt (bursts of operations that add no events to the run).
   * @default "timers"
   */
  readonly ackMode?: "timers" | "immediate";
}

/** The `cache` section of the `emulate --json` result, as a rig measures it. */
export type CacheMetrics = CacheSection;

/** Test-only ways to break the rig or the engine, to prove the checkers and tests catch each break. */
export interface CacheMutants extends EngineMutants {
  /** The `file` placement ignores a power loss: the cache keeps what was in DRAM, not what the file durably held. */
  readonly fileIgnoresPowerLoss?: boolean;
  /** Time to available is the work model's sum, not what a client observed. */
  readonly availabilityFormula?: boolean;
  /** After a reload from the file, new LSNs start above the file's superblock floor, not above what storage saw issued. */
  readonly trustFileLsnFloor?: boolean;
}

/** Sector size of the cache file's disk. */
const FILE_SECTOR_BYTES = 512;
/** Engine-time costs of a recovery (Node 20 measurements; NVMe reads): what the clients wait through. */
const HEADER_SCAN_MS = 0.0001;
const CRC_BYTES_PER_MS = 350_000;
const FILE_READ_BYTES_PER_MS = 2_000_000;

const DEFAULTS = {
  pageSize: 4096,
  slotCount: 256,
  pages: 1024,
  zipfS: 0.99,
  writePercent: 20,
  writeBytes: 64,
  mode: "eager",
  placement: "shared-memory",
  ackDelayMs: [1, 8],
  storageReadMs: 1,
  chunkBytes: 1024,
  ackMode: "timers",
  fileSyncEveryOps: 64,
  recoveryRestartMs: 50,
} as const;

class EngineCrash extends Error {
  constructor(readonly step: string) {
    super(`engine crashed at step ${step}`);
  }
}

/** A window of reads for hit ratios: the last `size` hit/miss outcomes. */
class HitWindow {
  private hits = 0;
  private total = 0;
  constructor(readonly size: number) {}
  add(hit: boolean): void {
    if (this.total >= this.size) return;
    this.total += 1;
    if (hit) this.hits += 1;
  }
  get ratio(): number {
    return this.total ? this.hits / this.total : 0;
  }
}

export class CacheRig {
  readonly options: Required<Omit<CacheRigOptions, "mutants">> & { mutants: CacheMutants };
  readonly storage: RedoStorage;
  memory: CacheMemory;
  engine: CacheEngine | undefined;
  private readonly random: Random;
  private readonly zipf: Zipf;
  private crashInSteps: number | undefined;
  private acksWithheld = false;
  private readonly withheld: number[] = [];
  /**
   * LSNs of commits not yet acknowledged to their client, in the order they were issued. An array,
   * not a set: a set emptied and refilled on every write resized its table each time.
   */
  private readonly pendingCommits: number[] = [];
  /** Where client reads land: the read event's checkers compare it at once; the next read overwrites it. */
  private readonly readBuffer: Uint8Array;
  /** A write's bytes: the engine ships a copy and the checkers read them at once; the next write overwrites them. */
  private readonly writeBuffer: Uint8Array;
  /** Highest LSN whose commit was acknowledged to a client (A). */
  ackedCommitLsn = 0;
  readonly recoveries: RecoveryOutcome[] = [];
  /** Ids persisted for the `identifiers` placement (what survives a power loss there). */
  private persistedIds: number[] = [];
  private steadyWindow = new HitWindow(10_000);
  private afterWindow: HitWindow | undefined;
  private lastRecovery: { readsDuringRecovery: number; durationMs: number } | undefined;
  private readonly trace;
  private ops = 0;
  private timer: TimerHandle | undefined;
  private lastRecoveryCrashed = false;
  /** The `file` placement's backing file, on the disk of the host actor `hostActor`. */
  readonly file: CacheFile | undefined;
  readonly hostActor: string | undefined;
  /** The cache was reloaded from its file after a power loss: the next recovery checks every slot. */
  private reloaded: { readonly bytes: number } | undefined;
  /** Client operations since the file's last sync. */
  private opsSinceSync = 0;
  /** The last `restart`: when it began, the engine work it modelled, and what a client observed. */
  private availability: { readonly since: number; workMs: number; observedMs: number | undefined } | undefined;
  /** Engine time before which the new engine serves nothing (the recovery's work is not done). */
  private servingFrom = 0;
  private probe: TimerHandle | undefined;

  constructor(
    readonly sim: Simulation,
    readonly name: string,
    options: CacheRigOptions = {},
    private readonly observer: CacheObserver = () => {},
  ) {
    this.options = { ...DEFAULTS, ...options, mutants: options.mutants ?? {} };
    this.storage = new RedoStorage(this.options.pageSize);
    this.readBuffer = new Uint8Array(this.options.pageSize);
    this.writeBuffer = new Uint8Array(this.options.writeBytes);
    this.memory = CacheMemory.create({ pageSize: this.options.pageSize, slotCount: this.options.slotCount });
    this.random = sim.env.random.fork(`cache/${name}`);
    this.zipf = new Zipf(this.options.pages, this.options.zipfS);
    this.trace = sim.env.trace.scoped(`cache/${name}`);
    if (this.options.placement === "file") {
      const geometry = { pageSize: this.options.pageSize, slotCount: this.options.slotCount };
      const diskGeometry = { sectorSizeBytes: FILE_SECTOR_BYTES, sectorCount: cacheFileSectors(geometry, FILE_SECTOR_BYTES) };
      // The host the file lives on is an actor of its own, so the simulator's power-loss model
      // applies to its disk (and only a fault the driver asks for cuts its power).
      let disk: Disk | undefined;
      this.hostActor = `cache-host/${name}`;
      sim.env.spawn(this.hostActor, {
        zone: `cache-host-${name.replace(/\s/g, "-")}`,
        boot: (ctx) => {
          disk = ctx.disk("cache", diskGeometry);
          return { receive: () => {} };
        },
      });
      if (!disk) throw new Error(`cache ${name}: the cache host did not boot`);
      this.file = new CacheFile(disk, geometry);
    }
    this.recover();
  }

  // --- faults ---

  /** The engine crashes `steps` engine steps from now (0: at the next step). */
  crashAfterSteps(steps: number): void {
    this.crashInSteps = steps;
  }

  /** The engine crashes the next time it reaches step `name` (e.g. `write-seq-odd`, `write-apply`). */
  crashAtStep(name: string, occurrence = 1): void {
    this.crashAtName = { name, left: occurrence };
  }
  private crashAtName: { name: string; left: number } | undefined;

  /** The engine process dies now (its private memory with it); the cache buffer survives. */
  crashNow(reason = "killed"): void {
    if (!this.engine) return;
    // What the process stored is in the host's page cache: the file has it (not yet durably).
    this.file?.flushDirty(this.memory);
    this.engine = undefined;
    this.crashInSteps = undefined;
    this.crashAtName = undefined;
    // Clients waiting for a commit never hear back from this engine.
    this.pendingCommits.length = 0;
    this.trace.record("engine-crash", `reason=${reason}`);
  }

  /** The host loses power: the engine dies, and the cache with it unless it is file-backed. */
  powerLoss(): void {
    this.crashNow("power-loss");
    if (this.file && this.hostActor) {
      // The simulator cuts the host's power: its disk keeps, loses or tears every sector written
      // since the last completed sync. The host boots again at once.
      const fault = this.sim.faults.crash(this.hostActor, { kind: "power" });
      fault.end();
      this.emit({ kind: "power-lost", disk: this.file.disk, nvm: false });
      if (this.options.mutants.fileIgnoresPowerLoss) return;
      const reloaded = this.file.reload();
      if (reloaded) {
        this.memory = reloaded;
        this.reloaded = { bytes: bufferBytes(reloaded) };
        this.trace.record("cache-from-file", `placement=file sectors=${this.file.disk.sectorCount}`);
      } else {
        // The superblock never became durable: there is no cache on the disk.
        this.memory = CacheMemory.create({ pageSize: this.options.pageSize, slotCount: this.options.slotCount });
        this.sim.env.sometimes("cache file held no durable superblock after a power loss", true);
        this.trace.record("cache-lost", "placement=file superblock-not-durable");
      }
      return;
    }
    this.emit({ kind: "power-lost", disk: undefined, nvm: this.options.placement === "write-through" });
    if (this.options.placement === "write-through" && this.mirror) {
      // DRAM is gone; the NVM mirror is the cache now.
      this.memory = this.mirror;
      this.mirror = undefined;
      this.trace.record("cache-from-mirror", "placement=write-through");
      return;
    }
    this.memory = CacheMemory.create({ pageSize: this.options.pageSize, slotCount: this.options.slotCount });
    this.trace.record("cache-lost", `placement=${this.options.placement}`);
  }

  /** Storage stops (or resumes) acknowledging redo: writes reach the cache, commits wait. */
  withholdAcks(on: boolean): void {
    this.acksWithheld = on;
    if (!on) for (const lsn of this.withheld.splice(0)) this.scheduleAck(lsn);
  }

  // --- recovery ---

  /**
   * Fences the old engine, recovers the cache and starts a new engine. `crashAtSlot` crashes the
   * recovery itself after scanning that many slots; call again to finish.
   */
  recover(crashAtSlot?: number): RecoveryOutcome | undefined {
    const reads = this.storage.reads;
    const lookups = this.storage.versionLookups;
    const reloaded = this.reloaded;
    let outcome: RecoveryOutcome;
    try {
      outcome = recoverCache(this.memory, {
        mode: this.options.mode,
        ...(reloaded ? { pageVersion: (p: number) => this.storage.pageVersion(p), epochFloor: this.storage.fencedEpoch } : {}),
        recoverStorage: (epoch, issued) => {
          const recoveryLsn = this.storage.recover(epoch, issued);
          if (reloaded && this.options.mutants.trustFileLsnFloor) return { recoveryLsn, highestIssued: issued };
          return { recoveryLsn, highestIssued: this.storage.highestIssued };
        },
        step: (slot) => {
          if (crashAtSlot !== undefined && slot === crashAtSlot) throw new EngineCrash(`recovery-scan-${slot}`);
        },
      });
    } catch (e) {
      if (e instanceof EngineCrash) {
        this.lastRecoveryCrashed = true;
        this.trace.record("recovery-crash", `at=${e.step}`);
        if (this.availability)
          this.availability.workMs += (crashAtSlot ?? 0) * HEADER_SCAN_MS + (reloaded?.bytes ?? 0) / FILE_READ_BYTES_PER_MS;
        return undefined;
      }
      throw e;
    }
    this.reloaded = undefined;
    const { mode, pageSize } = this.options;
    this.emit({
      kind: "recovered",
      outcome,
      mode,
      memory: this.memory,
      storage: this.storage,
      pageSize,
    });
    this.engine = new CacheEngine(
      this.memory,
      {
        readPage: (p) => this.storage.readPage(p),
        ship: (r) => this.ship(r),
        durablePoint: () => this.storage.durablePoint,
      },
      {
        epoch: outcome.epoch,
        mode: this.options.mode,

        chunkBytes: this.options.chunkBytes,
        mutants: this.options.mutants,
        hooks: { step: (name, slot) => this.step(name, slot) },
      },
      outcome.index,
    );
    if (this.options.placement === "identifiers" && outcome.kept === 0 && this.persistedIds.length) this.prefetch();
    const readsDuringRecovery = this.storage.reads - reads;
    // Version lookups go to storage as one batch: one round trip.
    const lookupMs = this.storage.versionLookups > lookups ? this.options.storageReadMs : 0;
    const workMs = this.scanCostMs(outcome, reloaded !== undefined) + (reloaded?.bytes ?? 0) / FILE_READ_BYTES_PER_MS + lookupMs;
    this.lastRecovery = { readsDuringRecovery, durationMs: Math.ceil(workMs + readsDuringRecovery * this.options.storageReadMs) };
    if (this.availability) this.availability.workMs += workMs + readsDuringRecovery * this.options.storageReadMs;
    this.emit({
      kind: "serving",
      outcome,
      mode,
      memory: this.memory,
      storageReads: readsDuringRecovery,
      prefetchAllowed: this.options.placement === "identifiers" ? this.persistedIds.length : 0,
    });
    const sometimes = this.sim.env.sometimes;
    sometimes("cache recovery invalidated a slot by its intent LSN", outcome.reasons.intent > 0);
    sometimes("cache recovery invalidated a torn slot (odd seqlock)", outcome.reasons["odd-seqlock"] > 0);
    sometimes("cache recovery invalidated a page newer than R", outcome.reasons["newer-than-recovery-point"] > 0);
    sometimes("cache recovery after a crash during recovery", this.lastRecoveryCrashed);
    if (reloaded) {
      sometimes("cache file placement kept pages after a power loss", outcome.kept > 0);
      sometimes("cache file recovery refused a torn page (checksum)", outcome.reasons.checksum > 0);
      sometimes("cache file recovery refused a lost write (older page version)", outcome.reasons["lost-write"] > 0);
    }
    this.lastRecoveryCrashed = false;
    this.afterWindow = this.recoveries.length ? new HitWindow(10_000) : undefined;
    this.resyncMirror();
    if (this.file) {
      // Recovery rewrote headers everywhere: the file gets them, and a sync makes them durable.
      this.file.flushAll(this.memory);
      this.syncFile();
    }
    this.recoveries.push(outcome);
    this.trace.record(
      "recovered",
      `epoch=${outcome.epoch} R=${outcome.recoveryLsn} kept=${outcome.kept} invalidated=${outcome.invalidated} mode=${this.options.mode}`,
    );
    return outcome;
  }

  /** Engine time of the scan: every header, plus a checksum of each page checked (eager, or reloaded from a file). */
  private scanCostMs(o: RecoveryOutcome, everySlotChecked: boolean): number {
    const headers = this.options.slotCount * HEADER_SCAN_MS;
    const checked = everySlotChecked ? o.kept + o.reasons.checksum + o.reasons["lost-write"] : o.kept;
    const crc = this.options.mode === "eager" || everySlotChecked ? (checked * this.options.pageSize) / CRC_BYTES_PER_MS : 0;
    return headers + crc;
  }

  /**
   * The engine starts again after a power restore or a crash, as the clients see it: the recovery
   * (a first attempt that dies after scanning `crashAtSlot` slots, then, `recoveryRestartMs` later,
   * a full one) takes its engine time on the simulation's clock, and the engine serves nothing
   * until that time has passed. A client tries a read every millisecond from now; the time to its
   * first answered read is the time to available this rig reports. `onServing` runs then.
   */
  restart(o: { readonly crashAtSlot?: number; readonly onServing?: () => void } = {}): void {
    this.probe?.cancel();
    const availability = { since: this.sim.env.clock.nowMs(), workMs: 0, observedMs: undefined as number | undefined };
    this.availability = availability;
    const finish = () => {
      // A later restart (another crash meanwhile) owns the engine now.
      if (this.availability !== availability) return;
      if (!this.recover()) throw new Error(`cache ${this.name}: the recovery after a failed one failed too`);
      this.servingFrom = availability.since + Math.ceil(availability.workMs);
    };
    if (o.crashAtSlot !== undefined && this.recover(o.crashAtSlot) === undefined) {
      const retryAt = Math.ceil(availability.workMs) + this.options.recoveryRestartMs;
      availability.workMs = retryAt;
      this.sim.env.timers.after(retryAt, `cache/${this.name}/recovery-retry`, finish);
    } else if (!this.engine) finish();
    else this.servingFrom = availability.since + Math.ceil(availability.workMs);
    // The client: one read a millisecond until the cache answers (page 0, the most popular one).
    const tryRead = () => {
      if (this.readPage(0) === undefined) return false;
      this.probe?.cancel();
      this.probe = undefined;
      availability.observedMs = this.sim.env.clock.nowMs() - availability.since;
      o.onServing?.();
      return true;
    };
    if (!tryRead()) this.probe = this.sim.env.timers.every(1, `cache/${this.name}/client-probe`, () => void tryRead());
  }

  private prefetch(): void {
    const engine = this.engine as CacheEngine;
    for (const p of this.persistedIds) engine.read(p);
    this.trace.record("prefetched", `pages=${this.persistedIds.length}`);
  }

  // --- the workload ---

  /** Runs `count` client operations, one every `everyMs` of virtual time, then lets acks land. */
  runOps(count: number, everyMs = 1): void {
    for (let i = 0; i < count; i++) {
      this.op();
      this.sim.runFor(everyMs);
    }
  }

  /** Starts a background workload of one operation every `everyMs` (for the emulate component). */
  startWorkload(everyMs: number): void {
    this.timer?.cancel();
    this.timer = this.sim.env.timers.every(everyMs, `cache/${this.name}/op`, () => this.op(), { background: true });
  }

  /** One client operation: a Zipf page, read or written. Returns false when no engine serves. */
  op(): boolean {
    if (!this.engine) return false;
    const page = this.zipf.next(this.random);
    const write = this.random.int(100) < this.options.writePercent;
    this.ops += 1;
    const done = (write ? this.writePage(page) : this.readPage(page)) !== undefined;
    // Identifiers-only placement persists what is cached now and then, as a background flush would.
    if (this.options.placement === "identifiers" && this.ops % 64 === 0) this.persistIds();
    return done;
  }

  /**
   * A client read of `page`, checked against the oracle; undefined when the engine is down or
   * crashed. Its bytes are the rig's read buffer: valid until the next read.
   */
  readPage(page: number): ReadResult | undefined {
    const engine = this.serving();
    if (!engine) return undefined;
    try {
      const out = this.read(engine, page);
      this.afterOp();
      return out;
    } catch (e) {
      return this.failed(e);
    }
  }

  /** A client write to `page` (random bytes); its LSN, or undefined when the engine is down or crashed. */
  writePage(page: number): number | undefined {
    const engine = this.serving();
    if (!engine) return undefined;
    try {
      const out = this.write(engine, page);
      this.afterOp();
      return out;
    } catch (e) {
      return this.failed(e);
    }
  }

  // readPage and writePage spell the guard out (no closure per operation: the workload runs 15,000 a run).

  /** The engine, when one serves now. */
  private serving(): CacheEngine | undefined {
    const engine = this.engine;
    return !engine || this.sim.env.clock.nowMs() < this.servingFrom ? undefined : engine;
  }

  /** After each operation: what the process stored reaches the file (page cache), synced every few operations. */
  private afterOp(): void {
    if (!this.file) return;
    this.file.flushDirty(this.memory);
    if (++this.opsSinceSync >= this.options.fileSyncEveryOps) this.syncFile();
  }

  /** An operation the engine did not finish: a crash step kills it, a fenced engine answers nothing. */
  private failed(e: unknown): undefined {
    if (e instanceof EngineCrash) {
      this.crashNow(`step ${e.step}`);
      return undefined;
    }
    if (e instanceof FencedError) return undefined;
    throw e;
  }

  /** fdatasync of the cache file: everything written so far is durable once it completes. */
  syncFile(): void {
    if (!this.file) return;
    this.opsSinceSync = 0;
    this.file.sync(this.memory);
  }

  private read(engine: CacheEngine, page: number): ReadResult {
    // A kept page may have been evicted by misses since recovery; only one still indexed must hit.
    const stillCached = engine.slotOf(page) !== undefined;
    const reads = this.storage.reads;
    const r = engine.read(page, this.readBuffer);
    this.emit({
      kind: "read",
      page,
      result: r,
      stillCached,
      storageReads: this.storage.reads - reads,
      slot: engine.slotOf(page),
      epoch: engine.epoch,
      memory: this.memory,
    });
    if (this.afterWindow) this.afterWindow.add(r.hit);
    else this.steadyWindow.add(r.hit);
    return r;
  }

  private write(engine: CacheEngine, page: number): number {
    const { pageSize, writeBytes } = this.options;
    const offset = this.random.int(pageSize / writeBytes) * writeBytes;
    const data = this.writeBuffer;
    // A byte per draw, its low 8 bits: what int(256) gives (2^32 is a multiple of 256, so it never redraws).
    for (let i = 0; i < writeBytes; i++) data[i] = this.random.uint32() & 255;
    const lsn = engine.write(page, offset, data);
    this.emit({
      kind: "write",
      page,
      offset,
      data,
      lsn,
      slot: engine.slotOf(page),
      epoch: engine.epoch,
      memory: this.memory,
    });
    this.pendingCommits.push(lsn);
    return lsn;
  }

  /** Writes the ids of the cached pages to the persistent list (identifiers-only placement). */
  persistIds(): void {
    const ids: number[] = [];
    for (let s = 0; s < this.memory.slotCount; s++) if (this.memory.state(s) === SlotState.VALID) ids.push(this.memory.pageId(s));
    this.persistedIds = ids;
  }

  private ship(r: Parameters<RedoStorage["receive"]>[0]): void {
    if (!this.storage.receive(r)) return;
    if (this.acksWithheld) this.withheld.push(r.lsn);
    else this.scheduleAck(r.lsn);
  }

  private scheduleAck(lsn: number): void {
    if (this.options.ackMode === "immediate") {
      this.storage.ack(lsn);
      this.commitDurable();
      return;
    }
    const [min, max] = this.options.ackDelayMs;
    this.sim.env.timers.after(this.random.between(min, max), `cache/${this.name}/ack`, () => {
      this.storage.ack(lsn);
      this.commitDurable();
    });
  }

  /** Acknowledges to clients every commit the durable point now covers. */
  private commitDurable(): void {
    const pending = this.pendingCommits;
    let waiting = 0;
    for (let i = 0; i < pending.length; i++) {
      const l = pending[i] as number;
      if (!this.storage.isDurable(l)) {
        pending[waiting++] = l;
        continue;
      }
      this.ackedCommitLsn = Math.max(this.ackedCommitLsn, l);
      this.emit({ kind: "committed", lsn: l });
    }
    pending.length = waiting;
  }

  /** Runs `count` operations at the current instant (no events; use with `ackMode: "immediate"`). */
  runBurst(count: number): void {
    for (let i = 0; i < count && this.engine; i++) this.op();
  }

  /**
   * The engine moves to another host (a failover): that host's cache memory is its own, and holds
   * nothing of this workload. The old engine is gone; call `recover` to start on the new memory.
   */
  moveToFreshMemory(): void {
    this.crashNow("moved");
    this.memory = CacheMemory.create({ pageSize: this.options.pageSize, slotCount: this.options.slotCount });
    this.trace.record("cache-moved", "to a fresh cache on the new writer's host");
  }

  /** The NVM copy of a write-through cache. */
  mirror: CacheMemory | undefined;
  /** A crash armed inside the mirror copy of the next slot update (a torn NVM write). */
  private tearMirrorNext = false;

  /** The next slot update crashes halfway through its copy into the mirror. */
  tearNextMirrorCopy(): void {
    this.tearMirrorNext = true;
  }

  /** Write-through: the slot (and the superblock) go to the mirror as they change. */
  private mirrorSlot(slot: number): void {
    const mirror = this.mirror;
    if (!mirror) return;
    mirror.superblock().set(this.memory.superblock());
    mirror.setMirrorFlag(slot, 1);
    const page = this.memory.page(slot);
    const half = page.length >> 1;
    mirror.page(slot).set(page.subarray(0, half));
    if (this.tearMirrorNext) {
      this.tearMirrorNext = false;
      throw new EngineCrash("mirror-copy");
    }
    mirror.page(slot).set(page.subarray(half), half);
    const header = this.memory.header(slot);
    // Everything but the flag word (the last 32-bit word of the first half of the header).
    mirror.header(slot).set(header.subarray(0, 28), 0);
    mirror.header(slot).set(header.subarray(32), 32);
    mirror.setMirrorFlag(slot, 0);
  }

  /** The mirror starts as a copy of the cache (after each recovery, which rewrites headers). */
  private resyncMirror(): void {
    if (this.options.placement !== "write-through") return;
    const copy = new SharedArrayBuffer(this.memory.buffer.byteLength);
    new Uint8Array(copy).set(new Uint8Array(this.memory.buffer));
    this.mirror = CacheMemory.attach(copy);
  }

  /** Slots where the mirror differs from the cache, and slots flagged in flight in the mirror. */
  mirrorDiff(): { readonly differing: number[]; readonly flagged: number[] } {
    const differing: number[] = [];
    const flagged: number[] = [];
    const mirror = this.mirror;
    if (!mirror) return { differing, flagged };
    for (let s = 0; s < this.memory.slotCount; s++) {
      if (mirror.mirrorFlag(s) !== 0) flagged.push(s);
      if (
        !equal(mirror.page(s), this.memory.page(s)) ||
        !equal(mirror.header(s).subarray(0, 28), this.memory.header(s).subarray(0, 28)) ||
        !equal(mirror.header(s).subarray(32), this.memory.header(s).subarray(32))
      )
        differing.push(s);
    }
    return { differing, flagged };
  }

  private step(name: string, slot?: number): void {
    if (slot !== undefined && this.options.placement === "write-through") this.mirrorSlot(slot);
    if (slot !== undefined) this.file?.markSlot(slot);
    if (this.crashAtName?.name === name && --this.crashAtName.left === 0) {
      this.crashAtName = undefined;
      throw new EngineCrash(name);
    }
    if (this.crashInSteps === undefined) return;
    if (this.crashInSteps === 0) throw new EngineCrash(name);
    this.crashInSteps -= 1;
  }

  private emit(e: CacheEvent): void {
    this.observer(e);
  }

  // --- measures ---

  /** The slots and pages as a checker sees them. */
  validPages(): number {
    let n = 0;
    for (let s = 0; s < this.memory.slotCount; s++) if (this.memory.state(s) === SlotState.VALID) n++;
    return n;
  }

  /** The `cache` section of the emulate result, for the last recovery. */
  metrics(entriesBefore: number): CacheMetrics {
    const last = this.recoveries[this.recoveries.length - 1];
    return {
      entriesBefore,
      kept: last?.kept ?? 0,
      invalidated: last?.invalidated ?? 0,
      hitRatioBefore: round(this.steadyWindow.ratio),
      hitRatioAfterFirst10k: round(this.afterWindow?.ratio ?? 0),
      backendReadsDuringRecovery: this.lastRecovery?.readsDuringRecovery ?? 0,
      timeToAvailableMs: this.timeToAvailableMs(),
    };
  }

  /**
   * What a client observed from the last `restart` to its first answered read; without a restart,
   * the last recovery's engine time (the synchronous `recover` has no clients waiting).
   */
  timeToAvailableMs(): number {
    const observed = this.availability?.observedMs;
    if (this.options.mutants.availabilityFormula || observed === undefined) return this.lastRecovery?.durationMs ?? 0;
    return observed;
  }

  get hitRatioBefore(): number {
    return this.steadyWindow.ratio;
  }
  get hitRatioAfter(): number {
    return this.afterWindow?.ratio ?? 0;
  }
  /** Resets the steady-state window (after a warm-up). */
  measureSteadyFromNow(size = 10_000): void {
    this.steadyWindow = new HitWindow(size);
  }
}

/** Byte equality through Buffer's native compare, which takes plain Uint8Arrays (no view made per check). */
function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

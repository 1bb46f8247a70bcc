/**
 * The data environment of the storage control plane: hosts with their host managers, the volumes of
 * the data instances they run, the snapshot store and the log archive. Only host managers touch
 * volume data (plane separation); a host manager only answers — it never calls the control plane
 * (../../docs/design/0004-storage-control-plane.md). Its periodic work — data-plane snapshots every
 * 15 minutes without suspension, log backups every 5 — runs on its own timers.
 */
import { BlockStore } from "./block-store";
import { LogArchive } from "./log-archive";
import { type LogSource, OutsideWindowError, type PointInTimeResult, restoreToPoint } from "./point-in-time";
import { type Snapshot, SnapshotStore } from "./snapshots";
import { Volume } from "./volume";

export const BLOCK_SIZE = 4096;

/** A task the control plane sends to a host manager; the reply is data about data, never data. */
export type Task =
  | { readonly kind: "status" }
  | { readonly kind: "create-volume"; readonly volumeId: string }
  | { readonly kind: "snapshot"; readonly volumeId: string; readonly tier: Snapshot["tier"] }
  | {
      readonly kind: "restore";
      readonly volumeId: string;
      readonly sourceVolumeId: string;
      readonly atMs: number;
      /** Cached (not yet persisted) logs may be used: the source's host is alive. */
      readonly useCachedLogs: boolean;
      readonly clonesOfSource: number;
      /** Repartition: keep only the blocks of this partition (index mod `of` = `index`). */
      readonly partition?: Partition;
    }
  | { readonly kind: "release-volume"; readonly volumeId: string }
  | { readonly kind: "persist-logs"; readonly volumeId: string }
  /** Daily backup: flush and lock tables, suspend data I/O, snapshot the log volume, write the log position. */
  | { readonly kind: "suspend-for-backup"; readonly volumeId: string }
  /** Daily backup: copy the logs and their position, remove the log snapshot, unlock the tables. */
  | { readonly kind: "resume-from-backup"; readonly volumeId: string };

export type DataPlaneReply =
  | { readonly ok: true; readonly detail?: Record<string, number | string | boolean | undefined> }
  | { readonly ok: false; readonly error: string };

/** One partition of a repartitioned database: blocks whose index mod `of` is `index`. */
export interface Partition {
  /** Repartitions of one source at one point share a group id. */
  readonly group: string;
  readonly index: number;
  readonly of: number;
}

/**
 * Test-only planted bugs of the data plane, by name; production code never sets them and the
 * public entry points do not expose them.
 */
export interface DataPlaneMutants {
  /** A clone or restore copies every block at once while it reports copy-on-write. */
  readonly eagerClone?: boolean;
  /** Restores replay the source volume's in-memory log up to its persisted mark, not the archive. */
  readonly restoreFromMemory?: boolean;
  /** The daily backup's resume marks the logs persisted even when their copy failed verification. */
  readonly persistUnverified?: boolean;
}

/** The data plane's planted bugs named `storage.<name>` in `mutants` (e.g. `storage.eagerClone`). */
export function dataPlaneMutants(mutants: ReadonlySet<string>): DataPlaneMutants {
  return {
    eagerClone: mutants.has("storage.eagerClone"),
    restoreFromMemory: mutants.has("storage.restoreFromMemory"),
    persistUnverified: mutants.has("storage.persistUnverified"),
  };
}

export class DataPlane {
  readonly store = new BlockStore(BLOCK_SIZE);
  readonly snapshots = new SnapshotStore(this.store);
  /** The log backups (the bucket), per volume. */
  readonly logs = new LogArchive();
  private readonly volumes = new Map<string, Volume>();
  /** Per volume: log records up to this time are in the archive (persisted). */
  private readonly persistedUntil = new Map<string, number>();
  /** Volumes whose cached log was lost with their host (only persisted logs remain). */
  private readonly cacheLost = new Set<string>();
  /** Volumes suspended for a backup (tables locked, data I/O stopped, a log snapshot mounted). */
  readonly suspended = new Map<string, { readonly sinceMs: number; readonly logPosition: number }>();
  /** Restores and clones, with their outcome (the `restores` result and the checkers read it). */
  readonly restores: (PointInTimeResult & {
    readonly sourceVolumeId: string;
    readonly atMs: number;
    readonly partition?: Partition;
  })[] = [];

  constructor(private readonly mutants: DataPlaneMutants = {}) {}

  volume(id: string): Volume | undefined {
    return this.volumes.get(id);
  }

  /** Every live volume's id. */
  volumeIds(): string[] {
    return [...this.volumes.keys()];
  }

  /** The persisted mark: the volume's log records up to this time are said to be in the archive. */
  persistedThroughMs(volumeId: string): number | undefined {
    return this.persistedUntil.get(volumeId);
  }

  /** Runs a task; throws on a malformed request (a control-plane bug), replies ok:false on a data failure. */
  execute(task: Task, nowMs: number): DataPlaneReply {
    try {
      return this.run(task, nowMs);
    } catch (e) {
      if (e instanceof OutsideWindowError) return { ok: false, error: e.message };
      throw e;
    }
  }

  private run(task: Task, nowMs: number): DataPlaneReply {
    switch (task.kind) {
      case "status":
        return { ok: true };
      case "create-volume": {
        this.volumes.set(task.volumeId, new Volume(task.volumeId, this.store, undefined, nowMs));
        this.persistedUntil.set(task.volumeId, nowMs);
        return { ok: true };
      }
      case "snapshot": {
        const v = this.need(task.volumeId);
        const s = this.snapshots.take(v, nowMs, task.tier);
        return { ok: true, detail: { snapshotId: s.id, seq: s.seq, suspended: this.suspended.has(task.volumeId) } };
      }
      case "persist-logs": {
        const outcome = this.logs.backup(this.need(task.volumeId), nowMs);
        // Only a verified copy moves the persisted point: a failed one leaves the logs where they were.
        if (!outcome.ok) return outcome;
        this.persistedUntil.set(task.volumeId, nowMs);
        return { ok: true, detail: { savedThroughSeq: this.logs.lastSavedSeq(task.volumeId), repaired: outcome.repaired.length } };
      }
      case "suspend-for-backup": {
        this.need(task.volumeId);
        if (!this.suspended.has(task.volumeId))
          this.suspended.set(task.volumeId, { sinceMs: nowMs, logPosition: this.need(task.volumeId).lastSeq });
        return { ok: true, detail: { suspended: true } };
      }
      case "resume-from-backup": {
        const s = this.suspended.get(task.volumeId);
        // Resuming from a backup: the logs up to the suspension are copied before the tables unlock.
        // Only a copy that verified moves the persisted mark; a failed one is copied again by the
        // next log backup, and the tables unlock either way (a backup must not hold them).
        const copied = s ? this.logs.backup(this.need(task.volumeId), nowMs) : undefined;
        if (s && (copied?.ok || this.mutants.persistUnverified))
          this.persistedUntil.set(task.volumeId, Math.max(this.persistedUntil.get(task.volumeId) ?? 0, s.sinceMs));
        this.suspended.delete(task.volumeId);
        return { ok: true, ...(copied && !copied.ok ? { detail: { logCopy: copied.error } } : {}) };
      }
      case "restore": {
        const source = this.volumes.get(task.sourceVolumeId);
        // The source was deleted meanwhile: a data failure the workflow retries and rolls back.
        if (!source) return { ok: false, error: `source volume ${task.sourceVolumeId} no longer exists` };
        const cached = task.useCachedLogs && !this.cacheLost.has(task.sourceVolumeId);
        const r = restoreToPoint(this.store, this.snapshots, source, task.atMs, {
          id: task.volumeId,
          logs: (fromSeq) => this.logsFor(source, fromSeq, cached, nowMs),
          clonesOfSource: task.clonesOfSource,
          ...(task.partition ? { keep: keepPartition(task.partition) } : {}),
          ...(this.mutants.eagerClone ? { eagerCopy: true } : {}),
        });
        this.volumes.set(task.volumeId, r.volume);
        this.persistedUntil.set(task.volumeId, nowMs);
        this.restores.push({
          ...r,
          sourceVolumeId: task.sourceVolumeId,
          atMs: task.atMs,
          ...(task.partition ? { partition: task.partition } : {}),
        });
        return {
          ok: true,
          detail: {
            snapshotId: r.snapshot?.id,
            snapshotAtMs: r.snapshot?.atMs,
            fromSeq: r.replayed.fromSeq,
            toSeq: r.replayed.toSeq,
            effectiveMs: r.effectiveMs,
            copy: r.copy,
            archivedSegments: r.segments,
            ...(r.gap ? { gapFromSeq: r.gap.fromSeq, gap: r.gap.reason } : {}),
          },
        };
      }
      case "release-volume": {
        this.volumes.get(task.volumeId)?.release();
        this.volumes.delete(task.volumeId);
        return { ok: true };
      }
    }
  }

  /**
   * The records a restore of `source` replays from `fromSeq` on: the archived log backups, each
   * checked against its checksum; after the archive's end, the tail the source's host still caches
   * when it may be used (the host is alive). A damaged or missing backup ends the replay there: the
   * cache never papers over a hole in the archive.
   */
  private logsFor(source: Volume, fromSeq: number, cached: boolean, nowMs: number): LogSource {
    if (this.mutants.restoreFromMemory)
      return {
        records: source.log.slice(fromSeq - 1),
        untilMs: cached ? nowMs : (this.persistedUntil.get(source.id) ?? 0),
      };
    const archived = this.logs.replay(source.id, fromSeq);
    const untilMs = archived.throughMs ?? source.createdAtMs;
    const segments = archived.segments;
    if (archived.gap) return { records: archived.records, untilMs, gap: archived.gap, segments };
    if (!cached) return { records: archived.records, untilMs, segments };
    return { records: [...archived.records, ...source.log.slice(archived.throughSeq)], untilMs: nowMs, segments };
  }

  /** The host of these volumes died: their cached (unpersisted) logs are gone. */
  loseCachedLogs(volumeIds: readonly string[]): void {
    for (const id of volumeIds) this.cacheLost.add(id);
  }

  private need(id: string): Volume {
    const v = this.volumes.get(id);
    if (!v) throw new Error(`no volume ${id}`);
    return v;
  }
}

/** Whether block `index` belongs to partition `p`. */
export function keepPartition(p: Partition): (index: number) => boolean {
  return (index) => index % p.of === p.index;
}

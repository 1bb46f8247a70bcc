/**
 * A host manager: the agent on a data host that executes the control plane's tasks and
 * answers its polls. It never calls the control plane (it only replies). Faults: `silent` (the host or
 * its agent stopped answering) and injected task failures (a snapshot or log apply that fails N times).
 */
import type { Timers } from "../../sim/ports";
import type { DataPlane, DataPlaneReply, Task } from "../data-plane";

export class HostManager {
  /** Stops answering (a dead host, a hung agent). */
  silent = false;
  private readonly failures = new Map<Task["kind"], number>();
  /** Every task the host ran, with its time (the checkers' view of the data plane). */
  readonly ran: { readonly atMs: number; readonly task: Task; readonly ok: boolean }[] = [];

  /** Suspensions the host ended itself because the control plane never resumed them. */
  readonly autoResumed: { readonly volumeId: string; readonly atMs: number }[] = [];

  constructor(
    readonly id: string,
    readonly zone: string,
    private readonly data: DataPlane,
    /** Host-side timers (the backup resume timer); the host needs no one to fire them. */
    private readonly timers?: Timers,
    /** How long a backup may keep the database suspended before the host resumes it itself. */
    private readonly resumeTimerMs = 10 * 60_000,
  ) {}

  /** The next `times` tasks of `kind` fail. */
  failNext(kind: Task["kind"], times: number): void {
    this.failures.set(kind, times);
  }

  /** Runs a task; undefined when the host does not answer. */
  handle(task: Task, nowMs: number): DataPlaneReply | undefined {
    if (this.silent) return undefined;
    const left = this.failures.get(task.kind) ?? 0;
    if (left > 0) {
      this.failures.set(task.kind, left - 1);
      this.ran.push({ atMs: nowMs, task, ok: false });
      return { ok: false, error: `injected failure of ${task.kind}` };
    }
    const reply = this.data.execute(task, nowMs);
    this.ran.push({ atMs: nowMs, task, ok: reply.ok });
    if (task.kind === "suspend-for-backup" && reply.ok && this.timers) {
      const since = this.data.suspended.get(task.volumeId)?.sinceMs;
      // If the admin tier hangs during a backup, the database must not stay locked: resume it on our own.
      this.timers.after(this.resumeTimerMs, `storage/${this.id}/resume-timer`, () => {
        if (this.data.suspended.get(task.volumeId)?.sinceMs !== since) return;
        this.data.execute({ kind: "resume-from-backup", volumeId: task.volumeId }, nowMs + this.resumeTimerMs);
        this.autoResumed.push({ volumeId: task.volumeId, atMs: nowMs + this.resumeTimerMs });
      });
    }
    return reply;
  }
}

/**
 * A host manager (seed 003): the agent on a data host that executes the control plane's tasks and
 * answers its polls. It never calls the control plane (invariant 2). Faults: `silent` (the host or
 * its agent stopped answering) and injected task failures (a snapshot or log apply that fails N times).
 */
import type { DataPlane, Reply, Task } from "../data-plane";

export class HostManager {
  /** Stops answering (a dead host, a hung agent). */
  silent = false;
  private readonly failures = new Map<Task["kind"], number>();
  /** Every task the host ran, with its time (the checkers' view of the data plane). */
  readonly ran: { readonly atMs: number; readonly task: Task; readonly ok: boolean }[] = [];

  constructor(
    readonly id: string,
    readonly zone: string,
    private readonly data: DataPlane,
  ) {}

  /** The next `times` tasks of `kind` fail. */
  failNext(kind: Task["kind"], times: number): void {
    this.failures.set(kind, times);
  }

  /** Runs a task; undefined when the host does not answer. */
  handle(task: Task, nowMs: number): Reply | undefined {
    if (this.silent) return undefined;
    const left = this.failures.get(task.kind) ?? 0;
    if (left > 0) {
      this.failures.set(task.kind, left - 1);
      this.ran.push({ atMs: nowMs, task, ok: false });
      return { ok: false, error: `injected failure of ${task.kind}` };
    }
    const reply = this.data.execute(task, nowMs);
    this.ran.push({ atMs: nowMs, task, ok: reply.ok });
    return reply;
  }
}

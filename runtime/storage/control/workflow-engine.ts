/**
 * The workflow engine: a workflow is tasks in order; each is sent to a host
 * manager (or done on metadata), then tested; a failed or unanswered task is retried up to
 * `maxRetries` times; when retries run out the workflow fails and the completed tasks are
 * compensated in reverse order, so nothing is left half-done: no orphan volume, no
 * half-applied log, no dangling DNS binding.
 */
import type { Timers } from "../../sim/ports";
import type { DataPlaneReply, Task } from "../data-plane";
import type { AdminStore, Job, WorkflowRecord } from "./admin-store";
import type { HostManager } from "./host-manager";

export interface TaskSpec {
  readonly name: string;
  /** A data-plane task for a host, or undefined for a metadata-only step (`local`). */
  readonly host?: () => HostManager | undefined;
  readonly task?: () => Task;
  readonly local?: () => void;
  /** The test after the task: a message when it failed. */
  readonly test?: (reply: DataPlaneReply) => string | undefined;
  readonly onOk?: (reply: DataPlaneReply) => void;
  /** Undoes the task after a later one failed. */
  readonly compensate?: () => void;
}

export interface WorkflowOptions {
  /** @default 3 */
  readonly maxRetries: number;
  /** Virtual time each task takes. @default 2000 */
  readonly taskMs: number;
}

export class WorkflowEngine {
  private hangs: { readonly after: string; readonly forMs: number }[] = [];
  private hungUntil = 0;

  /** Fault: after a workflow verifies a task named `after`, the engine does nothing for `forMs`. */
  hangAfter(after: string, forMs: number): void {
    this.hangs.push({ after, forMs });
  }

  constructor(
    private readonly admin: AdminStore,
    private readonly timers: Timers,
    private readonly now: () => number,
    private readonly options: WorkflowOptions,
  ) {}

  start(job: Job, tasks: readonly TaskSpec[], done: (ok: boolean) => void): WorkflowRecord {
    const wf: WorkflowRecord = {
      id: this.admin.nextId("wf"),
      jobId: job.id,
      action: job.action,
      name: job.name,
      state: "RUNNING",
      tasks: tasks.map((t) => ({ name: t.name, state: "PENDING", attempts: 0 })),
    };
    this.admin.workflows.push(wf);
    const step = (i: number) => {
      // A hung admin tier makes no progress: the step waits until the hang is over.
      if (this.now() < this.hungUntil) {
        this.timers.after(this.hungUntil - this.now(), `storage/${wf.id}/hung`, () => step(i));
        return;
      }
      if (i === tasks.length) {
        wf.state = "COMPLETED";
        done(true);
        return;
      }
      const spec = tasks[i] as TaskSpec;
      const rec = wf.tasks[i] as WorkflowRecord["tasks"][number];
      rec.attempts += 1;
      rec.state = "DISPATCHED";
      rec.startedAtMs ??= this.now();
      const failure = this.run(spec);
      if (failure === undefined) {
        rec.state = "VERIFIED";
        const hang = this.hangs.find((h) => h.after === spec.name);
        if (hang) {
          this.hangs = this.hangs.filter((h) => h !== hang);
          this.hungUntil = this.now() + hang.forMs;
        }
        this.timers.after(this.options.taskMs, `storage/${wf.id}/${spec.name}`, () => step(i + 1));
        return;
      }
      if (rec.attempts <= this.options.maxRetries) {
        this.timers.after(this.options.taskMs, `storage/${wf.id}/${spec.name}/retry`, () => step(i));
        return;
      }
      rec.state = "FAILED";
      wf.state = "COMPENSATING";
      for (let k = i - 1; k >= 0; k--) {
        tasks[k]?.compensate?.();
        (wf.tasks[k] as WorkflowRecord["tasks"][number]).state = "COMPENSATED";
      }
      wf.state = "ROLLED_BACK";
      this.admin.event(
        this.now(),
        job.name,
        "error",
        `${job.action} failed at ${spec.name} after ${rec.attempts} attempts: ${failure}; rolled back`,
      );
      done(false);
    };
    this.timers.after(0, `storage/${wf.id}/start`, () => step(0));
    return wf;
  }

  /** Runs one attempt; returns why it failed, or undefined. */
  private run(spec: TaskSpec): string | undefined {
    if (spec.local) {
      spec.local();
      return undefined;
    }
    const host = spec.host?.();
    if (!host || !spec.task) return "no host to run it";
    const reply = host.handle(spec.task(), this.now());
    if (!reply) return `host ${host.id} did not answer`;
    if (!reply.ok) return reply.error;
    const failed = spec.test?.(reply);
    if (failed) {
      // The host did the work but it did not pass its test: undo this attempt before any retry.
      spec.compensate?.();
      return failed;
    }
    spec.onOk?.(reply);
    return undefined;
  }
}

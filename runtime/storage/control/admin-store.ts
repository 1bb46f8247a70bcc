/**
 * The control plane's admin store: instances, jobs, workflows and the customer event log
 * — metadata only; no volume data ever passes through it (the planes stay separate).
 */

export type InstanceState =
  | "CREATING"
  | "AVAILABLE"
  | "BACKING_UP"
  | "HIBERNATING"
  | "HIBERNATED"
  | "RESUMING"
  | "FAILED"
  | "RECOVERING"
  | "DELETING"
  | "DELETED";

export interface DatabaseInstanceRecord {
  readonly name: string;
  /** The current instance id (a new one after a resume or a recovery). */
  instanceId: string;
  state: InstanceState;
  hostId: string | undefined;
  volumeId: string;
  readonly port: number;
  /** Compute milliseconds billed (instance running), storage billed separately. */
  computeMs: number;
  lastBilledAtMs: number;
}

export type JobAction = "create" | "clone" | "hibernate" | "resume" | "recover" | "backup" | "snapshot" | "delete";

export interface Job {
  readonly id: string;
  readonly action: JobAction;
  readonly name: string;
  readonly params: Readonly<Record<string, string | number | boolean>>;
  /** The sweeper leaves the job alone before this time. */
  readonly notBeforeMs: number;
  /** Jobs with the same key are one job (idempotent requests: one recovery per incident). */
  readonly key: string;
  state: "QUEUED" | "RUNNING" | "DONE";
  startedAtMs?: number;
}

export type WorkflowState = "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "COMPENSATING" | "ROLLED_BACK";

export interface TaskRecord {
  readonly name: string;
  state: "PENDING" | "DISPATCHED" | "VERIFIED" | "FAILED" | "COMPENSATED";
  attempts: number;
  startedAtMs?: number;
}

export interface WorkflowRecord {
  readonly id: string;
  readonly jobId: string;
  readonly action: JobAction;
  readonly name: string;
  state: WorkflowState;
  readonly tasks: TaskRecord[];
}

export interface CustomerEvent {
  readonly atMs: number;
  readonly name: string;
  readonly kind: "info" | "error";
  readonly message: string;
}

/** One row per volume of a daily control-plane backup. */
export interface BackupRow {
  readonly name: string;
  readonly volumeId: string;
  readonly snapshotId: string;
  readonly verified: boolean;
  resumedAtMs?: number;
  /** Set by the last step, after the resume: only then is the backup reported complete. */
  completedAtMs?: number;
}

export class AdminStore {
  readonly instances = new Map<string, DatabaseInstanceRecord>();
  readonly backups: BackupRow[] = [];
  readonly jobs: Job[] = [];
  readonly workflows: WorkflowRecord[] = [];
  readonly events: CustomerEvent[] = [];
  private counter = 0;

  nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}-${this.counter}`;
  }

  /** Queues a job unless one with the same key exists; returns the job either way. */
  enqueue(job: Omit<Job, "id" | "state">): Job {
    const same = this.jobs.find((j) => j.key === job.key);
    if (same) return same;
    const j: Job = { ...job, id: this.nextId("job"), state: "QUEUED" };
    this.jobs.push(j);
    return j;
  }

  /** Called with every customer event (the control plane traces them). */
  onEvent: ((e: CustomerEvent) => void) | undefined;

  event(atMs: number, name: string, kind: CustomerEvent["kind"], message: string): void {
    const e = { atMs, name, kind, message };
    this.events.push(e);
    this.onEvent?.(e);
  }
}

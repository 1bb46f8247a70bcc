/**
 * Real mode's host: every process a worker thread over the host's SharedArrayBuffer. The
 * cleanup thread is a watcher in this (main) thread: it waits on each process's fault mailbox with
 * `Atomics.waitAsync` and hands the record to the engine. A backstop on the worker's `exit` event
 * reports deaths that bypassed the handler (`unexpected-exit`). `kill` is `worker.terminate()`.
 */
import { Worker } from "node:worker_threads";
import { builtWorkerScript } from "../real/worker-script";
import type { Handle } from "./access";
import type { ProcessingApplication } from "./application";
import type { FaultSpec, HostWitness, JobOrder, ProcessHost } from "./host";
import { kindCode, kindOfCode, M, P, ProcState } from "./layout";
import type { FromProcess, ProcessWorkerData, ToProcess } from "./process-worker";

/** The compiled worker script (real mode runs the built package). */
export function processWorkerFile(): string {
  return builtWorkerScript("processes", "process-worker.js");
}

/** `Atomics.waitAsync` (Node ≥ 16), typed here because the project's lib target predates ES2024. */
const waitAsync = (
  Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number, t: number): { async: boolean; value: Promise<string> | string } }
).waitAsync;

interface Slot {
  worker: Worker;
  killed: boolean;
  exited: Promise<void>;
  onPartial?: (h: Handle) => void;
  onSum?: (sum: number) => void;
  onStopped?: () => void;
}

export class RealHost implements ProcessHost {
  private readonly slots = new Map<number, Slot>();

  constructor(
    private readonly app: ProcessingApplication,
    /** How long a worker waits for a free page before its step fails. @default 1000 */
    private readonly allocWaitMs = 1_000,
    /** Told of every fault (as the worker's handler recorded it), kill and start. */
    private readonly witness?: HostWitness,
  ) {}

  spawn(pid: number, ready: () => void): void {
    this.witness?.spawned(pid);
    const data: ProcessWorkerData = { buffer: this.app.memory.buffer, pid, objects: this.app.publicObjects, allocWaitMs: this.allocWaitMs };
    // the worker is compiled JavaScript: it inherits no loader (tsx's hooks slow each worker tenfold)
    const worker = new Worker(processWorkerFile(), { workerData: data, execArgv: [] });
    const slot: Slot = { worker, killed: false, exited: new Promise((resolve) => worker.once("exit", () => resolve())) };
    this.slots.set(pid, slot);
    worker.on("message", (m: FromProcess) => {
      if (m.type === "ready") ready();
      else if (m.type === "partial") slot.onPartial?.(m.handle);
      else if (m.type === "sum") slot.onSum?.(m.sum);
      else slot.onStopped?.();
    });
    // an error that escaped the handler still ends in `exit`, where the backstop reports it
    worker.on("error", () => undefined);
    worker.once("exit", () => this.backstop(pid, slot));
    this.watch(pid, slot);
  }

  kill(pid: number, done: () => void): void {
    this.witness?.killed(pid);
    const slot = this.slots.get(pid);
    if (!slot) {
      done();
      return;
    }
    slot.killed = true;
    void slot.worker.terminate().then(() => slot.exited.then(done));
  }

  runPart(pid: number, order: JobOrder, done: (partial: Handle) => void): void {
    const slot = this.slot(pid);
    slot.onPartial = done;
    this.send(slot, { type: "run", order });
  }

  combine(pid: number, order: JobOrder, partials: readonly Handle[], done: (sum: number) => void): void {
    const slot = this.slot(pid);
    slot.onSum = done;
    this.send(slot, { type: "combine", order, partials });
  }

  stop(pid: number, done: () => void): void {
    const slot = this.slot(pid);
    slot.onStopped = done;
    this.send(slot, { type: "stop" });
  }

  arm(pid: number, fault: FaultSpec): void {
    this.send(this.slot(pid), { type: "fault", fault });
  }

  /** Terminates every worker (end of a test or a run). */
  async close(): Promise<void> {
    await Promise.all(
      [...this.slots.values()].map(async (s) => {
        s.killed = true;
        await s.worker.terminate();
      }),
    );
  }

  /** The cleanup thread: wakes when the process's handler bumps its mailbox sequence. */
  private watch(pid: number, slot: Slot): void {
    const m = this.app.memory;
    const at = m.mailboxIndex(pid) + M.seq;
    const seen = Atomics.load(m.words, at);
    const loop = (): void => {
      if (slot.killed || this.slots.get(pid) !== slot) return;
      if (Atomics.load(m.words, at) !== seen) {
        // the record the worker's own handler wrote, read before the engine decides anything
        this.witness?.faulted(pid, kindOfCode(m.mail(pid, M.kind)), m.mail(pid, M.elevated) === 1);
        this.app.onMailbox(pid);
        return;
      }
      const w = waitAsync(m.words, at, seen, 200);
      if (w.async) void (w.value as Promise<string>).then(loop);
      else this.app.env.timers.after(0, "processes/cleanup-watch", loop);
    };
    loop();
  }

  /** A worker that exited without our kill and without writing its mailbox died outside its handler. */
  private backstop(pid: number, slot: Slot): void {
    if (slot.killed || this.slots.get(pid) !== slot) return;
    const m = this.app.memory;
    if (m.proc(pid, P.state) === ProcState.faulted) return;
    m.setProc(pid, P.state, ProcState.faulted);
    const elevated = m.elevated(pid);
    this.witness?.faulted(pid, "unexpected-exit", elevated);
    m.postFault(pid, kindCode("unexpected-exit"), elevated, 0);
    this.app.onMailbox(pid);
  }

  private slot(pid: number): Slot {
    const s = this.slots.get(pid);
    if (!s) throw new RangeError(`process ${pid} was never spawned`);
    return s;
  }

  private send(slot: Slot, m: ToProcess): void {
    if (!slot.killed) slot.worker.postMessage(m);
  }
}

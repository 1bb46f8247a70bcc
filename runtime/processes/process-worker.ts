/**
 * Real mode: one process of a processing group as a worker thread over the host's
 * SharedArrayBuffer. It reaches memory only through the checked accessor. Its signal handler is a
 * try/catch around every step plus `uncaughtException`: it writes the fault mailbox (the pipe),
 * notifies, and parks on a word nobody notifies — it never returns to job code. The cleanup thread
 * lives in the main thread (`real-host.ts`), because this thread is parked.
 */
import { parentPort, workerData } from "node:worker_threads";
import { RealClock } from "../real/real-clock";
import { RealTimers } from "../real/real-timers";
import { type Handle, ProcessMemory } from "./access";
import { faultKindOf } from "./errors";
import type { FaultSpec, JobOrder } from "./host";
import { faultDue, fireFault, type PublicObjects } from "./inject";
import { kindCode, P, ProcState, SharedMemory } from "./layout";
import { fillRows, partRange } from "./workload";

export interface ProcessWorkerData {
  readonly buffer: SharedArrayBuffer;
  readonly pid: number;
  readonly objects: PublicObjects;
  /** How long a step waits for a free page before it fails (pool pressure). */
  readonly allocWaitMs: number;
}

/** Main thread → process. */
export type ToProcess =
  | { readonly type: "run"; readonly order: JobOrder }
  | { readonly type: "combine"; readonly order: JobOrder; readonly partials: readonly Handle[] }
  | { readonly type: "stop" }
  | { readonly type: "fault"; readonly fault: FaultSpec };

/** Process → main thread. */
export type FromProcess =
  | { readonly type: "ready" }
  | { readonly type: "partial"; readonly jobId: number; readonly handle: Handle }
  | { readonly type: "sum"; readonly jobId: number; readonly sum: number }
  /** The job is dropped: no step of it runs after this message. */
  | { readonly type: "stopped" };

function main(data: ProcessWorkerData): void {
  const port = parentPort;
  if (!port) return;
  const memory = new SharedMemory(data.buffer);
  const mem = new ProcessMemory(memory, data.pid);
  let jobId = 0;
  let armed: FaultSpec | undefined;
  // the real-world timer port: a chunk per timer turn, so `stop` and `fault` messages get in between
  const timers = new RealTimers();
  const clock = new RealClock();
  const soon = (label: string, fn: () => void) => timers.after(0, label, fn);

  const handler = (error: unknown): never => {
    memory.setProc(data.pid, P.state, ProcState.faulted);
    memory.postFault(data.pid, kindCode(faultKindOf(error)), memory.elevated(data.pid), jobId);
    // the handler's infinite loop, without burning a core: nobody notifies this word
    for (;;) Atomics.wait(memory.words, memory.parkAt, 0);
  };
  process.on("uncaughtException", handler);
  const trapped = (body: () => void) => () => {
    try {
      body();
    } catch (error) {
      handler(error);
    }
  };
  const checkArmed = () => {
    if (!armed || !faultDue(armed, memory.proc(data.pid, P.writes))) return;
    const f = armed;
    armed = undefined;
    if (f.kind === "unexpected-exit") process.exit(3);
    fireFault(mem, f, data.objects);
  };

  const runPart = (order: JobOrder) => {
    jobId = order.jobId;
    const { from, to } = partRange(order.spec.rows, order.part, order.parts);
    const chunk = Math.min(order.spec.chunkRows ?? 4096, memory.pageSize / 4 - 3);
    let next = from;
    let sum = 0;
    let waitingSince: number | undefined;
    const step = trapped(() => {
      if (jobId !== order.jobId) return;
      checkArmed();
      if (next < to) {
        const n = Math.min(chunk, to - next);
        const h = mem.alloc(n);
        if (!h) {
          // the pool is empty: wait for pages another group returns, then fail (the sim host's policy)
          const now = clock.nowMs();
          waitingSince ??= now;
          if (now - waitingSince > data.allocWaitMs) throw new Error(`no free page in the pool after ${data.allocWaitMs} ms`);
          timers.after(1, "alloc-wait", step);
          return;
        }
        waitingSince = undefined;
        const rows = new Int32Array(n);
        sum += fillRows(order.spec.seed, next, rows);
        mem.write(h, 0, rows);
        next += n;
        soon("step", step);
        return;
      }
      const out = mem.alloc(2);
      if (!out) throw new Error("no free page for the partial result");
      mem.write(out, 0, [sum % 2 ** 30, Math.floor(sum / 2 ** 30)]);
      jobId = 0;
      port.postMessage({ type: "partial", jobId: order.jobId, handle: out } satisfies FromProcess);
    });
    soon("step", step);
  };

  const combine = (order: JobOrder, partials: readonly Handle[]) => {
    jobId = order.jobId;
    checkArmed();
    let sum = 0;
    for (const h of partials) {
      const [lo, hi] = mem.read(h, 0, 2);
      sum += (lo as number) + (hi as number) * 2 ** 30;
    }
    jobId = 0;
    port.postMessage({ type: "sum", jobId: order.jobId, sum } satisfies FromProcess);
  };

  port.on("message", (m: ToProcess) => {
    if (m.type === "run") runPart(m.order);
    else if (m.type === "combine") trapped(() => combine(m.order, m.partials))();
    else if (m.type === "stop") {
      jobId = 0;
      port.postMessage({ type: "stopped" } satisfies FromProcess);
    } else {
      armed = m.fault;
      soon("fault", trapped(checkArmed));
    }
  });
  port.postMessage({ type: "ready" } satisfies FromProcess);
}

main(workerData as ProcessWorkerData);

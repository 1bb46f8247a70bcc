/**
 * Processes as state machines on the simulator's clock: a compute process writes its share
 * of the rows into the group arena one chunk per step, the leader combines the partials. Every step
 * runs inside the process's trap (the signal handler): on an exception it writes the mailbox and
 * parks — no further step, write or message — and the cleanup thread (`onMailbox`) takes over.
 */
import type { TimerHandle } from "../sim/ports";
import { type Handle, ProcessMemory, type WriteObserver } from "./access";
import type { ProcessingApplication } from "./application";
import { faultKindOf, ProtectionFault } from "./errors";
import type { FaultSpec, HostWitness, JobOrder, ProcessHost } from "./host";
import { faultDue, fireFault } from "./inject";
import { kindCode, P, ProcState } from "./layout";
import { fillRows, partRange } from "./workload";

export interface SimHostOptions {
  /** Virtual time of one step (one chunk written, or the leader's combine). @default 1 */
  readonly stepMs?: number;
  /** How long a step waits for a free page before it fails (pool pressure). @default 1000 */
  readonly allocWaitMs?: number;
  readonly onWrite?: WriteObserver;
  readonly onRead?: WriteObserver;
  /** Told of every fault, kill and start as the host sees it (the checkers' independent evidence). */
  readonly witness?: HostWitness;
  /** Test-only planted bugs (see `AccessOptions`). */
  readonly mutants?: { readonly skipStaleCheck?: boolean };
}

/** Unwinds the step of a process that exited without its handler (the backstop already reported it). */
const EXITED = Symbol("exited");

interface SimProc {
  mem: ProcessMemory;
  timer: TimerHandle | undefined;
  faultTimer: TimerHandle | undefined;
  armed: FaultSpec | undefined;
  jobId: number;
  parked: boolean;
  alive: boolean;
  /** The handle this incarnation last wrote through: a pointer it may still hold after its job is dropped. */
  lastWrite: Handle | undefined;
}

export class SimHost implements ProcessHost {
  private readonly procs = new Map<number, SimProc>();
  /** Steps that found the pool empty and waited: groups are coupled through the pool from then on. */
  allocWaits = 0;
  private readonly stepMs: number;
  private readonly allocWaitMs: number;

  constructor(
    private readonly app: ProcessingApplication,
    private readonly options: SimHostOptions = {},
  ) {
    this.stepMs = options.stepMs ?? 1;
    this.allocWaitMs = options.allocWaitMs ?? 1_000;
  }

  /** The process's accessor, for tests that act as the process (e.g. take a handle to smuggle). */
  memoryOf(pid: number): ProcessMemory {
    return this.proc(pid).mem;
  }

  /** The handle the process's current incarnation last wrote through, if any. */
  lastWriteOf(pid: number): Handle | undefined {
    return this.procs.get(pid)?.lastWrite;
  }

  spawn(pid: number, ready: () => void): void {
    const onWrite: WriteObserver = (p, h) => {
      const proc = this.procs.get(p);
      if (proc) proc.lastWrite = h;
      this.options.onWrite?.(p, h);
    };
    this.options.witness?.spawned(pid);
    this.procs.set(pid, {
      mem: new ProcessMemory(this.app.memory, pid, onWrite, {
        ...(this.options.onRead ? { onRead: this.options.onRead } : {}),
        ...(this.options.mutants?.skipStaleCheck ? { skipStaleCheck: true } : {}),
      }),
      timer: undefined,
      faultTimer: undefined,
      armed: undefined,
      jobId: 0,
      parked: false,
      alive: true,
      lastWrite: undefined,
    });
    ready();
  }

  kill(pid: number, done: () => void): void {
    this.options.witness?.killed(pid);
    const p = this.procs.get(pid);
    if (p) {
      p.timer?.cancel();
      p.faultTimer?.cancel();
      p.alive = false;
    }
    done();
  }

  stop(pid: number, done: () => void): void {
    const p = this.proc(pid);
    p.timer?.cancel();
    p.timer = undefined;
    p.jobId = 0;
    done();
  }

  arm(pid: number, fault: FaultSpec): void {
    const p = this.proc(pid);
    p.armed = fault;
    const at = fault.at ?? "now";
    if (typeof at === "object" && "afterArenaWrites" in at) return;
    // a process waiting (a leader while its computes run, an idle process) still reaches its next step
    p.faultTimer = this.app.env.timers.after(this.stepMs, `${this.label(pid)}/fault`, () => this.trap(pid, () => this.fireArmed(pid)));
  }

  runPart(pid: number, order: JobOrder, done: (partial: Handle) => void): void {
    const p = this.proc(pid);
    p.jobId = order.jobId;
    const { from, to } = partRange(order.spec.rows, order.part, order.parts);
    const chunk = Math.min(order.spec.chunkRows ?? 4096, this.app.memory.pageSize / 4 - 3);
    let next = from;
    let sum = 0;
    let waitedMs = 0;
    const step = () => {
      if (p.jobId !== order.jobId) return;
      this.fireArmed(pid);
      if (next < to) {
        const n = Math.min(chunk, to - next);
        const h = p.mem.alloc(n);
        if (!h) {
          this.allocWaits++;
          waitedMs += this.stepMs;
          if (waitedMs > this.allocWaitMs) throw new Error(`no free page in the pool after ${this.allocWaitMs} ms`);
        } else {
          waitedMs = 0;
          const rows = new Int32Array(n);
          sum += fillRows(order.spec.seed, next, rows);
          p.mem.write(h, 0, rows);
          next += n;
        }
        p.timer = this.app.env.timers.after(this.stepMs, `${this.label(pid)}/step`, () => this.trap(pid, step));
        return;
      }
      const out = p.mem.alloc(2);
      if (!out) throw new Error("no free page for the partial result");
      p.mem.write(out, 0, [sum % 2 ** 30, Math.floor(sum / 2 ** 30)]);
      p.timer = undefined;
      done(out);
    };
    p.timer = this.app.env.timers.after(this.stepMs, `${this.label(pid)}/step`, () => this.trap(pid, step));
  }

  combine(pid: number, order: JobOrder, partials: readonly Handle[], done: (sum: number) => void): void {
    const p = this.proc(pid);
    p.jobId = order.jobId;
    p.timer = this.app.env.timers.after(this.stepMs, `${this.label(pid)}/combine`, () =>
      this.trap(pid, () => {
        if (p.jobId !== order.jobId) return;
        this.fireArmed(pid);
        let sum = 0;
        for (const h of partials) {
          const [lo, hi] = p.mem.read(h, 0, 2);
          sum += (lo as number) + (hi as number) * 2 ** 30;
        }
        p.timer = undefined;
        p.jobId = 0;
        done(sum);
      }),
    );
  }

  /** The signal handler: mailbox record, then park; the cleanup thread runs outside the process. */
  private trap(pid: number, body: () => void): void {
    const p = this.proc(pid);
    if (!p.alive || p.parked) return;
    try {
      body();
    } catch (error) {
      if (error === EXITED) return;
      const m = this.app.memory;
      p.parked = true;
      p.timer?.cancel();
      p.faultTimer?.cancel();
      m.setProc(pid, P.state, ProcState.faulted);
      const elevated = m.elevated(pid);
      this.options.witness?.faulted(pid, faultKindOf(error), elevated);
      this.app.env.sometimes(
        "processes: a handle kept past its arena's fence faulted as stale",
        error instanceof ProtectionFault && error.reason === "stale-handle",
      );
      m.postFault(pid, kindCode(faultKindOf(error)), elevated, p.jobId);
      this.app.env.timers.after(0, `${this.label(pid)}/cleanup`, () => this.app.onMailbox(pid));
    }
  }

  private fireArmed(pid: number): void {
    const p = this.proc(pid);
    const f = p.armed;
    if (!f) return;
    if (!faultDue(f, this.app.memory.proc(pid, P.writes))) return;
    p.armed = undefined;
    p.faultTimer?.cancel();
    if (f.kind === "unexpected-exit") {
      this.exitWithoutHandler(pid);
      return;
    }
    fireFault(p.mem, f, this.app.publicObjects);
  }

  /** The extension kind: the process dies without its handler; the host's exit backstop reports it. */
  private exitWithoutHandler(pid: number): void {
    const p = this.proc(pid);
    const m = this.app.memory;
    p.parked = true;
    p.timer?.cancel();
    m.setProc(pid, P.state, ProcState.faulted);
    const elevated = m.elevated(pid);
    this.options.witness?.faulted(pid, "unexpected-exit", elevated);
    m.postFault(pid, kindCode("unexpected-exit"), elevated, p.jobId);
    this.app.env.timers.after(0, `${this.label(pid)}/exit`, () => this.app.onMailbox(pid));
    throw EXITED;
  }

  private proc(pid: number): SimProc {
    const p = this.procs.get(pid);
    if (!p) throw new RangeError(`process ${pid} was never spawned`);
    return p;
  }

  private label(pid: number): string {
    return `proc/${this.app.groupOf(pid).id}/${pid}`;
  }
}

/**
 * The processing application: processing groups over one host's shared memory, the
 * job API, and the recovery engine that runs the group-local signalling — fault → taskAborted →
 * cmdAbort → privilege check → remove → refork → kill → arena returned → group normal — or restarts
 * the whole application when the failing process held elevated privilege. The engine only decides;
 * a `ProcessHost` runs the processes (simulated actors or worker threads), and all time goes through
 * the Env's timers so one seed replays the same recovery. Why recovery is scoped this way:
 * ../../docs/design/0003-crash-containment.md.
 */
import type { Env, Random } from "../sim/ports";
import { allocIn, type Handle } from "./access";
import { type AbortReason, type FaultKind, JobAbortedError } from "./errors";
import type { FaultSpec, JobOrder, ProcessHost } from "./host";
import type { PublicObjects } from "./inject";
import { kindOfCode, M, P, ProcState, PUBLIC_ARENA, Role, SharedMemory } from "./layout";
import type { JobResult, JobSpec } from "./workload";

export interface GroupConfig {
  readonly id: string;
  /** Compute processes under the leader; ≥ 1 (a group is two or more processes). */
  readonly computeProcesses: number;
}

export interface ApplicationConfig {
  /** @default 65536 */
  readonly pageSize?: number;
  readonly poolPages: number;
  readonly groups: readonly GroupConfig[];
  /**
   * What a compute fault restarts: only the failing process (`failing-process`, default) or every
   * process of its group (`whole-group`); see ../../docs/design/0003-crash-containment.md.
   */
  readonly computeFaultRestartScope?: "failing-process" | "whole-group";
  /** Signalling latency between processes, ms. @default 1 */
  readonly messageMs?: number;
  /** Refork latency range, ms (our choice; nothing to measure it against). @default [20, 200] */
  readonly reforkMs?: readonly [number, number];
  /** Test-only planted bugs, so a test can show a checker catches them. Never set outside tests. */
  readonly mutants?: ApplicationMutants;
}

/** The engine's planted bugs (see each switch); `emulate` plants them only through its internal `mutants`. */
export interface ApplicationMutants {
  /** Returned pages are freed without being zeroed (a use after return). */
  readonly noScrub?: boolean;
  /** Every fault restarts the whole application, as if every failing process were elevated. */
  readonly restartEveryFault?: boolean;
  /**
   * A group recovery frees its arena's pages without moving the arena's epoch: a surviving
   * process's old handle stays valid and reads whatever the group's next job writes there.
   */
  readonly noRecoveryFence?: boolean;
}

/** One line of the recovery log (also written to the trace). */
export interface ProcessEvent extends ProcessEventFacts {
  readonly atMs: number;
  readonly kind: ApplicationEventKind;
  readonly group?: string;
  readonly pid?: number;
  /** The rest of the trace line, for people; checkers read the typed facts. */
  readonly detail?: string;
}

/** The typed facts an event carries beside its trace text. */
export interface ProcessEventFacts {
  /** `jobDone`, `jobAborted`: the job. */
  readonly job?: number;
  /** `jobDone`: the job's result. */
  readonly sum?: number;
  /** `fault`: the role of the process that faulted. */
  readonly role?: "leader" | "compute";
  /** `fault`: the process held elevated privilege when it faulted. */
  readonly elevated?: boolean;
  /** `privilege`: what the privilege check found (`unsafe`: the whole application restarts). */
  readonly privilege?: "safe" | "unsafe";
}

export type ApplicationEventKind =
  | "fault"
  | "taskAborted"
  | "cmdAbort"
  | "privilege"
  | "abortLocal"
  | "remove"
  | "refork"
  | "kill"
  | "arenaReturned"
  | "groupNormal"
  | "appRestart"
  | "appRunning"
  | "jobAborted"
  | "jobDone"
  | "hostLost";

export type JobOutcome = { readonly ok: true; readonly result: JobResult } | { readonly ok: false; readonly error: JobAbortedError };

/** A submitted job: settled exactly once, with a result or a `JobAbortedError`. */
export class JobTicket {
  outcome: JobOutcome | undefined;
  private readonly waiters: ((o: JobOutcome) => void)[] = [];

  constructor(
    readonly id: number,
    readonly spec: JobSpec,
    readonly group: string,
  ) {}

  onSettled(cb: (o: JobOutcome) => void): void {
    if (this.outcome) cb(this.outcome);
    else this.waiters.push(cb);
  }

  /** The result, or a rejection with `JobAbortedError`. */
  result(): Promise<JobResult> {
    return new Promise((resolve, reject) => this.onSettled((o) => (o.ok ? resolve(o.result) : reject(o.error))));
  }

  settle(o: JobOutcome): boolean {
    if (this.outcome) return false;
    this.outcome = o;
    for (const w of this.waiters.splice(0)) w(o);
    return true;
  }
}

interface RunningJob {
  readonly ticket: JobTicket;
  readonly epoch: number;
  readonly partials: (Handle | undefined)[];
  pending: number;
}

interface Recovery {
  readonly faulted: Map<number, { kind: FaultKind; elevated: boolean }>;
  readonly kind: FaultKind;
  readonly role: "leader" | "compute";
  leaderFaulted: boolean;
  readonly dispatched: Set<number>;
  readonly restarting: Set<number>;
  readonly killed: Set<number>;
  readonly ready: Set<number>;
  readonly stopping: Set<number>;
  readonly stopped: Set<number>;
  dispatchDone: boolean;
  returned: boolean;
}

export interface GroupState {
  readonly id: string;
  readonly arena: number;
  readonly leader: number;
  readonly computes: readonly number[];
  /** `lost`: the host is gone (`loseHost`); the group never runs again on it. */
  state: "normal" | "recovering" | "lost";
  /** Bumped once per recovery; results of an older epoch are dropped. */
  epoch: number;
  job: RunningJob | undefined;
  readonly queue: JobTicket[];
  recovery: Recovery | undefined;
  readonly random: Random;
}

const PUBLIC_OBJECT_WORDS = 16;

export interface GroupsCounters {
  recoveries: number;
  appRestarts: number;
  pagesReturned: number;
}

export class ProcessingApplication {
  readonly memory: SharedMemory;
  readonly groups: readonly GroupState[];
  readonly events: ProcessEvent[] = [];
  readonly counters: GroupsCounters = { recoveries: 0, appRestarts: 0, pagesReturned: 0 };
  publicObjects!: PublicObjects;
  private readonly byPid = new Map<number, GroupState>();
  private readonly handledSeq: number[];
  private readonly listeners: ((e: ProcessEvent) => void)[] = [];
  private readonly submitted: ((t: JobTicket) => void)[] = [];
  private readonly scope: "failing-process" | "whole-group";
  private readonly messageMs: number;
  private readonly reforkMs: readonly [number, number];
  private readonly scrub: boolean;
  private readonly mutants: ApplicationMutants;
  private nextJob = 1;
  /** Bumped by an application restart: callbacks of the previous life are ignored. */
  private life = 0;
  restarting = false;
  /** The host is gone (`loseHost`): nothing runs here again. */
  lost = false;
  private host: ProcessHost | undefined;

  constructor(
    readonly env: Env,
    readonly config: ApplicationConfig,
    memory?: SharedMemory,
  ) {
    if (config.groups.length < 1 || config.groups.length > 250) throw new RangeError(`groups: 1..250 groups, got ${config.groups.length}`);
    let pid = 0;
    const random = env.random.fork("processes");
    const groups: GroupState[] = config.groups.map((g, i) => {
      if (!Number.isInteger(g.computeProcesses) || g.computeProcesses < 1) {
        throw new RangeError(
          `groups[${i}].computeProcesses: a group is a leader and ≥ 1 compute process, got ${g.computeProcesses}. Fix: set 1 or more`,
        );
      }
      const leader = pid++;
      const computes = Array.from({ length: g.computeProcesses }, () => pid++);
      return {
        id: g.id,
        arena: PUBLIC_ARENA + 1 + i,
        leader,
        computes,
        state: "normal",
        epoch: 1,
        job: undefined,
        queue: [],
        recovery: undefined,
        random: random.fork(g.id),
      };
    });
    this.groups = groups;
    for (const g of groups) for (const p of [g.leader, ...g.computes]) this.byPid.set(p, g);
    this.memory =
      memory ?? SharedMemory.create({ pageSize: config.pageSize ?? 65_536, poolPages: config.poolPages, maxProcesses: pid, lockCount: 2 });
    this.handledSeq = Array.from({ length: pid }, () => 0);
    this.scope = config.computeFaultRestartScope ?? "failing-process";
    this.messageMs = config.messageMs ?? 1;
    this.reforkMs = config.reforkMs ?? [20, 200];
    this.mutants = config.mutants ?? {};
    this.scrub = this.mutants.noScrub !== true;
  }

  get processCount(): number {
    return this.byPid.size;
  }

  /** Lays out the process table and the public objects and starts every process. */
  start(host: ProcessHost, ready?: () => void): void {
    this.host = host;
    this.initialiseMemory();
    let waiting = this.processCount;
    for (const pid of this.byPid.keys()) {
      this.host.spawn(pid, () => {
        this.memory.setProc(pid, P.state, ProcState.idle);
        if (--waiting === 0) ready?.();
      });
    }
  }

  private initialiseMemory(): void {
    const m = this.memory;
    for (const g of this.groups) {
      for (const pid of [g.leader, ...g.computes]) {
        m.setProc(pid, P.arena, g.arena);
        m.setProc(pid, P.role, pid === g.leader ? Role.leader : Role.compute);
        m.setProc(pid, P.incarnation, m.proc(pid, P.incarnation) + 1);
        m.setProc(pid, P.state, ProcState.starting);
        this.handledSeq[pid] = m.mail(pid, M.seq);
      }
    }
    let current: number | undefined;
    const alloc = () => {
      const h = allocIn(m, PUBLIC_ARENA, PUBLIC_OBJECT_WORDS, current, (p) => {
        current = p;
      });
      if (!h) throw new RangeError(`poolPages ${m.poolPages} leaves no page for the public arena. Fix: raise poolPages`);
      return h;
    };
    this.publicObjects = { resultCache: alloc(), log: alloc() };
  }

  on(cb: (e: ProcessEvent) => void): void {
    this.listeners.push(cb);
  }

  /** Every accepted job, once routed (the checkers' fault-free shadow takes the same jobs). */
  onSubmit(cb: (t: JobTicket) => void): void {
    this.submitted.push(cb);
  }

  group(id: string): GroupState {
    const g = this.groups.find((x) => x.id === id);
    if (!g) throw new RangeError(`no processing group "${id}"; groups are ${this.groups.map((x) => x.id).join(", ")}`);
    return g;
  }

  groupOf(pid: number): GroupState {
    return this.byPid.get(pid) as GroupState;
  }

  pidOf(group: string, role: "leader" | "compute", index = 0): number {
    const g = this.group(group);
    if (role === "leader") return g.leader;
    const pid = g.computes[index];
    if (pid === undefined)
      throw new RangeError(`group ${group} has ${g.computes.length} compute processes; index ${index} is out of range`);
    return pid;
  }

  incarnation(pid: number): number {
    return this.memory.proc(pid, P.incarnation);
  }

  /** `submit(job) → result | JobAbortedError`; routed to `group`, else to the least busy normal group. */
  submit(spec: JobSpec, opts: { group?: string } = {}): JobTicket {
    if (!Number.isInteger(spec.rows) || spec.rows < 1) throw new RangeError(`job.rows: a positive integer, got ${spec.rows}`);
    const g = opts.group !== undefined ? this.group(opts.group) : this.route();
    const ticket = new JobTicket(this.nextJob++, spec, g.id);
    if (this.lost) {
      ticket.settle({ ok: false, error: new JobAbortedError(ticket.id, "host-lost", g.id, "unexpected-exit", "leader") });
      return ticket;
    }
    g.queue.push(ticket);
    for (const cb of this.submitted) cb(ticket);
    this.pump(g);
    return ticket;
  }

  /** Groups that are recovering take no new jobs; the least loaded normal group does. */
  private route(): GroupState {
    const load = (g: GroupState) => g.queue.length + (g.job ? 1 : 0) + (g.state === "normal" ? 0 : 1_000);
    return this.groups.reduce((best, g) => (load(g) < load(best) ? g : best));
  }

  injectFault(fault: FaultSpec): void {
    this.host?.arm(this.pidOf(fault.group, fault.role, fault.index), fault);
  }

  memoryStats(): { poolPages: number; freePages: number; byArena: Record<string, number>; fencedPages: number } {
    const c = this.memory.census();
    const byArena: Record<string, number> = { public: c.live.get(PUBLIC_ARENA) ?? 0 };
    for (const g of this.groups) byArena[g.id] = c.live.get(g.arena) ?? 0;
    let fencedPages = 0;
    for (const n of c.fenced.values()) fencedPages += n;
    return { poolPages: this.memory.poolPages, freePages: c.free, byArena, fencedPages };
  }

  arenaChecksum(arena: string): string {
    return this.memory.arenaChecksum(arena === "public" ? PUBLIC_ARENA : this.group(arena).arena);
  }

  // ---- jobs ----

  private pump(g: GroupState): void {
    if (this.restarting || g.state !== "normal" || g.job || !this.host) return;
    const ticket = g.queue.shift();
    if (!ticket) return;
    const job: RunningJob = { ticket, epoch: g.epoch, partials: [], pending: g.computes.length };
    g.job = job;
    const life = this.life;
    const live = () => life === this.life && g.job === job && g.epoch === job.epoch;
    const order = (part: number): JobOrder => ({ jobId: ticket.id, spec: ticket.spec, part, parts: g.computes.length });
    for (const pid of [g.leader, ...g.computes]) this.memory.setProc(pid, P.state, ProcState.running);
    g.computes.forEach((pid, part) => {
      this.host?.runPart(pid, order(part), (h) => {
        if (!live()) return; // a partial of an aborted job is never published
        job.partials[part] = h;
        if (--job.pending > 0) return;
        this.host?.combine(g.leader, order(0), job.partials as Handle[], (sum) => {
          if (!live()) return;
          g.job = undefined;
          for (const p of [g.leader, ...g.computes])
            if (this.memory.proc(p, P.state) === ProcState.running) this.memory.setProc(p, P.state, ProcState.idle);
          // the finished job's objects are deallocated: its pages go back to the pool
          this.memory.fenceArena(g.arena);
          this.memory.releaseFenced(g.arena, this.scrub);
          const result: JobResult = { jobId: ticket.id, group: g.id, sum, rows: ticket.spec.rows, completedAtMs: this.env.clock.nowMs() };
          ticket.settle({ ok: true, result });
          this.log("jobDone", g, undefined, `job=${ticket.id} sum=${sum}`, { job: ticket.id, sum });
          this.pump(g);
        });
      });
    });
  }

  private abortJob(g: GroupState, reason: AbortReason, kind: FaultKind, role: "leader" | "compute"): void {
    const job = g.job;
    if (!job) return;
    g.job = undefined;
    if (job.ticket.settle({ ok: false, error: new JobAbortedError(job.ticket.id, reason, g.id, kind, role) })) {
      this.log("jobAborted", g, undefined, `job=${job.ticket.id} reason=${reason}`, { job: job.ticket.id });
    }
  }

  // ---- recovery ----

  /** The cleanup thread: reads the faulting process's mailbox (the pipe) and starts the signalling. */
  onMailbox(pid: number): void {
    const m = this.memory;
    const seq = m.mail(pid, M.seq);
    if (seq <= (this.handledSeq[pid] as number) || this.restarting || this.lost) return;
    this.handledSeq[pid] = seq;
    const g = this.groupOf(pid);
    const kind = kindOfCode(m.mail(pid, M.kind));
    const elevated = m.mail(pid, M.elevated) === 1;
    const role = pid === g.leader ? "leader" : "compute";
    this.log("fault", g, pid, `kind=${kind} role=${role} elevated=${elevated}`, { role, elevated });
    if (elevated || this.mutants.restartEveryFault) {
      // the dedicated thread reads the failing process's privilege; unsafe ⇒ all restart
      this.log("privilege", g, pid, "unsafe", { privilege: "unsafe" });
      this.restartAll(kind, role);
      return;
    }
    const life = this.life;
    if (role === "compute") {
      this.after(`${g.id}/taskAborted`, () => life === this.life && this.onTaskAborted(g, pid, kind, elevated));
      return;
    }
    const rec = this.beginRecovery(g, kind, "leader");
    this.reopen(rec, pid);
    // a leader fault restarts the whole group (restart scope), also the computes an earlier compute fault
    // of this recovery only stopped: the broadcast below dispatches them again
    if (!rec.leaderFaulted) for (const c of g.computes) if (!rec.restarting.has(c)) rec.dispatched.delete(c);
    rec.leaderFaulted = true;
    rec.faulted.set(pid, { kind, elevated });
    this.broadcastCmdAbort(g, rec, () => this.dispatch(g, rec, g.leader));
  }

  private beginRecovery(g: GroupState, kind: FaultKind, role: "leader" | "compute"): Recovery {
    if (g.recovery) return g.recovery;
    const rec: Recovery = {
      faulted: new Map(),
      kind,
      role,
      leaderFaulted: false,
      dispatched: new Set(),
      restarting: new Set(),
      killed: new Set(),
      ready: new Set(),
      stopping: new Set(),
      stopped: new Set(),
      dispatchDone: false,
      returned: false,
    };
    g.recovery = rec;
    g.state = "recovering";
    // 440 before 450: the job is aborted before any process restarts; its late partials are dropped
    g.epoch++;
    this.abortJob(g, "group-fault", kind, role);
    return rec;
  }

  /**
   * A process this recovery already handled faults again (its replacement, before the group is
   * normal): it must be removed and reforked once more, or the group would go normal with it parked.
   */
  private reopen(rec: Recovery, pid: number): void {
    rec.dispatched.delete(pid);
    rec.killed.delete(pid);
    rec.ready.delete(pid);
  }

  /** The leader gets `taskAborted`; the first one aborts the job and broadcasts `cmdAbort`. */
  private onTaskAborted(g: GroupState, pid: number, kind: FaultKind, elevated: boolean): void {
    this.log("taskAborted", g, pid, `kind=${kind}`);
    const fresh = !g.recovery;
    const rec = this.beginRecovery(g, kind, "compute");
    rec.faulted.set(pid, { kind, elevated });
    if (fresh) {
      this.broadcastCmdAbort(g, rec, () => {
        if (this.scope === "whole-group") this.dispatch(g, rec, g.leader);
      });
      return;
    }
    // a second fault in a group already recovering: the same recovery takes it (one recovery per episode)
    this.reopen(rec, pid);
    const life = this.life;
    this.after(`${g.id}/cmdAbort`, () => {
      if (life !== this.life || g.recovery !== rec) return;
      this.log("cmdAbort", g, pid);
      this.dispatch(g, rec, pid);
    });
  }

  private broadcastCmdAbort(g: GroupState, rec: Recovery, then: () => void): void {
    const life = this.life;
    this.after(`${g.id}/cmdAbort`, () => {
      if (life !== this.life || g.recovery !== rec) return;
      this.log("cmdAbort", g, undefined, `to=${g.computes.join(",")}`);
      for (const pid of g.computes) {
        this.dispatch(g, rec, pid);
        if (this.restarting) return;
      }
      then();
      if (life !== this.life) return;
      rec.dispatchDone = true;
      this.maybeReturnArena(g, rec);
    });
  }

  /** A node's dispatcher on `cmdAbort`: the privilege check decides safe (group) or unsafe (application). */
  private dispatch(g: GroupState, rec: Recovery, pid: number): void {
    if (rec.dispatched.has(pid) || rec.killed.has(pid)) return;
    rec.dispatched.add(pid);
    const faulted = rec.faulted.get(pid);
    const restart = faulted !== undefined || rec.leaderFaulted || this.scope === "whole-group";
    if (!restart) {
      rec.stopping.add(pid);
      const life = this.life;
      this.host?.stop(pid, () => {
        if (life !== this.life) return;
        rec.stopped.add(pid);
        this.maybeReturnArena(g, rec);
      });
      this.memory.setProc(pid, P.state, ProcState.idle);
      this.log("abortLocal", g, pid);
      return;
    }
    const elevated = faulted ? faulted.elevated : this.memory.elevated(pid);
    this.log("privilege", g, pid, elevated ? "unsafe" : "safe", { privilege: elevated ? "unsafe" : "safe" });
    if (elevated) {
      this.restartAll(faulted?.kind ?? rec.kind, pid === g.leader ? "leader" : "compute");
      return;
    }
    if (!faulted) this.host?.stop(pid, () => undefined);
    this.memory.setProc(pid, P.state, ProcState.removed);
    this.log("remove", g, pid);
    rec.restarting.add(pid);
    this.log("refork", g, pid);
    this.log("kill", g, pid);
    const life = this.life;
    this.host?.kill(pid, () => {
      if (life !== this.life) return;
      this.memory.setProc(pid, P.state, ProcState.killed);
      rec.killed.add(pid);
      // a kept process that faulted before acknowledging its stop is gone now: as good as stopped
      if (rec.stopping.has(pid)) rec.stopped.add(pid);
      this.respawn(pid, () => {
        rec.ready.add(pid);
        this.maybeNormal(g, rec);
      });
      this.maybeReturnArena(g, rec);
    });
  }

  /** The resource manager's refork: a new incarnation in the same slot, after the refork latency. */
  private respawn(pid: number, ready: () => void): void {
    const g = this.groupOf(pid);
    const life = this.life;
    this.memory.setProc(pid, P.incarnation, this.memory.proc(pid, P.incarnation) + 1);
    this.memory.setProc(pid, P.state, ProcState.starting);
    this.memory.setProc(pid, P.elevated, 0);
    this.handledSeq[pid] = this.memory.mail(pid, M.seq);
    const delay = g.random.between(this.reforkMs[0], this.reforkMs[1]);
    this.env.timers.after(delay, `${g.id}/refork`, () => {
      if (life !== this.life) return;
      this.host?.spawn(pid, () => {
        if (life !== this.life) return;
        this.memory.setProc(pid, P.state, ProcState.idle);
        ready();
      });
    });
  }

  /** 460: once every restarted process of the old incarnation is gone, its fenced pages go back. */
  private maybeReturnArena(g: GroupState, rec: Recovery): void {
    if (!rec.dispatchDone || rec.killed.size < rec.restarting.size || rec.stopped.size < rec.stopping.size) return;
    // every process that could still write the old pages is stopped or gone: fence, then free
    const fence = this.mutants.noRecoveryFence !== true;
    if (fence) this.memory.fenceArena(g.arena);
    const freed = this.memory.releaseFenced(g.arena, this.scrub, !fence);
    this.counters.pagesReturned += freed;
    if (!rec.returned) {
      rec.returned = true;
      this.log("arenaReturned", g, undefined, `pages=${freed}`);
    }
    this.maybeNormal(g, rec);
  }

  private maybeNormal(g: GroupState, rec: Recovery): void {
    if (!rec.returned || g.recovery !== rec || rec.ready.size < rec.restarting.size) return;
    // every process this recovery must restart is back (a fault that arrived late is not forgotten)
    const must = rec.leaderFaulted || this.scope === "whole-group" ? [g.leader, ...g.computes] : [...rec.faulted.keys()];
    if (!must.every((p) => rec.ready.has(p))) return;
    g.recovery = undefined;
    g.state = "normal";
    this.counters.recoveries++;
    this.env.sometimes("processes: a group recovered alone", true);
    this.log("groupNormal", g);
    this.pump(g);
  }

  /** The unsafe path: every process of every group restarts and the shared memory starts over. */
  restartAll(kind: FaultKind, role: "leader" | "compute"): void {
    if (this.restarting) return;
    this.restarting = true;
    this.life++;
    this.counters.appRestarts++;
    this.env.sometimes("processes: an elevated fault restarted the application", true);
    this.log("appRestart", undefined, undefined, `kind=${kind} role=${role}`);
    for (const g of this.groups) {
      this.abortJob(g, "app-restart", kind, role);
      g.recovery = undefined;
      g.state = "recovering";
      g.epoch++;
    }
    const life = this.life;
    let alive = this.processCount;
    for (const pid of this.byPid.keys()) {
      this.host?.kill(pid, () => {
        if (life !== this.life || --alive > 0) return;
        this.memory.reinitialise();
        this.initialiseMemory();
        let starting = this.processCount;
        for (const p of this.byPid.keys()) {
          this.host?.spawn(p, () => {
            if (life !== this.life) return;
            this.memory.setProc(p, P.state, ProcState.idle);
            if (--starting > 0) return;
            this.restarting = false;
            for (const g of this.groups) g.state = "normal";
            this.log("appRunning");
            for (const g of this.groups) this.pump(g);
          });
        }
      });
    }
  }

  /**
   * The host is gone with its zone (an AZ outage), and its shared memory with it: no signalling can
   * run, so every process is simply dead (`unexpected-exit`, the extension kind for a death without
   * a handler) and every job in flight or queued is aborted with `host-lost`. Groups do not come
   * back here; whoever placed them decides whether to start them on another host.
   */
  loseHost(): void {
    if (this.lost) return;
    this.lost = true;
    this.life++;
    this.restarting = false;
    this.log("hostLost");
    for (const g of this.groups) {
      this.abortJob(g, "host-lost", "unexpected-exit", "leader");
      for (const t of g.queue.splice(0))
        if (t.settle({ ok: false, error: new JobAbortedError(t.id, "host-lost", g.id, "unexpected-exit", "leader") }))
          this.log("jobAborted", g, undefined, `job=${t.id} reason=host-lost`, { job: t.id });
      g.recovery = undefined;
      g.state = "lost";
    }
    for (const pid of this.byPid.keys()) this.host?.kill(pid, () => undefined);
  }

  private after(label: string, fn: () => void): void {
    this.env.timers.after(this.messageMs, label, fn);
  }

  private log(kind: ApplicationEventKind, g?: GroupState, pid?: number, detail?: string, facts: ProcessEventFacts = {}): void {
    const e: ProcessEvent = {
      atMs: this.env.clock.nowMs(),
      kind,
      ...(g ? { group: g.id } : {}),
      ...(pid !== undefined ? { pid } : {}),
      ...(detail ? { detail } : {}),
      ...facts,
    };
    this.events.push(e);
    if (this.env.trace.enabled) {
      const who = g ? ` group=${g.id}` : "";
      this.env.trace.record(
        kind === "fault" ? "processFault" : kind,
        `${who.trim()}${pid !== undefined ? ` pid=${pid}` : ""}${detail ? ` ${detail}` : ""}`.trim(),
        e,
      );
    }
    for (const l of this.listeners) l(e);
  }
}

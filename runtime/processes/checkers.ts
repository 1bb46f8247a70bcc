/**
 * Seed 002's invariants as checkers (§6.9). They watch the engine's event log, every access that
 * passed the accessor, and the page, epoch, process and lock tables after each simulation event;
 * each reports the first violation, with values.
 *
 * - INV-1, 6–11, 12, 14: from the event log and the accessor (`onWrite`/`onRead`) as it happens.
 * - INV-2, INV-3: against the fault-free shadow (`shadow.ts`), when one is attached: every job that
 *   settles in both returns the same result (INV-2); a job of a group that no fault, restart or
 *   pool pressure has reached settles at the same virtual time in both, and one settled in either
 *   and not the other by a later step is a violation at that step (INV-3, X = 0). Pool pressure
 *   couples groups through the pool (§7 scenario 10 makes C wait on A), so from the first step
 *   that waited for a page, INV-3 compares no more completion times; INV-2 still holds.
 * - INV-4, INV-5, INV-15: over the tables after each event. INV-5: an access the accessor let
 *   through reaches only its handle's (arena, epoch) page; a written page that becomes free reads
 *   as zero; pages of an arena are freed only while no process of its old incarnation still runs
 *   (removed but not yet killed; a faulted one is parked in its handler); arena epochs, group epochs and incarnations never go back.
 *
 * What cannot be a per-step checker, and who covers it:
 * - INV-13 (a recovered group completes a fresh job) needs a job to be submitted after the
 *   recovery: `proc-I13-groups-normal` checks at the end that every group converged, and the
 *   emulate component's `proc-I13-fresh-job-after-recovery` and the scenario tests submit one.
 * - INV-3 in real mode is a wall-clock bound (p99 ≤ 1.25 × baseline + 5 ms), not an equality:
 *   checking it per step would be a timed assertion; `bench/suites/processes.ts` measures it.
 * - INV-10 and INV-6 in real mode: the workers' accesses are not observed (the accessor runs in
 *   the worker); the event checkers still run there (test/processes-real.test.ts).
 */
import { type Checker, liveness, safety } from "../sim/checker";
import type { Simulation } from "../sim/simulation";
import type { Handle } from "./access";
import type { ProcessEvent, ProcessingApplication } from "./application";
import { FREE, P, ProcState, PUBLIC_ARENA, SharedMemory } from "./layout";
import type { FaultFreeShadow } from "./shadow";
import type { SimHost } from "./sim-host";

/** Invariants fed by the event log and the accessor. */
const EVENT_INVARIANTS = [
  "proc-I1-contained-execution",
  "proc-I5-no-use-after-return",
  "proc-I6-writes-in-own-arena",
  "proc-I7-public-writes-elevated",
  "proc-I8-escalation-iff-elevated",
  "proc-I9-job-settled-once",
  "proc-I10-handler-discipline",
  "proc-I11-signalling-order",
  "proc-I12-restart-scope",
  "proc-I14-one-recovery-per-episode",
] as const;

/** Invariants against the fault-free shadow (only when one is attached). */
const SHADOW_INVARIANTS = ["proc-I2-results-match-fault-free", "proc-I3-latency-matches-fault-free"] as const;

type InvariantId = (typeof EVENT_INVARIANTS)[number] | (typeof SHADOW_INVARIANTS)[number];

/** Every id the checkers report (the emulate component adds `proc-I13-fresh-job-after-recovery`). */
export const PROCESS_INVARIANTS: readonly string[] = [
  ...EVENT_INVARIANTS,
  ...SHADOW_INVARIANTS,
  "proc-I4-pages-conserved",
  "proc-I15-no-lock-leaks",
  "proc-I13-groups-normal",
];

interface GroupWatch {
  faultedSinceRestart: boolean;
  elevatedFault: boolean;
  taskAborted: boolean;
  cmdAbort: boolean;
  removed: Set<number>;
  killed: Set<number>;
  returned: boolean;
  /** The recovery episode (first fault → groupNormal), for INV-12 and INV-14. */
  faulted: Set<number>;
  /** Faults and reforks per process in the episode: each fault needs its own refork. */
  faults: Map<number, number>;
  reforks: Map<number, number>;
  leaderFaulted: boolean;
  incarnationsAtFault: number[];
  epochAtFault: number;
  returns: number;
  aborts: number;
}

/** A job's settlement in the real run and in the shadow (INV-2, INV-3). */
interface Pair {
  readonly group: string;
  real?: { atMs: number; sum: number };
  shadow?: { atMs: number; sum: number };
  reported?: boolean;
}

const parseSum = (e: ProcessEvent) => Number(/sum=(\d+)/.exec(e.detail ?? "")?.[1]);
const parseJob = (e: ProcessEvent) => Number(/job=(\d+)/.exec(e.detail ?? "")?.[1]);

export class ProcessCheckers {
  readonly violations = new Map<InvariantId, string>();
  private readonly watch = new Map<string, GroupWatch>();
  private readonly settled = new Map<number, number>();
  private unsafeSeen = false;
  private restartInProgress = false;
  private hostLost = false;
  // INV-2/3
  private shadow: { readonly s: FaultFreeShadow; readonly realHost: SimHost } | undefined;
  private readonly pairs = new Map<number, Pair>();
  private readonly dropped = new Set<number>();
  private readonly disturbedAt = new Map<string, number>();
  private restartAt: number | undefined;
  private pressureAt: number | undefined;
  // INV-5
  private readonly written = new Map<number, number>();
  private lastOwned = new Map<number, number>();
  private readonly lastArenaEpoch: number[] = [];
  private readonly lastGroupEpoch = new Map<string, number>();
  private readonly lastIncarnation: number[] = [];

  constructor(private readonly app: ProcessingApplication) {
    app.on((e) => this.onEvent(e));
  }

  /** Compares the run with its fault-free shadow from now on (INV-2, INV-3). */
  attachShadow(shadow: FaultFreeShadow, realHost: SimHost): void {
    this.shadow = { s: shadow, realHost };
    shadow.app.on((e) => {
      if (e.kind === "jobDone") this.pair(parseJob(e), e.group as string).shadow = { atMs: e.atMs, sum: parseSum(e) };
      else if (e.kind === "jobAborted") this.dropped.add(parseJob(e));
    });
  }

  /** Every write the accessor let through; it must be in the writer's own arena or an elevated public write. */
  readonly onWrite = (pid: number, h: Handle): void => {
    const m = this.app.memory;
    const state = m.proc(pid, P.state);
    if (state === ProcState.faulted || state === ProcState.removed || state === ProcState.killed) {
      this.fail("proc-I10-handler-discipline", `process ${pid} wrote page ${h.page} after its fault (state ${state})`);
    }
    if (h.arena === PUBLIC_ARENA) {
      if (!m.elevated(pid)) this.fail("proc-I7-public-writes-elevated", `process ${pid} wrote public page ${h.page} without elevation`);
    } else if (h.arena !== m.proc(pid, P.arena)) {
      this.fail("proc-I6-writes-in-own-arena", `process ${pid} of arena ${m.proc(pid, P.arena)} wrote page ${h.page} of arena ${h.arena}`);
    }
    this.reachedOwnPage(pid, h, "wrote");
    this.written.set(h.page, m.ownerWord(h.page));
  };

  /** Every read the accessor let through: only the handle's own live page, never another group's. */
  readonly onRead = (pid: number, h: Handle): void => {
    const mine = this.app.memory.proc(pid, P.arena);
    if (h.arena !== PUBLIC_ARENA && h.arena !== mine)
      this.fail("proc-I6-writes-in-own-arena", `process ${pid} of arena ${mine} read page ${h.page} of arena ${h.arena}`);
    this.reachedOwnPage(pid, h, "read");
  };

  register(sim: Simulation): void {
    for (const c of this.checkers()) sim.checkers.add(c);
  }

  checkers(): Checker[] {
    const out: Checker[] = EVENT_INVARIANTS.map((id) =>
      id === "proc-I5-no-use-after-return"
        ? safety(id, () => this.violations.get(id) ?? this.noUseAfterReturn())
        : safety(id, () => this.violations.get(id)),
    );
    if (this.shadow) {
      out.push(safety("proc-I2-results-match-fault-free", () => this.compareWithShadow("proc-I2-results-match-fault-free")));
      out.push(safety("proc-I3-latency-matches-fault-free", () => this.compareWithShadow("proc-I3-latency-matches-fault-free")));
    }
    out.push(safety("proc-I4-pages-conserved", () => this.pagesConserved()));
    out.push(safety("proc-I15-no-lock-leaks", () => this.noLockLeaks()));
    out.push(liveness("proc-I13-groups-normal", () => this.converged()));
    return out;
  }

  /** free + Σ arenas = poolPages, and fenced pages only while their group is recovering. */
  pagesConserved(): string | undefined {
    const app = this.app;
    const c = app.memory.census();
    let owned = 0;
    for (const n of c.live.values()) owned += n;
    for (const n of c.fenced.values()) owned += n;
    if (c.free + owned !== app.memory.poolPages) return `free ${c.free} + owned ${owned} ≠ pool ${app.memory.poolPages}`;
    if (app.restarting) return undefined;
    for (const g of app.groups) {
      const fenced = c.fenced.get(g.arena) ?? 0;
      if (fenced > 0 && (!g.recovery || g.recovery.returned)) return `group ${g.id} still owns ${fenced} pages of a returned arena epoch`;
    }
    return undefined;
  }

  noLockLeaks(): string | undefined {
    const m = this.app.memory;
    for (let l = 0; l < m.lockCount; l++) {
      const owner = m.lockOwner(l);
      if (owner === undefined) continue;
      const s = m.proc(owner, P.state);
      if (s === ProcState.killed || s === ProcState.starting)
        return `public lock ${l} is owned by process ${owner}, which is dead (state ${s})`;
    }
    return undefined;
  }

  converged(): string | undefined {
    if (this.app.lost) return undefined;
    if (this.app.restarting) return "the application is still restarting";
    const stuck = this.app.groups.filter((g) => g.state !== "normal").map((g) => g.id);
    return stuck.length ? `groups still recovering at the end: ${stuck.join(", ")}` : undefined;
  }

  // ---- INV-5 ----

  private reachedOwnPage(pid: number, h: Handle, verb: string): void {
    const m = this.app.memory;
    const epoch = m.arenaEpoch(h.arena);
    const word = m.ownerWord(h.page);
    if (epoch !== h.epoch || word !== SharedMemory.owner(h.arena, h.epoch))
      this.fail(
        "proc-I5-no-use-after-return",
        `process ${pid} ${verb} page ${h.page} through a handle of arena ${h.arena} epoch ${h.epoch}; the arena is at epoch ${epoch} and the page is owned by arena ${SharedMemory.arenaOf(word)} epoch ${SharedMemory.epochOf(word)}`,
      );
  }

  /** After each event: freed pages read as zero, no page freed under a live old incarnation, epochs only move on. */
  private noUseAfterReturn(): string | undefined {
    const m = this.app.memory;
    for (const [page, owner] of this.written) {
      const now = m.ownerWord(page);
      if (now === owner) continue;
      this.written.delete(page);
      if (now === FREE && m.pageWords(page).some((w) => w !== 0))
        return `page ${page} of arena ${SharedMemory.arenaOf(owner)} was returned to the pool without being zeroed`;
    }
    const c = m.census();
    const owned = new Map<number, number>();
    for (const map of [c.live, c.fenced]) for (const [a, n] of map) owned.set(a, (owned.get(a) ?? 0) + n);
    for (const g of this.app.groups) {
      if ((owned.get(g.arena) ?? 0) < (this.lastOwned.get(g.arena) ?? 0)) {
        // a faulted process is parked in its handler and touches nothing again; a removed one still
        // runs until its kill lands
        for (const pid of [g.leader, ...g.computes])
          if (m.proc(pid, P.state) === ProcState.removed)
            return `pages of group ${g.id}'s arena were freed while its process ${pid} of the old incarnation was alive (removed, not yet killed)`;
      }
    }
    this.lastOwned = owned;
    for (const g of this.app.groups) {
      const epoch = m.arenaEpoch(g.arena);
      if (epoch < (this.lastArenaEpoch[g.arena] ?? 0))
        return `arena ${g.arena} epoch went back from ${this.lastArenaEpoch[g.arena]} to ${epoch}`;
      this.lastArenaEpoch[g.arena] = epoch;
      if (g.epoch < (this.lastGroupEpoch.get(g.id) ?? 0)) return `group ${g.id} epoch went back to ${g.epoch}`;
      this.lastGroupEpoch.set(g.id, g.epoch);
      for (const pid of [g.leader, ...g.computes]) {
        const inc = m.proc(pid, P.incarnation);
        if (inc < (this.lastIncarnation[pid] ?? 0))
          return `process ${pid} incarnation went back from ${this.lastIncarnation[pid]} to ${inc}`;
        this.lastIncarnation[pid] = inc;
      }
    }
    return undefined;
  }

  // ---- INV-2, INV-3 ----

  private pair(id: number, group: string): Pair {
    let p = this.pairs.get(id);
    if (!p) {
      p = { group };
      this.pairs.set(id, p);
    }
    return p;
  }

  /** When the group stopped being comparable with the fault-free run (its fault, a restart, pool pressure). */
  private disturbedSince(group: string): number {
    return Math.min(this.disturbedAt.get(group) ?? Infinity, this.restartAt ?? Infinity, this.pressureAt ?? Infinity);
  }

  private compareWithShadow(id: (typeof SHADOW_INVARIANTS)[number]): string | undefined {
    const sh = this.shadow;
    if (!sh) return undefined;
    const now = this.app.env.clock.nowMs();
    if (this.pressureAt === undefined && sh.realHost.allocWaits + sh.s.host.allocWaits > 0) this.pressureAt = now;
    for (const [job, p] of this.pairs) {
      if (this.dropped.has(job)) {
        this.pairs.delete(job);
        continue;
      }
      const { real, shadow } = p;
      if (real && shadow) {
        if (id === "proc-I2-results-match-fault-free" && real.sum !== shadow.sum)
          return `job ${job} of group ${p.group} returned sum ${real.sum}; the fault-free run returned ${shadow.sum}`;
        const first = Math.min(real.atMs, shadow.atMs);
        if (id === "proc-I3-latency-matches-fault-free" && real.atMs !== shadow.atMs && this.disturbedSince(p.group) > first)
          return `job ${job} of group ${p.group}, which no fault reached, completed at ${real.atMs} ms; the fault-free run at ${shadow.atMs} ms`;
        if (id === "proc-I3-latency-matches-fault-free") this.pairs.delete(job);
        continue;
      }
      if (id !== "proc-I3-latency-matches-fault-free") continue;
      const one = real ?? shadow;
      if (one && now > one.atMs && this.disturbedSince(p.group) > one.atMs)
        return `job ${job} of group ${p.group}, which no fault reached, completed at ${one.atMs} ms ${real ? "here but not in the fault-free run" : "in the fault-free run but not here"} (now ${now} ms)`;
    }
    return undefined;
  }

  // ---- event log ----

  private fail(id: InvariantId, why: string): void {
    if (!this.violations.has(id)) this.violations.set(id, why);
  }

  private group(id: string): GroupWatch {
    let w = this.watch.get(id);
    if (!w) {
      w = {
        faultedSinceRestart: false,
        elevatedFault: false,
        taskAborted: false,
        cmdAbort: false,
        removed: new Set(),
        killed: new Set(),
        returned: false,
        faulted: new Set(),
        faults: new Map(),
        reforks: new Map(),
        leaderFaulted: false,
        incarnationsAtFault: [],
        epochAtFault: 0,
        returns: 0,
        aborts: 0,
      };
      this.watch.set(id, w);
    }
    return w;
  }

  private pids(group: string): number[] {
    const g = this.app.group(group);
    return [g.leader, ...g.computes];
  }

  private onEvent(e: ProcessEvent): void {
    const w = e.group !== undefined ? this.group(e.group) : undefined;
    switch (e.kind) {
      case "fault":
        if (!w || e.group === undefined) break;
        if (!this.disturbedAt.has(e.group)) this.disturbedAt.set(e.group, e.atMs);
        if (!w.faultedSinceRestart)
          Object.assign(w, {
            taskAborted: false,
            cmdAbort: false,
            returned: false,
            removed: new Set(),
            killed: new Set(),
            faulted: new Set(),
            faults: new Map(),
            reforks: new Map(),
            leaderFaulted: false,
            incarnationsAtFault: this.pids(e.group).map((p) => this.app.incarnation(p)),
            epochAtFault: this.app.group(e.group).epoch,
            returns: 0,
            aborts: 0,
          });
        w.faultedSinceRestart = true;
        if (e.pid !== undefined) {
          w.faulted.add(e.pid);
          w.faults.set(e.pid, (w.faults.get(e.pid) ?? 0) + 1);
        }
        if (e.detail?.includes("role=leader")) w.leaderFaulted = true;
        if (e.detail?.includes("elevated=true")) w.elevatedFault = true;
        break;
      case "taskAborted":
        if (w) w.taskAborted = true;
        break;
      case "cmdAbort":
        if (!w) break;
        if (!w.faultedSinceRestart) this.fail("proc-I11-signalling-order", `cmdAbort in group ${e.group} without a fault`);
        w.cmdAbort = true;
        break;
      case "privilege":
        if (e.detail === "unsafe") this.unsafeSeen = true;
        break;
      case "remove":
        if (w && e.pid !== undefined) w.removed.add(e.pid);
        if (w && !w.cmdAbort) this.fail("proc-I11-signalling-order", `process ${e.pid} removed before cmdAbort reached group ${e.group}`);
        break;
      case "refork":
        if (w && e.pid !== undefined && !w.removed.has(e.pid))
          this.fail("proc-I11-signalling-order", `refork of ${e.pid} before its removal`);
        if (w && !w.faultedSinceRestart && !this.app.restarting)
          this.fail("proc-I1-contained-execution", `process ${e.pid} of group ${e.group} restarted with no fault in its group`);
        if (w && e.pid !== undefined) w.reforks.set(e.pid, (w.reforks.get(e.pid) ?? 0) + 1);
        break;
      case "kill":
        if (w && e.pid !== undefined) w.killed.add(e.pid);
        break;
      case "arenaReturned":
        if (!w) break;
        for (const pid of w.removed)
          if (!w.killed.has(pid))
            this.fail("proc-I11-signalling-order", `arena of ${e.group} returned while process ${pid} was not killed`);
        w.returned = true;
        w.returns++;
        break;
      case "groupNormal":
        if (!w || e.group === undefined) break;
        if (!w.returned) this.fail("proc-I11-signalling-order", `group ${e.group} normal before its arena was returned`);
        if (w.elevatedFault) this.fail("proc-I8-escalation-iff-elevated", `group ${e.group} recovered alone after a fault while elevated`);
        this.recoveryDone(e.group, w);
        w.faultedSinceRestart = false;
        break;
      case "jobAborted":
        if (w && !w.faultedSinceRestart && !this.app.restarting && !this.hostLost)
          this.fail("proc-I1-contained-execution", `job of group ${e.group} aborted with no fault in its group (${e.detail})`);
        if (w?.faultedSinceRestart) w.aborts++;
        this.settle(e);
        this.dropped.add(parseJob(e));
        break;
      case "jobDone":
        this.settle(e);
        if (e.group !== undefined) this.pair(parseJob(e), e.group).real = { atMs: e.atMs, sum: parseSum(e) };
        break;
      case "appRestart":
        if (!this.unsafeSeen) this.fail("proc-I8-escalation-iff-elevated", "application restarted with no unsafe privilege check");
        if (this.restartInProgress)
          this.fail("proc-I14-one-recovery-per-episode", "a second application restart began before the first one finished");
        this.restartInProgress = true;
        this.restartAt ??= e.atMs;
        this.unsafeSeen = false;
        for (const g of this.watch.values()) Object.assign(g, { faultedSinceRestart: false, elevatedFault: false });
        break;
      case "appRunning":
        this.restartInProgress = false;
        break;
      case "hostLost":
        // the host died with its zone: every job there is aborted by the loss, not by a group fault
        this.hostLost = true;
        for (const g of this.app.groups) this.disturbedAt.set(g.id, Math.min(this.disturbedAt.get(g.id) ?? e.atMs, e.atMs));
        break;
      default:
        break;
    }
  }

  /** INV-12 (who restarted) and INV-14 (one abort, one return, one epoch bump, every faulting process reforked). */
  private recoveryDone(group: string, w: GroupWatch): void {
    const pids = this.pids(group);
    const g = this.app.group(group);
    const restarted = pids.filter((p, i) => this.app.incarnation(p) !== w.incarnationsAtFault[i]);
    const whole = w.leaderFaulted || this.app.config.computeFaultRestartScope === "whole-group";
    const expected = whole ? pids : pids.filter((p) => w.faulted.has(p));
    if (restarted.join() !== expected.join())
      this.fail(
        "proc-I12-restart-scope",
        `group ${group} restarted processes [${restarted.join(", ")}]; its ${w.leaderFaulted ? "leader fault" : `compute fault(s) with scope ${this.app.config.computeFaultRestartScope ?? "failing-process"}`} should restart [${expected.join(", ")}]`,
      );
    const missing = [...w.faults].filter(([p, n]) => (w.reforks.get(p) ?? 0) < n).map(([p]) => p);
    if (g.epoch !== w.epochAtFault + 1)
      this.fail("proc-I14-one-recovery-per-episode", `group ${group} epoch moved from ${w.epochAtFault} to ${g.epoch} in one recovery`);
    else if (w.returns !== 1)
      this.fail("proc-I14-one-recovery-per-episode", `group ${group} returned its arena ${w.returns} times in one recovery`);
    else if (w.aborts > 1) this.fail("proc-I14-one-recovery-per-episode", `group ${group} aborted ${w.aborts} jobs in one recovery`);
    else if (missing.length)
      this.fail(
        "proc-I14-one-recovery-per-episode",
        `group ${group} recovered without reforking faulting process(es) ${missing.join(", ")}`,
      );
  }

  private settle(e: ProcessEvent): void {
    const id = parseJob(e);
    const n = (this.settled.get(id) ?? 0) + 1;
    this.settled.set(id, n);
    if (n > 1) this.fail("proc-I9-job-settled-once", `job ${id} settled ${n} times`);
  }
}

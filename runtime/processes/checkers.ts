/**
 * Seed 002's invariants as checkers (§6.9). They watch the engine's event log and every write that
 * passed the accessor, and inspect the page and lock tables after each simulation event; each
 * reports the first violation, with values. INV-2, INV-3, INV-12 and INV-13 compare a run with its
 * fault-free baseline or a fresh job, so the scenario tests assert them.
 */
import { type Checker, liveness, safety } from "../checkers/checker";
import type { Simulation } from "../sim/simulation";
import type { Handle } from "./access";
import type { ProcessEvent, ProcessingApplication } from "./application";
import { P, ProcState, PUBLIC_ARENA } from "./layout";

/** Invariants fed by the event log and the write observer. */
const EVENT_INVARIANTS = [
  "proc-I1-contained-execution",
  "proc-I6-writes-in-own-arena",
  "proc-I7-public-writes-elevated",
  "proc-I8-escalation-iff-elevated",
  "proc-I9-job-settled-once",
  "proc-I10-handler-discipline",
  "proc-I11-signalling-order",
] as const;

type InvariantId = (typeof EVENT_INVARIANTS)[number];

/** Every id the checkers report (the emulate component adds `proc-I13-fresh-job-after-recovery`). */
export const PROCESS_INVARIANTS: readonly string[] = [
  ...EVENT_INVARIANTS,
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
}

export class ProcessCheckers {
  readonly violations = new Map<InvariantId, string>();
  private readonly watch = new Map<string, GroupWatch>();
  private readonly settled = new Map<number, number>();
  private unsafeSeen = false;

  constructor(private readonly app: ProcessingApplication) {
    app.on((e) => this.onEvent(e));
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
  };

  register(sim: Simulation): void {
    for (const c of this.checkers()) sim.checkers.add(c);
  }

  checkers(): Checker[] {
    const out: Checker[] = EVENT_INVARIANTS.map((id) => safety(id, () => this.violations.get(id)));
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
    if (this.app.restarting) return "the application is still restarting";
    const stuck = this.app.groups.filter((g) => g.state !== "normal").map((g) => g.id);
    return stuck.length ? `groups still recovering at the end: ${stuck.join(", ")}` : undefined;
  }

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
      };
      this.watch.set(id, w);
    }
    return w;
  }

  private onEvent(e: ProcessEvent): void {
    const w = e.group !== undefined ? this.group(e.group) : undefined;
    switch (e.kind) {
      case "fault":
        if (!w) break;
        if (!w.faultedSinceRestart)
          Object.assign(w, { taskAborted: false, cmdAbort: false, returned: false, removed: new Set(), killed: new Set() });
        w.faultedSinceRestart = true;
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
        break;
      case "groupNormal":
        if (!w) break;
        if (!w.returned) this.fail("proc-I11-signalling-order", `group ${e.group} normal before its arena was returned`);
        if (w.elevatedFault) this.fail("proc-I8-escalation-iff-elevated", `group ${e.group} recovered alone after a fault while elevated`);
        w.faultedSinceRestart = false;
        break;
      case "jobAborted":
        if (w && !w.faultedSinceRestart && !this.app.restarting)
          this.fail("proc-I1-contained-execution", `job of group ${e.group} aborted with no fault in its group (${e.detail})`);
        this.settle(e);
        break;
      case "jobDone":
        this.settle(e);
        break;
      case "appRestart":
        if (!this.unsafeSeen) this.fail("proc-I8-escalation-iff-elevated", "application restarted with no unsafe privilege check");
        this.unsafeSeen = false;
        for (const g of this.watch.values()) Object.assign(g, { faultedSinceRestart: false, elevatedFault: false });
        break;
      default:
        break;
    }
  }

  private settle(e: ProcessEvent): void {
    const id = Number(/job=(\d+)/.exec(e.detail ?? "")?.[1]);
    const n = (this.settled.get(id) ?? 0) + 1;
    this.settled.set(id, n);
    if (n > 1) this.fail("proc-I9-job-settled-once", `job ${id} settled ${n} times`);
  }
}

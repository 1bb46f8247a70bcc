/**
 * What the crash containment checkers watch, gathered once per application: the engine's event
 * log, every access the accessor let through, and (when one is attached) the fault-free shadow's
 * settled jobs. It judges nothing itself; it keeps the facts several invariants share — each
 * group's recovery episode, which jobs settled where and when, when a group stopped being
 * comparable with the fault-free run — and hands every event to the invariants that asked for it,
 * before it updates those facts, so an invariant sees the episode as it was when the event came.
 */
import type { Handle } from "../../processes/access";
import type { ProcessEvent, ProcessingApplication } from "../../processes/application";
import type { FaultKind } from "../../processes/errors";
import type { HostWitness } from "../../processes/host";
import type { FaultFreeShadow } from "../../processes/shadow";
import type { SimHost } from "../../processes/sim-host";

/** One group's current recovery episode (first fault → groupNormal). */
export interface GroupEpisode {
  faultedSinceRestart: boolean;
  elevatedFault: boolean;
  taskAborted: boolean;
  cmdAbort: boolean;
  removed: Set<number>;
  killed: Set<number>;
  returned: boolean;
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

/** A job's settlement in the real run and in the shadow. */
export interface JobPair {
  readonly group: string;
  real?: { atMs: number; sum: number };
  shadow?: { atMs: number; sum: number };
}

export type EventListener = (e: ProcessEvent, episode: GroupEpisode | undefined) => void;

/** What the host (the operating system of the processes) saw, with no word from the engine. */
export type HostFact =
  | { readonly kind: "faulted"; readonly pid: number; readonly fault: FaultKind; readonly elevated: boolean }
  | { readonly kind: "killed"; readonly pid: number }
  | { readonly kind: "spawned"; readonly pid: number };
export type HostListener = (f: HostFact) => void;
export type AccessListener = (access: "write" | "read", pid: number, h: Handle) => void;

/** A first-violation slot: an invariant fed by events records what broke it, once. */
export class FirstViolation {
  value: string | undefined;
  set(why: string): void {
    this.value ??= why;
  }
}

export class ContainmentWatch {
  private readonly episodes = new Map<string, GroupEpisode>();
  private readonly eventListeners: EventListener[] = [];
  private readonly accessListeners: AccessListener[] = [];
  private readonly hostListeners: HostListener[] = [];
  /** The host was lost with its zone, as the one who lost it says (not the engine's log). */
  hostLostByCaller = false;
  /** Give to the host: every fault, kill and start it sees reaches the host listeners. */
  readonly witness: HostWitness = {
    faulted: (pid, fault, elevated) => this.tell({ kind: "faulted", pid, fault, elevated }),
    killed: (pid) => this.tell({ kind: "killed", pid }),
    spawned: (pid) => this.tell({ kind: "spawned", pid }),
  };
  /** The host died with its zone: jobs there were aborted by the loss, not by a group fault. */
  hostLost = false;
  /** The fault-free shadow and the real host, once attached. */
  shadow: { readonly s: FaultFreeShadow; readonly realHost: SimHost } | undefined;
  readonly pairs = new Map<number, JobPair>();
  /** Jobs aborted in either run: they have no result to compare. */
  readonly dropped = new Set<number>();
  /** When each group was first reached by a fault or the host's loss. */
  readonly disturbedAt = new Map<string, number>();
  restartAt: number | undefined;
  /** The first step that waited for a page: the pool couples groups from then on. */
  pressureAt: number | undefined;

  constructor(readonly app: ProcessingApplication) {
    app.on((e) => this.onEvent(e));
  }

  /** Calls `l` with every engine event (before the shared facts take it in). */
  onProcessEvent(l: EventListener): void {
    this.eventListeners.push(l);
  }

  /** Calls `l` with every access the accessor let through. */
  onAccess(l: AccessListener): void {
    this.accessListeners.push(l);
  }

  /** Calls `l` with every fault, kill and start the host reports. */
  onHost(l: HostListener): void {
    this.hostListeners.push(l);
  }

  private tell(f: HostFact): void {
    for (const l of this.hostListeners) l(f);
  }

  readonly onWrite = (pid: number, h: Handle): void => {
    for (const l of this.accessListeners) l("write", pid, h);
  };

  readonly onRead = (pid: number, h: Handle): void => {
    for (const l of this.accessListeners) l("read", pid, h);
  };

  /** Compares the run with its fault-free shadow from now on. */
  attachShadow(shadow: FaultFreeShadow, realHost: SimHost): void {
    this.shadow = { s: shadow, realHost };
    shadow.app.on((e) => {
      if (e.kind === "jobDone") this.pair(jobOf(e), e.group as string).shadow = { atMs: e.atMs, sum: sumOf(e) };
      else if (e.kind === "jobAborted") this.dropped.add(jobOf(e));
    });
  }

  /** When the group stopped being comparable with the fault-free run (its fault, a restart, pool pressure). */
  disturbedSince(group: string): number {
    return Math.min(this.disturbedAt.get(group) ?? Infinity, this.restartAt ?? Infinity, this.pressureAt ?? Infinity);
  }

  /**
   * The job pairs still to compare, after noting pool pressure (from the first step that waited for
   * a page, the pool couples groups) and forgetting jobs either run aborted.
   */
  comparable(): Map<number, JobPair> {
    const sh = this.shadow;
    if (sh && this.pressureAt === undefined && sh.realHost.allocWaits + sh.s.host.allocWaits > 0)
      this.pressureAt = this.app.env.clock.nowMs();
    for (const job of this.pairs.keys()) if (this.dropped.has(job)) this.pairs.delete(job);
    return this.pairs;
  }

  /** The group's processes, leader first. */
  pids(group: string): number[] {
    const g = this.app.group(group);
    return [g.leader, ...g.computes];
  }

  private pair(id: number, group: string): JobPair {
    let p = this.pairs.get(id);
    if (!p) {
      p = { group };
      this.pairs.set(id, p);
    }
    return p;
  }

  private episode(id: string): GroupEpisode {
    let w = this.episodes.get(id);
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
      this.episodes.set(id, w);
    }
    return w;
  }

  private onEvent(e: ProcessEvent): void {
    const w = e.group !== undefined ? this.episode(e.group) : undefined;
    for (const l of this.eventListeners) l(e, w);
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
        if (e.role === "leader") w.leaderFaulted = true;
        if (e.elevated === true) w.elevatedFault = true;
        break;
      case "taskAborted":
        if (w) w.taskAborted = true;
        break;
      case "cmdAbort":
        if (w) w.cmdAbort = true;
        break;
      case "remove":
        if (w && e.pid !== undefined) w.removed.add(e.pid);
        break;
      case "refork":
        if (w && e.pid !== undefined) w.reforks.set(e.pid, (w.reforks.get(e.pid) ?? 0) + 1);
        break;
      case "kill":
        if (w && e.pid !== undefined) w.killed.add(e.pid);
        break;
      case "arenaReturned":
        if (!w) break;
        w.returned = true;
        w.returns++;
        break;
      case "groupNormal":
        if (w) w.faultedSinceRestart = false;
        break;
      case "jobAborted":
        if (w?.faultedSinceRestart) w.aborts++;
        this.dropped.add(jobOf(e));
        break;
      case "jobDone":
        if (e.group !== undefined) this.pair(jobOf(e), e.group).real = { atMs: e.atMs, sum: sumOf(e) };
        break;
      case "appRestart":
        this.restartAt ??= e.atMs;
        for (const g of this.episodes.values()) Object.assign(g, { faultedSinceRestart: false, elevatedFault: false });
        break;
      case "hostLost":
        this.hostLost = true;
        for (const g of this.app.groups) this.disturbedAt.set(g.id, Math.min(this.disturbedAt.get(g.id) ?? e.atMs, e.atMs));
        break;
      default:
        break;
    }
  }
}

/** The job a `jobDone` or `jobAborted` event is about (NaN if the event carries none, which never matches a job). */
export const jobOf = (e: ProcessEvent): number => e.job ?? Number.NaN;
const sumOf = (e: ProcessEvent): number => e.sum ?? Number.NaN;

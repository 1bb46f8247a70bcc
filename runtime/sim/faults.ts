/**
 * The fault injector: faults a scenario (or the chaos generator) applies at a virtual time.
 *
 * Fault model (what it injects; what it promises is recoverable):
 * - `crash`: an actor dies abruptly (no code of it runs again); `process` keeps its disks' page
 *   cache, `power` applies the disk power-loss model. Recoverable: the actor reboots from its disks.
 * - `powerLoss`: a whole zone loses power (FIS "AZ power interruption"): all its actors crash with
 *   `power` and none boots until power returns. Recoverable when the system tolerates a zone loss.
 * - `isolate` / `partition`: messages between two groups (actors or zones) are dropped, both ways
 *   or one way (the asymmetric cut that breeds zombie leaders). Recoverable: partitions heal.
 * - `slow`: messages between two groups take `extraLatencyMs` longer (a grey failure).
 * - `stallDisk`: an actor's disk completes no sync until the stall ends (reads and writes, which hit
 *   the cache, still work). Recoverable: the stall ends.
 * Every fault returns a handle whose `end()` undoes it; `forMs` schedules that. The quiet phase
 * calls `endAll()`: every fault ends, every crashed actor restarts, and later faults are ignored —
 * liveness is judged on a healed world.
 *
 * World models that are not actors (a mock cloud's view of its zones) learn about faults through
 * `watch(listener)`: one notice when a fault takes effect and one when it ends, however it ends
 * (`end()`, `forMs`, or the quiet phase). They inject faults of their own (instances stopped, API
 * errors) with `custom(label, apply, undo)`, so the quiet phase heals those too.
 */
import type { ActorTable, CrashKind } from "./actor-table";
import type { Kernel } from "./kernel";
import type { SimActor } from "./sim-actor";
import type { SimEvent } from "./sim-event";
import type { ActorPredicate, SimNetwork } from "./sim-network";

/** A set of actors: everyone in a zone, or actors by name. */
export type Group = { readonly zone: string } | { readonly actors: readonly string[] };

/** What a fault hits, as a watcher sees it. */
export type FaultTarget =
  | { readonly kind: "crash"; readonly actor: string }
  | { readonly kind: "power-loss"; readonly zone: string }
  | { readonly kind: "cut"; readonly from: Group; readonly to: Group | "others"; readonly oneWay: boolean }
  | { readonly kind: "slow"; readonly a: Group; readonly b: Group; readonly extraLatencyMs: number }
  | { readonly kind: "disk-stall"; readonly actor: string; readonly disk: string }
  | { readonly kind: "custom" };

/** Told to watchers after a fault took effect (`begin`) or after it was undone (`end`). */
export interface FaultNotice {
  readonly state: "begin" | "end";
  readonly label: string;
  readonly target: FaultTarget;
}

/** A fault in force; `end()` undoes it (idempotent). */
export interface FaultHandle {
  /** How the fault reads in the trace, e.g. `partition zone:us-east-1a|others`. */
  readonly label: string;
  readonly active: boolean;
  end(): void;
}

export interface FaultTiming {
  /**
   * End the fault automatically after this long.
   * @default - the fault lasts until `end()`, `endAll()` or the quiet phase
   */
  readonly forMs?: number;
}

export interface CutOptions extends FaultTiming {
  /**
   * Drop only messages from the first group to the second; the reverse direction still flows.
   * @default false - both directions are cut
   */
  readonly oneWay?: boolean;
}

export interface CrashOptions {
  /**
   * `process`: the process dies, unsynced writes survive in the host's cache; `power`: the host
   * loses power and unsynced writes may be lost or torn.
   * @default "process"
   */
  readonly kind?: CrashKind;
  /**
   * Restart the actor after this long.
   * @default - the actor stays down until `restart`, `end()` or the quiet phase
   */
  readonly restartAfterMs?: number;
}

class ActiveFault implements FaultHandle {
  active = true;
  endEvent: SimEvent | undefined;

  constructor(
    private readonly faults: Faults,
    readonly label: string,
    private readonly undo: () => void,
    /** Traced as `fault … begin/end` (a crash is not: its `crash` and `boot` lines say it all). */
    readonly announced: boolean,
    readonly target: FaultTarget,
  ) {}

  end(): void {
    if (!this.active) return;
    this.active = false;
    this.endEvent?.cancel();
    this.faults.ended(this);
    this.undo();
    this.faults.notify("end", this);
  }
}

const INACTIVE = (label: string): FaultHandle => ({ label, active: false, end() {} });

export class Faults {
  private readonly inForce: ActiveFault[] = [];
  private watchers: readonly ((notice: FaultNotice) => void)[] = [];
  /** Set by the quiet phase: no new fault takes effect. */
  stopped = false;

  constructor(
    private readonly kernel: Kernel,
    private readonly actors: ActorTable,
    private readonly network: SimNetwork,
  ) {}

  /** Faults in force, oldest first. */
  active(): readonly FaultHandle[] {
    return [...this.inForce];
  }

  /**
   * Calls `listener` after every fault takes effect and after it ends, in the order they happen;
   * returns a function that stops the calls. Watchers run inside the event that caused the fault
   * and may schedule events; a watcher that throws fails the run like any other component.
   */
  watch(listener: (notice: FaultNotice) => void): () => void {
    this.watchers = [...this.watchers, listener];
    return () => {
      this.watchers = this.watchers.filter((w) => w !== listener);
    };
  }

  /** Tells the watchers about `f` (called when it begins and by its handle when it ends). */
  notify(state: FaultNotice["state"], f: ActiveFault): void {
    if (this.watchers.length === 0) return;
    const notice: FaultNotice = { state, label: f.label, target: f.target };
    for (const w of this.watchers) w(notice);
  }

  crash(actorName: string, options: CrashOptions = {}): FaultHandle {
    const actor = this.actor(actorName);
    const kind = options.kind ?? "process";
    const label = `crash ${actor.name} ${kind}`;
    if (this.stopped) return this.ignored(label);
    if (!actor.up) return INACTIVE(label);
    this.actors.crash(actor, kind);
    return this.begin(label, () => this.actors.restart(actor), options.restartAfterMs, { kind: "crash", actor: actor.name }, false);
  }

  /** Boots a crashed actor now (or when its zone has power again). */
  restart(actorName: string): void {
    this.actors.restart(this.actor(actorName));
  }

  powerLoss(zone: string, timing: FaultTiming = {}): FaultHandle {
    const label = `power-loss zone:${zone}`;
    if (this.stopped) return this.ignored(label);
    if (this.actors.isZoneDown(zone)) return INACTIVE(label);
    const handle = this.begin(label, () => this.actors.powerOn(zone), timing.forMs, { kind: "power-loss", zone }, true, false);
    this.actors.powerOff(zone);
    this.notify("begin", handle);
    return handle;
  }

  /** Cuts `group` off from every actor outside it. */
  isolate(group: Group, options: CutOptions = {}): FaultHandle {
    const inside = this.predicate(group);
    return this.cut(`isolate ${describeGroup(group)}`, inside, (a) => !inside(a), options, group, "others");
  }

  partition(a: Group, b: Group, options: CutOptions = {}): FaultHandle {
    return this.cut(`partition ${describeGroup(a)}|${describeGroup(b)}`, this.predicate(a), this.predicate(b), options, a, b);
  }

  /** Adds latency to messages between `a` and `b` (both directions). */
  slow(a: Group, b: Group, options: FaultTiming & { readonly extraLatencyMs: number }): FaultHandle {
    const label = `slow ${describeGroup(a)}|${describeGroup(b)} +${options.extraLatencyMs}ms`;
    if (!Number.isSafeInteger(options.extraLatencyMs) || options.extraLatencyMs < 0)
      throw new RangeError(`${label}: extraLatencyMs must be an integer ≥ 0`);
    if (this.stopped) return this.ignored(label);
    const pa = this.predicate(a);
    const pb = this.predicate(b);
    const there = { from: pa, to: pb, extraMs: options.extraLatencyMs };
    const back = { from: pb, to: pa, extraMs: options.extraLatencyMs };
    this.network.addSlowdown(there);
    this.network.addSlowdown(back);
    return this.begin(
      label,
      () => {
        this.network.removeSlowdown(there);
        this.network.removeSlowdown(back);
      },
      options.forMs,
      { kind: "slow", a, b, extraLatencyMs: options.extraLatencyMs },
    );
  }

  /** Holds every sync of one disk until the stall ends. */
  stallDisk(actorName: string, diskName: string, timing: FaultTiming = {}): FaultHandle {
    const actor = this.actor(actorName);
    const label = `disk-stall ${actor.name}:${diskName}`;
    const disk = actor.disks.get(diskName);
    if (!disk) throw new RangeError(`${label}: ${actor.name} has not opened a disk named "${diskName}"`);
    if (this.stopped) return this.ignored(label);
    disk.stall();
    return this.begin(label, () => disk.unstall(), timing.forMs, { kind: "disk-stall", actor: actor.name, disk: diskName });
  }

  /**
   * A fault of a world model that is not an actor (the mock cloud stopping instances, failing API
   * calls): `apply` runs now, `undo` when the fault ends — by `end()`, after `forMs`, or when the
   * quiet phase heals everything. In the quiet phase neither runs and the handle is inactive.
   */
  custom(label: string, apply: () => void, undo: () => void, timing: FaultTiming = {}): FaultHandle {
    if (label.length === 0 || label.includes("\n")) throw new RangeError("a custom fault needs a one-line label");
    if (this.stopped) return this.ignored(label);
    const f = this.begin(label, undo, timing.forMs, { kind: "custom" }, true, false);
    apply();
    this.notify("begin", f);
    return f;
  }

  /** Ends every fault, restores every zone and restarts every crashed actor; returns faults ended. */
  endAll(): number {
    const n = this.inForce.length;
    for (const f of [...this.inForce]) f.end();
    for (const zone of this.actors.downZones()) this.actors.powerOn(zone);
    for (const a of this.actors.list) this.actors.restart(a);
    return n;
  }

  /** Called by a handle when it ends. */
  ended(f: ActiveFault): void {
    const i = this.inForce.indexOf(f);
    if (i >= 0) this.inForce.splice(i, 1);
    if (f.announced) this.note(`${f.label} end`);
  }

  private cut(label: string, from: ActorPredicate, to: ActorPredicate, options: CutOptions, a: Group, b: Group | "others"): FaultHandle {
    const fullLabel = options.oneWay ? `${label} one-way` : label;
    if (this.stopped) return this.ignored(fullLabel);
    const c = { from, to, oneWay: options.oneWay === true };
    this.network.addCut(c);
    return this.begin(fullLabel, () => this.network.removeCut(c), options.forMs, {
      kind: "cut",
      from: a,
      to: b,
      oneWay: options.oneWay === true,
    });
  }

  /** Registers a fault that has taken effect (or, with `notifyNow` false, is about to; the caller notifies). */
  private begin(
    label: string,
    undo: () => void,
    forMs: number | undefined,
    target: FaultTarget,
    announce = true,
    notifyNow = true,
  ): ActiveFault {
    const f = new ActiveFault(this, label, undo, announce, target);
    this.inForce.push(f);
    if (announce) this.note(`${label} begin`);
    if (forMs !== undefined) {
      if (!Number.isSafeInteger(forMs) || forMs < 0) throw new RangeError(`${label}: forMs must be an integer ≥ 0, got ${forMs}`);
      f.endEvent = this.kernel.internal(forMs, `end ${label}`, () => f.end());
    }
    if (notifyNow) this.notify("begin", f);
    return f;
  }

  private ignored(label: string): FaultHandle {
    this.note(`${label} ignored=quiet-phase`);
    return INACTIVE(label);
  }

  private note(detail: string): void {
    if (this.kernel.recording) this.kernel.emit("fault", "world", detail);
  }

  private actor(name: string): SimActor {
    const a = this.actors.byName.get(name);
    if (!a) throw new RangeError(`no actor named "${name}"; spawn it before injecting faults into it`);
    return a;
  }

  private predicate(g: Group): ActorPredicate {
    if ("zone" in g) {
      const zone = g.zone;
      return (a) => a.zone === zone;
    }
    for (const n of g.actors) this.actor(n);
    const names = new Set(g.actors);
    return (a) => names.has(a.name);
  }
}

function describeGroup(g: Group): string {
  return "zone" in g ? `zone:${g.zone}` : `actors:${g.actors.join(",")}`;
}

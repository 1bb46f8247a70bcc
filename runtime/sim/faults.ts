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
 */
import type { ActorTable, CrashKind } from "./actor-table";
import type { Kernel } from "./kernel";
import type { SimActor } from "./sim-actor";
import type { SimEvent } from "./sim-event";
import type { ActorPredicate, SimNetwork } from "./sim-network";

/** A set of actors: everyone in a zone, or actors by name. */
export type Group = { readonly zone: string } | { readonly actors: readonly string[] };

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
  ) {}

  end(): void {
    if (!this.active) return;
    this.active = false;
    this.endEvent?.cancel();
    this.faults.ended(this);
    this.undo();
  }
}

const INACTIVE = (label: string): FaultHandle => ({ label, active: false, end() {} });

export class Faults {
  private readonly inForce: ActiveFault[] = [];
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

  crash(actorName: string, options: CrashOptions = {}): FaultHandle {
    const actor = this.actor(actorName);
    const kind = options.kind ?? "process";
    const label = `crash ${actor.name} ${kind}`;
    if (this.stopped) return this.ignored(label);
    if (!actor.up) return INACTIVE(label);
    this.actors.crash(actor, kind);
    return this.begin(label, () => this.actors.restart(actor), options.restartAfterMs, false);
  }

  /** Boots a crashed actor now (or when its zone has power again). */
  restart(actorName: string): void {
    this.actors.restart(this.actor(actorName));
  }

  powerLoss(zone: string, timing: FaultTiming = {}): FaultHandle {
    const label = `power-loss zone:${zone}`;
    if (this.stopped) return this.ignored(label);
    if (this.actors.isZoneDown(zone)) return INACTIVE(label);
    const handle = this.begin(label, () => this.actors.powerOn(zone), timing.forMs);
    this.actors.powerOff(zone);
    return handle;
  }

  /** Cuts `group` off from every actor outside it. */
  isolate(group: Group, options: CutOptions = {}): FaultHandle {
    const inside = this.predicate(group);
    return this.cut(`isolate ${describeGroup(group)}`, inside, (a) => !inside(a), options);
  }

  partition(a: Group, b: Group, options: CutOptions = {}): FaultHandle {
    return this.cut(`partition ${describeGroup(a)}|${describeGroup(b)}`, this.predicate(a), this.predicate(b), options);
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
    return this.begin(label, () => disk.unstall(), timing.forMs);
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

  private cut(label: string, from: ActorPredicate, to: ActorPredicate, options: CutOptions): FaultHandle {
    const fullLabel = options.oneWay ? `${label} one-way` : label;
    if (this.stopped) return this.ignored(fullLabel);
    const c = { from, to, oneWay: options.oneWay === true };
    this.network.addCut(c);
    return this.begin(fullLabel, () => this.network.removeCut(c), options.forMs);
  }

  private begin(label: string, undo: () => void, forMs: number | undefined, announce = true): FaultHandle {
    const f = new ActiveFault(this, label, undo, announce);
    this.inForce.push(f);
    if (announce) this.note(`${label} begin`);
    if (forMs !== undefined) {
      if (!Number.isSafeInteger(forMs) || forMs < 0) throw new RangeError(`${label}: forMs must be an integer ≥ 0, got ${forMs}`);
      f.endEvent = this.kernel.internal(forMs, `end ${label}`, () => f.end());
    }
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

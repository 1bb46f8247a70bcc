/**
 * The ports: every way a component of the runtime touches time, chance, other actors or storage.
 * Components take an {@link Env} (or, inside an actor, an {@link ActorContext}) and never reach for
 * `Date.now`, `Math.random`, `setTimeout` or `fs` themselves. The simulator (`runtime/sim`) and the
 * real world (`runtime/real`) implement the same interfaces, so one component runs in both.
 *
 * Everything is callback-based and synchronous on purpose: a `Promise` continuation runs in a
 * microtask the simulator does not schedule, which would put part of the interleaving outside the
 * (time, sequence) order the seed controls. Components are written as state machines, as in
 * TigerBeetle and FoundationDB's simulated processes.
 */
import type { Ratio } from "./ratio";

/** Virtual (sim) or wall (real) time in integer milliseconds. */
export interface Clock {
  /** Milliseconds since the start of the run (sim) or since the Unix epoch (real). Integer. */
  nowMs(): number;
}

/**
 * A seeded stream of random numbers. Streams form a tree: `fork(name)` derives a child from the
 * root seed and the path of names alone, so a component added tomorrow gets its own stream and
 * changes no draw of any existing one.
 */
export interface Random {
  /** Where this stream sits in the tree, e.g. `actor/db-1`; logged with failures. */
  readonly path: string;
  /** The child stream `name`; the same name always returns the same stream object. */
  fork(name: string): Random;
  /** A uniform unsigned 32-bit integer. */
  uint32(): number;
  /** A uniform integer in `0 .. maxExclusive - 1`, without modulo bias; maxExclusive ≤ 2^32. */
  int(maxExclusive: number): number;
  /** A uniform integer in `min .. maxInclusive`. */
  between(min: number, maxInclusive: number): number;
  /** True with exactly the probability `ratio` (no floating point involved). */
  chance(ratio: Ratio): boolean;
  /** A uniform float in [0, 1) with 32 bits of precision; prefer `int`/`chance` for decisions. */
  float(): number;
  /** A uniformly chosen element; throws on an empty list. */
  pick<T>(items: readonly T[]): T;
  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
  /**
   * An integer number of milliseconds from an exponential distribution with mean `meanMs`, capped
   * at `maxMs` (every delay has a limit). Models latencies and times between independent faults.
   */
  exponentialMs(meanMs: number, maxMs: number): number;
}

/** A scheduled callback; cancelling an already-fired or cancelled timer does nothing. */
export interface TimerHandle {
  cancel(): void;
}

export interface TimerOptions {
  /**
   * A background timer (a heartbeat, a probe) does not keep the simulation busy: `runUntilQuiet`
   * returns when only background timers remain.
   * @default false - the timer counts as pending work
   */
  readonly background?: boolean;
  /**
   * The only state the callback changes (one database pair, say), so checkers that judge per
   * scope look at that one alone after it runs (`StepFootprint`). Omit it when the callback may
   * change anything else, the world included; the real runtime ignores it.
   * @default - the callback may change anything
   */
  readonly scope?: object;
}

/**
 * Timers owned by whoever holds the port. An actor's timers die with the actor: a crash cancels
 * every timer of that incarnation, as a process crash loses its event loop.
 */
export interface Timers {
  /** Runs `callback` once, `delayMs` (an integer ≥ 0) from now; `label` names it in the trace. */
  after(delayMs: number, label: string, callback: () => void, options?: TimerOptions): TimerHandle;
  /** Runs `callback` every `periodMs` (an integer ≥ 1), first after one period, until cancelled. */
  every(periodMs: number, label: string, callback: () => void, options?: TimerOptions): TimerHandle;
}

/**
 * The trace port: one line per event, so two runs of a seed can be diffed. A component records the
 * domain events a checker needs (`ack`, `elected`, `promoted`); checkers subscribe to them.
 */
export interface Trace {
  /** False when nothing listens (no trace, no checker): skip building expensive details. */
  readonly enabled: boolean;
  /**
   * Records an event of `kind` (one word, e.g. `elected`) about this port's subject (the actor).
   * `detail` is the rest of the trace line (`term=3 version=7`; no newlines); `data` is handed to
   * checkers as is and is not part of the trace text.
   */
  record(kind: string, detail?: string, data?: unknown): void;
  /** The same trace with another subject, for a component that is not an actor. */
  scoped(subject: string): Trace;
}

/**
 * BUGGIFY (FoundationDB): `if (env.buggify("stale-read")) …` enables a rare code path, only in
 * simulation and only during the fault phase. Each site is switched on or off once per run (from
 * the seed), then fires with `fire` (default 1/4) each time it is evaluated while on. In real mode
 * it is always false.
 */
export type Buggify = (site: string, fire?: Ratio) => boolean;

/**
 * A coverage point: `sometimes("promotion during re-pair", cond)` records that the rare situation
 * was (or was not) reached; campaigns merge the counts across seeds and report points never hit.
 * Returns `condition`, so it can wrap an `if`.
 */
export type Sometimes = (id: string, condition?: boolean) => boolean;

/**
 * A block device with a volatile write cache, the way a file behaves under the OS page cache:
 * `write` is visible to `read` at once but survives a power loss only once a later `sync` has
 * completed. A process crash keeps unsynced writes (the kernel still holds them); a power loss may
 * lose, keep or tear each unsynced sector. Reads and writes are synchronous (they hit the cache);
 * only `sync` takes time, so a stalled disk shows up where real systems feel it: in fsync.
 */
export interface Disk {
  readonly sectorSizeBytes: number;
  readonly sectorCount: number;
  /** Bytes of `count` sectors from `sector` (a copy); never-written sectors read as zeros. */
  read(sector: number, count?: number): Uint8Array;
  /** Writes whole sectors from `sector`; `data.length` must be a multiple of the sector size. */
  write(sector: number, data: Uint8Array): void;
  /**
   * Makes every write issued before this call durable, then calls `onDurable` (not called if the
   * caller's actor crashed meanwhile). Writes issued after the call are not covered.
   */
  sync(onDurable?: () => void): void;
}

export interface DiskGeometry {
  /**
   * Bytes per sector, the unit that a power loss keeps, loses or tears.
   * @default 4096
   */
  readonly sectorSizeBytes?: number;
  /**
   * Sectors on the device; writing past the end throws.
   * @default 262144 (1 GiB of 4 KiB sectors; storage is sparse, only written sectors use memory)
   */
  readonly sectorCount?: number;
}

/** How other code sees an actor. */
export interface ActorRef {
  /** Unique name, e.g. `db/C1/leader`; messages are addressed by it. */
  readonly name: string;
  /** Availability Zone (or any failure domain) the actor runs in; zone faults hit all its actors. */
  readonly zone: string;
  /** True while the actor runs (not crashed, not retired). */
  readonly up: boolean;
  /** 1 for the first boot, +1 per restart: lets traces and checkers tell lives apart. */
  readonly incarnation: number;
}

/** What an actor does with a message. `from` is the sender's name. */
export interface ActorBehavior<M = unknown> {
  receive(message: M, from: string): void;
}

/** Messages between actors. Sim: latency, loss, duplication and partitions; real: in-process. */
export interface Network<M = unknown> {
  /** Sends `message` to the actor named `to`; delivery is never guaranteed (design for loss). */
  send(to: string, message: M): void;
}

/**
 * The ports of one actor incarnation. Volatile state lives in the behavior object `boot` returns;
 * a crash discards it, and the next `boot` rebuilds from what the disks kept.
 */
export interface ActorContext<M = unknown> {
  readonly self: ActorRef;
  /** The incarnation these ports belong to; a later incarnation gets new ports. */
  readonly incarnation: number;
  readonly clock: Clock;
  /** The actor's stream `actor/<name>`, continuing across restarts. */
  readonly random: Random;
  /** Timers cancelled when this incarnation crashes. */
  readonly timers: Timers;
  readonly network: Network<M>;
  /** Trace whose subject is this actor. */
  readonly trace: Trace;
  readonly buggify: Buggify;
  readonly sometimes: Sometimes;
  /** The actor's disk `name` (created on first use); it outlives crashes of the actor. */
  disk(name: string, geometry?: DiskGeometry): Disk;
}

export interface ActorSpec<M = unknown> {
  /** Availability Zone (failure domain), e.g. `us-east-1a`. */
  readonly zone: string;
  /** Builds the behavior of a fresh incarnation; called at spawn and after every restart. */
  readonly boot: (ctx: ActorContext<M>) => ActorBehavior<M>;
}

/**
 * The world a subsystem lives in; subsystems take it as their constructor argument
 * (`new FailoverController(env, options)`) and register their actors with `spawn`.
 */
export interface Env {
  readonly mode: "sim" | "real";
  readonly clock: Clock;
  /**
   * The application's stream (`app`); a subsystem forks its own (`env.random.fork("database")`).
   * The kernel's streams (`actor`, `network`, `disk`, `chaos`, `buggify`, `swarm`) sit beside it,
   * so application code can never draw from, or shift, the fault schedule.
   */
  readonly random: Random;
  /** World timers: owned by no actor, so no fault cancels them. */
  readonly timers: Timers;
  /** Trace with subject `world`; use `scoped(name)` for a non-actor component. */
  readonly trace: Trace;
  readonly buggify: Buggify;
  readonly sometimes: Sometimes;
  /** Starts an actor named `name` (unique; throws if taken) and returns its handle. */
  spawn<M>(name: string, spec: ActorSpec<M>): ActorRef;
  /** The actor named `name`, if one was spawned. */
  actor(name: string): ActorRef | undefined;
  /** Stops an actor for good (a decommissioned instance); messages to it are dropped. */
  retire(name: string): void;
}

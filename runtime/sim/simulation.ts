/**
 * A deterministic simulation: one seed, one virtual clock, one event order.
 *
 *     const sim = new Simulation({ seed: 42, scenario: "az-outage" });
 *     sim.env.spawn("db-a", { zone: "us-east-1a", boot: (ctx) => new Replica(ctx) });
 *     sim.checkers.add(oneCoordinator(...));
 *     sim.at(60_000, "AZ a loses power for 30 min", () => sim.faults.powerLoss("us-east-1a", { forMs: 1_800_000 }));
 *     const report = sim.run({ faultPhaseMs: 3_600_000, quietPhaseMs: 600_000 });
 *
 * A run has two phases. In the fault phase, scheduled faults and chaos happen and BUGGIFY sites
 * fire; safety invariants are checked after every event. `beginQuietPhase` ends every fault
 * (partitions heal, zones regain power, crashed actors restart), stops chaos and BUGGIFY, and the
 * system must converge: liveness invariants are checked once, when the run finishes.
 *
 * Determinism: given the same seed, options and code, every event happens at the same virtual
 * time in the same order, so the trace (and its hash) is byte-identical. Nothing here reads the
 * wall clock or `Math.random`; the only sources of variation are the seeded streams.
 */

import { ActorTable } from "./actor-table";
import { BuggifySwitch } from "./buggify";
import { Chaos } from "./chaos";
import { Checkers } from "./checkers";
import { Coverage, type CoverageRecord } from "./coverage";
import { type FaultHandle, Faults } from "./faults";
import { Kernel } from "./kernel";
import type { ActorRef, ActorSpec, Clock, Env, Sometimes, TimerHandle, Timers } from "./ports";
import { SeededRandom } from "./random";
import type { RunReport } from "./run-report";
import type { SimActor } from "./sim-actor";
import { SimActorContext } from "./sim-actor-context";
import { EventKind, type SimEvent } from "./sim-event";
import { SimNetwork } from "./sim-network";
import { SimTimers } from "./sim-timers";
import { SimTrace } from "./sim-trace";
import { knobLines, type ResolvedOptions, resolveOptions, type SimulationOptions } from "./simulation-options";
import { TraceRecorder } from "./trace-recorder";

/** `fault`: faults and BUGGIFY active. `quiet`: all healed, the system must converge. */
export type Phase = "fault" | "quiet";

/** The Env of a simulation, plus the fault injector for scenario code and test harnesses. */
export interface SimEnv extends Env {
  readonly mode: "sim";
  readonly faults: Faults;
}

export interface RunPhases {
  /** Virtual time with faults, chaos and BUGGIFY, from now. */
  readonly faultPhaseMs: number;
  /** Virtual time after every fault ended, before liveness is judged. */
  readonly quietPhaseMs: number;
}

export interface Within {
  /** Give up after this much virtual time from now. */
  readonly withinMs: number;
}

export class Simulation {
  readonly seed: number;
  readonly scenario: string;
  /** Every knob after defaults, as logged at the top of the trace. */
  readonly options: ResolvedOptions;
  /** What subsystems take as their environment. */
  readonly env: SimEnv;
  /** Fault injection for scenarios: crash, power loss, partitions, slow links, disk stalls. */
  readonly faults: Faults;
  /** Random faults during the fault phase (configured by `options.chaos`). */
  readonly chaos: Chaos;
  /** Invariants: register before running. */
  readonly checkers = new Checkers();

  private readonly kernel: Kernel;
  private readonly recorder: TraceRecorder;
  private readonly actors: ActorTable;
  private readonly network: SimNetwork;
  private readonly buggify: BuggifySwitch;
  private readonly coverageCounts = new Coverage();
  private readonly worldTimers: Timers;
  private currentPhase: Phase | "setup" = "setup";
  private finished = false;

  constructor(options: SimulationOptions) {
    const o = resolveOptions(options);
    this.options = o;
    this.seed = o.seed;
    this.scenario = o.scenario;
    const root = new SeededRandom(o.seed);
    this.recorder = new TraceRecorder(o.trace);
    const kernel = new Kernel(
      this.recorder,
      this.checkers,
      o.limits,
      { seed: o.seed, scenario: o.scenario, replay: o.replay },
      o.stopOnViolation,
    );
    this.kernel = kernel;
    this.recorder.write(0, 0, "seed", "world", `seed=${o.seed} scenario=${o.scenario}`);
    for (const line of knobLines(o)) this.recorder.write(0, 0, "knob", "world", line);

    const clock: Clock = { nowMs: () => kernel.nowMs };
    this.buggify = new BuggifySwitch(o.buggify, root.fork("buggify"), this.coverageCounts);
    const sometimes: Sometimes = (id, condition = true) => this.coverageCounts.note(id, condition);
    const byName = new Map<string, SimActor>();
    this.network = new SimNetwork(kernel, o.network, byName, o.describeMessage);
    const services = {
      kernel,
      clock,
      network: this.network,
      buggify: this.buggify.evaluate,
      sometimes,
      diskOptions: o.disk,
      diskRandom: root.fork("disk"),
    };
    // One name → actor map, filled by the table and read by the network.
    this.actors = new ActorTable(kernel, root, byName, (actor) => new SimActorContext(actor, services));
    this.faults = new Faults(kernel, this.actors, this.network);
    this.chaos = new Chaos(o.chaos, kernel, this.actors, this.faults, root.fork("chaos"));
    this.worldTimers = new SimTimers(kernel, null, 0);

    const actors = this.actors;
    this.env = {
      mode: "sim",
      clock,
      random: root.fork("app"),
      timers: this.worldTimers,
      trace: new SimTrace(kernel, "world"),
      buggify: this.buggify.evaluate,
      sometimes,
      faults: this.faults,
      spawn: <M>(name: string, spec: ActorSpec<M>): ActorRef => actors.spawn(name, spec as unknown as ActorSpec<unknown>),
      actor: (name) => actors.byName.get(name),
      retire: (name) => {
        const a = actors.byName.get(name);
        if (!a) throw new RangeError(`no actor named "${name}" to retire`);
        actors.retire(a);
      },
    };
  }

  /** Virtual time now, integer milliseconds since the start. */
  get nowMs(): number {
    return this.kernel.nowMs;
  }

  /** Kernel events processed so far. */
  get step(): number {
    return this.kernel.step;
  }

  get phase(): Phase | "setup" {
    return this.currentPhase;
  }

  /** The failure that stopped the run, if any. */
  get failure() {
    return this.kernel.failure;
  }

  /** Non-background events pending (0 = quiescent). */
  get pendingEvents(): number {
    return this.kernel.foreground;
  }

  /** Shorthand for `env.spawn`. */
  spawn<M>(name: string, spec: ActorSpec<M>): ActorRef {
    return this.env.spawn(name, spec);
  }

  /** Runs `action` at absolute virtual time `atMs` (a scenario step: "at t=60 s, AZ a loses power"). */
  at(atMs: number, label: string, action: () => void): TimerHandle {
    if (!Number.isSafeInteger(atMs) || atMs < this.kernel.nowMs)
      throw new RangeError(`at("${label}"): ${atMs} ms is not an integer time ≥ now (${this.kernel.nowMs} ms)`);
    return this.kernel.schedule(EventKind.At, atMs, null, label, action);
  }

  /** Runs `action` `delayMs` from now. */
  after(delayMs: number, label: string, action: () => void): TimerHandle {
    return this.at(this.kernel.nowMs + delayMs, label, action);
  }

  /** Advances virtual time by `durationMs`, processing every event due; false if the run failed. */
  runFor(durationMs: number): boolean {
    this.enterFaultPhase();
    this.kernel.runUntil(this.kernel.nowMs + durationMs, undefined, this.dispatch);
    return this.kernel.failure === undefined;
  }

  /** Runs until `condition()` holds after an event; false if it did not within the time (or the run failed). */
  runUntil(condition: () => boolean, within: Within): boolean {
    this.enterFaultPhase();
    if (condition()) return true;
    return this.kernel.runUntil(this.kernel.nowMs + within.withinMs, condition, this.dispatch);
  }

  /** Runs until only background work (heartbeats, chaos) is pending; false if that did not happen in time. */
  runUntilQuiet(within: Within): boolean {
    const k = this.kernel;
    return this.runUntil(() => k.foreground === 0, within);
  }

  /**
   * Ends the fault phase: every fault ends, every zone regains power, every crashed actor restarts,
   * chaos and BUGGIFY stop, and later fault calls are ignored.
   */
  beginQuietPhase(): void {
    this.enterFaultPhase();
    if (this.currentPhase === "quiet") return;
    this.currentPhase = "quiet";
    this.kernel.emit("phase", "world", "quiet");
    this.chaos.stop();
    this.buggify.armed = false;
    try {
      // Restarts boot actors here, outside the event loop: a boot that throws is still a crash failure.
      this.faults.endAll();
    } catch (err) {
      this.kernel.crash(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
    }
    this.faults.stopped = true;
  }

  /** Checks liveness (once) and returns the report. */
  finish(): RunReport {
    if (!this.finished && this.kernel.failure === undefined) {
      this.finished = true;
      const v = this.checkers.atEnd(this.kernel.step, this.kernel.nowMs);
      if (v) this.kernel.violated(v);
    }
    return this.report();
  }

  /** The standard run: fault phase, quiet phase, liveness. */
  run(phases: RunPhases): RunReport {
    this.runFor(phases.faultPhaseMs);
    this.beginQuietPhase();
    this.runFor(phases.quietPhaseMs);
    return this.finish();
  }

  /** The result so far (see {@link RunReport}). */
  report(): RunReport {
    const failure = this.kernel.failure;
    return {
      seed: this.seed,
      scenario: this.scenario,
      virtualDurationMs: this.kernel.nowMs,
      events: this.kernel.step,
      traceHash: this.recorder.digest(),
      invariants: this.checkers.results(),
      ok: failure === undefined,
      ...(failure ? { failure } : {}),
      coverage: this.coverageCounts.record(),
    };
  }

  /** Hex SHA-256 of the trace so far; null when tracing is off. */
  traceHash(): string | null {
    return this.recorder.digest();
  }

  /** Coverage of `sometimes` points and BUGGIFY sites so far. */
  coverage(): CoverageRecord {
    return this.coverageCounts.record();
  }

  /** BUGGIFY sites switched on in this run. */
  buggifiedSites(): string[] {
    return this.buggify.activeSites();
  }

  /** Faults in force now. */
  activeFaults(): readonly FaultHandle[] {
    return this.faults.active();
  }

  private enterFaultPhase(): void {
    if (this.currentPhase !== "setup") return;
    this.currentPhase = "fault";
    this.kernel.emit("phase", "world", "fault");
    this.chaos.start();
  }

  private readonly dispatch = (e: SimEvent): void => {
    const k = this.kernel;
    switch (e.kind) {
      case EventKind.Timer:
        if (k.recording) k.emit("timer", e.owner === null ? "world" : e.owner.name, e.label);
        (e.callback as () => void)();
        return;
      case EventKind.Deliver:
        this.network.deliver(e);
        return;
      case EventKind.At:
        if (k.recording) k.emit("at", "world", e.label);
        (e.callback as () => void)();
        return;
      default:
        (e.callback as () => void)();
    }
  };
}

/**
 * The event loop at the heart of a simulation: virtual clock, (atMs, seq)-ordered queue, step
 * counter, the emit path shared by the trace and the checkers, and the first failure. Everything
 * else (actors, network, disks, faults) schedules through `schedule` and reports through `emit`.
 */
import type { Checkers, DetectedViolation } from "./checkers";
import { EventQueue } from "./event-queue";
import { type EventHost, EventKind, type OwnerRef, SimEvent } from "./sim-event";
import type { FailureKind, SimFailure } from "./sim-failure";
import { Footprint } from "./step-footprint";
import type { TraceRecorder } from "./trace-recorder";

/** Bounds on a run, so a runaway system fails fast with a `crash` failure instead of hanging. */
export interface SimLimits {
  /**
   * Kernel events one simulation may process.
   * @default 200000000
   */
  readonly eventsMax: number;
  /**
   * Events within one virtual millisecond; more means a zero-delay loop that never lets time advance.
   * @default 1000000
   */
  readonly eventsPerMsMax: number;
  /**
   * Events waiting in the queue at once.
   * @default 10000000
   */
  readonly queuedEventsMax: number;
}

export const LIMIT_DEFAULTS: SimLimits = { eventsMax: 200_000_000, eventsPerMsMax: 1_000_000, queuedEventsMax: 10_000_000 };

/** Identity of the run, for failures. */
export interface RunIdentity {
  readonly seed: number;
  readonly scenario: string;
  readonly replay: string;
}

export class Kernel implements EventHost {
  nowMs = 0;
  step = 0;
  failure: SimFailure | undefined;
  /** Non-background events pending (quiescence is this reaching 0). */
  foreground = 0;
  private seq = 0;
  private eventsThisMs = 0;
  private readonly queue = new EventQueue<SimEvent>();
  /** What the events since the last after-event check may have changed. */
  private readonly footprint = new Footprint();

  constructor(
    readonly trace: TraceRecorder,
    readonly checkers: Checkers,
    readonly limits: SimLimits,
    private readonly identity: RunIdentity,
    /** Whether the first violation ends the run. */
    private readonly stopOnViolation: boolean,
  ) {}

  /** True when someone reads events: build details only then. */
  get recording(): boolean {
    return this.trace.enabled || this.checkers.observing;
  }

  /** Live events in the queue. */
  get queued(): number {
    return this.queue.size;
  }

  /** Queues a new event at absolute time `atMs` (≥ now). */
  schedule(
    kind: EventKind,
    atMs: number,
    owner: OwnerRef | null,
    label: string,
    callback: (() => void) | null,
    periodMs = 0,
    background = false,
    message: unknown = undefined,
    from = "",
  ): SimEvent {
    const e = new SimEvent(this, kind, owner, owner ? owner.incarnation : 0, label, callback, periodMs, background, message, from);
    e.atMs = atMs;
    this.enqueue(e);
    return e;
  }

  /** A callback for `delayMs` from now that writes its own trace line (faults, syncs, chaos). */
  internal(delayMs: number, label: string, callback: () => void, background = false): SimEvent {
    return this.schedule(EventKind.Internal, this.nowMs + delayMs, null, label, callback, 0, background);
  }

  onCancel(e: SimEvent): void {
    if (!e.inQueue) return;
    if (!e.background) this.foreground--;
    this.queue.noteCancelled();
  }

  /** Writes a trace line and feeds the checkers; the single path every event takes. */
  emit(kind: string, subject: string, detail: string, data?: unknown): void {
    this.trace.write(this.nowMs, this.step, kind, subject, detail);
    if (this.checkers.observing) {
      const v = this.checkers.observe({ step: this.step, atMs: this.nowMs, kind, subject, detail, data });
      if (v) this.violated(v);
    }
  }

  /**
   * Processes events due at or before `untilMs` until `stop` (checked after each event) says so.
   * Returns true when `stop` ended the loop. Time advances to `untilMs` when the loop ran out of
   * events before it (so a quiet stretch still takes virtual time).
   */
  runUntil(untilMs: number, stop: (() => boolean) | undefined, dispatch: (e: SimEvent) => void): boolean {
    const queue = this.queue;
    const checkers = this.checkers;
    const footprint = this.footprint;
    // Anything may have changed since the loop last ran (setup, healing, a test's own code).
    footprint.everything = true;
    while (this.failure === undefined) {
      if (queue.peekAtMs() > untilMs) break;
      const e = queue.pop();
      if (e === undefined) break;
      e.inQueue = false;
      if (!e.background) this.foreground--;
      const owner = e.owner;
      // An event of a crashed incarnation never runs: its process (and event loop) is gone.
      if (owner !== null && e.kind !== EventKind.Deliver && (!owner.up || owner.incarnation !== e.incarnation)) continue;
      if (e.atMs !== this.nowMs) {
        this.nowMs = e.atMs;
        this.eventsThisMs = 0;
      } else if (++this.eventsThisMs > this.limits.eventsPerMsMax) {
        this.crash(`more than ${this.limits.eventsPerMsMax} events at t=${this.nowMs} ms: a zero-delay loop keeps time from advancing`);
        break;
      }
      if (++this.step > this.limits.eventsMax) {
        this.crash(`more than ${this.limits.eventsMax} events (limits.eventsMax): the run does not end`);
        break;
      }
      if (e.periodMs === 0) e.cancelled = true; // fired: a later cancel() is a no-op
      footprint.enter(e.scope);
      try {
        dispatch(e);
      } catch (err) {
        this.crash(describeThrown(err));
        break;
      }
      if (e.periodMs > 0 && !e.cancelled && (owner === null || (owner.up && owner.incarnation === e.incarnation))) {
        e.atMs = this.nowMs + e.periodMs;
        this.enqueue(e);
      }
      if (checkers.stepping) {
        const v = checkers.afterEvent(this.step, this.nowMs, footprint);
        if (v) this.violated(v);
      }
      footprint.clear();
      if (stop?.()) return true;
    }
    if (this.failure === undefined && untilMs !== Number.POSITIVE_INFINITY && this.nowMs < untilMs) this.nowMs = untilMs;
    return false;
  }

  /** Records a violation; ends the run when configured to stop at the first one. */
  violated(v: DetectedViolation): void {
    this.emit("violation", "world", `id=${v.invariant} ${v.message}`);
    if (this.stopOnViolation && this.failure === undefined) this.fail(v.kind, v.message, v.invariant);
  }

  /** The system under test (or a kernel limit) failed: stop the run. */
  crash(message: string): void {
    if (this.failure !== undefined) return;
    this.trace.write(this.nowMs, this.step, "failure", "world", `kind=crash ${message.split("\n", 1)[0]}`);
    this.fail("crash", message, undefined);
  }

  private fail(kind: FailureKind, message: string, invariant: string | undefined): void {
    this.failure = {
      kind,
      seed: this.identity.seed,
      scenario: this.identity.scenario,
      step: this.step,
      atMs: this.nowMs,
      ...(invariant !== undefined ? { invariant } : {}),
      message,
      replay: this.identity.replay,
      traceTail: this.trace.recentLines(),
    };
  }

  private enqueue(e: SimEvent): void {
    if (e.atMs < this.nowMs || !Number.isSafeInteger(e.atMs))
      throw new RangeError(`event "${e.label}" scheduled at ${e.atMs} ms; times are integers ≥ now (${this.nowMs} ms)`);
    if (this.queue.size >= this.limits.queuedEventsMax)
      throw new RangeError(
        `more than ${this.limits.queuedEventsMax} events queued (limits.queuedEventsMax): something schedules without bound`,
      );
    e.seq = this.seq++;
    e.inQueue = true;
    e.cancelled = false;
    if (!e.background) this.foreground++;
    this.queue.push(e, this.nowMs);
  }
}

function describeThrown(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}${err.stack ? `\n${err.stack.split("\n").slice(1, 6).join("\n")}` : ""}`;
  return `threw ${String(err)}`;
}

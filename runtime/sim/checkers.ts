import type { InvariantResult, Violation } from "../contract/emulation-result";
import type { Checker, Verdict } from "./checker";
import type { ObservedEvent } from "./observed-event";
import type { StepFootprint } from "./step-footprint";

/** A violation as the kernel needs it to stop a run. */
export interface DetectedViolation extends Violation {
  readonly invariant: string;
  readonly kind: "correctness" | "liveness";
}

interface Slot {
  readonly checker: Checker;
  checks: number;
  first: Violation | undefined;
}

/**
 * The invariants registered for a run. The simulation feeds it events and steps; it counts checks
 * and keeps the first violation of each invariant.
 */
export class Checkers {
  private readonly slots: Slot[] = [];
  private readonly byId = new Set<string>();
  private eventSlots: Slot[] = [];
  private stepSlots: Slot[] = [];

  /** Registers `checker`; ids must be unique. */
  add(checker: Checker): this {
    if (this.byId.has(checker.id)) throw new Error(`checker id "${checker.id}" is already registered; give each invariant its own id`);
    if (!checker.onEvent && !checker.afterEvent && !checker.atEnd)
      throw new Error(`checker "${checker.id}" has no hook; implement onEvent, afterEvent or atEnd`);
    this.byId.add(checker.id);
    const slot: Slot = { checker, checks: 0, first: undefined };
    this.slots.push(slot);
    if (checker.onEvent) this.eventSlots = [...this.eventSlots, slot];
    if (checker.afterEvent) this.stepSlots = [...this.stepSlots, slot];
    return this;
  }

  /** True when some checker wants to see events (the kernel then builds them). */
  get observing(): boolean {
    return this.eventSlots.length > 0;
  }

  /** True when some checker runs after every event. */
  get stepping(): boolean {
    return this.stepSlots.length > 0;
  }

  /** Feeds one event to the event checkers; returns the first new violation. */
  observe(event: ObservedEvent): DetectedViolation | undefined {
    let found: DetectedViolation | undefined;
    for (const slot of this.eventSlots) {
      slot.checks++;
      const v = (slot.checker.onEvent as (e: ObservedEvent) => Verdict)(event);
      // Record every invariant that failed before choosing which one the step reports: `found ??=`
      // alone would skip recording the later ones, and they would read as held.
      const d = typeof v === "string" ? this.violate(slot, "correctness", event.step, event.atMs, v) : undefined;
      found ??= d;
    }
    return found;
  }

  /** Runs the after-event checkers, telling them what may have changed; returns the first new violation. */
  afterEvent(step: number, atMs: number, changed?: StepFootprint): DetectedViolation | undefined {
    let found: DetectedViolation | undefined;
    for (const slot of this.stepSlots) {
      slot.checks++;
      const v = (slot.checker.afterEvent as (c?: StepFootprint) => Verdict)(changed);
      const d = typeof v === "string" ? this.violate(slot, "correctness", step, atMs, v) : undefined;
      found ??= d;
    }
    return found;
  }

  /** Runs every liveness check once; returns the first violation. */
  atEnd(step: number, atMs: number): DetectedViolation | undefined {
    let found: DetectedViolation | undefined;
    for (const slot of this.slots) {
      if (!slot.checker.atEnd) continue;
      slot.checks++;
      const v = slot.checker.atEnd();
      const d = typeof v === "string" ? this.violate(slot, "liveness", step, atMs, v) : undefined;
      found ??= d;
    }
    return found;
  }

  /** One result per invariant, in registration order. */
  results(): InvariantResult[] {
    return this.slots.map((s) => ({
      id: s.checker.id,
      ok: s.first === undefined,
      checks: s.checks,
      ...(s.first ? { firstViolation: s.first } : {}),
    }));
  }

  private violate(slot: Slot, kind: DetectedViolation["kind"], step: number, atMs: number, message: string): DetectedViolation | undefined {
    // Only the first violation of an invariant is news; repeats would drown it in the report.
    if (slot.first) return undefined;
    slot.first = { atMs, step, message };
    return { invariant: slot.checker.id, kind, atMs, step, message };
  }
}

import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { FirstViolation } from "./containment-watch";

/**
 * A crash containment invariant judged as events arrive: it records its first violation when an
 * event shows it, and reports it after the simulation event that carried it.
 */
export interface EventFedChecker extends Checker {
  /** The first violation recorded from events, if any. */
  readonly recorded: () => string | undefined;
}

/** An event-fed checker of `invariant` over `slot`; `extra` adds a per-step check after the recorded violation. */
export function eventFed(invariant: Invariant, slot: FirstViolation, extra?: () => string | undefined): EventFedChecker {
  return {
    id: invariant.id,
    description: invariant.description,
    recorded: () => slot.value,
    afterEvent: () => slot.value ?? extra?.(),
  };
}

export { FirstViolation };

import type { JobTicket } from "../../processes/application";
import type { Checker } from "../../sim/checker";
import { type Invariant, livenessOf } from "../invariant";

/** A job submitted to a group after its recovery completes with the right result. */
export const invariant: Invariant = {
  id: "crash-containment/fresh-job-after-recovery",
  description: "A job submitted to a group after its recovery completes with the right result.",
  reach: { scenarios: ["group-crash"], when: "the scenario runs its own processing groups, whatever the plan holds" },
};

/**
 * A job submitted to a group after its recovery completes with the right result; a run in which no
 * group recovered says so instead of passing.
 */
export function freshJobAfterRecovery(fresh: readonly JobTicket[], want: number): Checker {
  return livenessOf(invariant, () => {
    const bad = fresh.find((t) => !t.outcome?.ok || t.outcome.result.sum !== want);
    if (bad)
      return `job ${bad.id} on group ${bad.group} after recovery: ${bad.outcome ? (bad.outcome.ok ? `sum ${bad.outcome.result.sum} ≠ ${want}` : bad.outcome.error.message) : "never settled"}`;
    return fresh.length ? undefined : "no group recovered, so no fresh job ran";
  });
}

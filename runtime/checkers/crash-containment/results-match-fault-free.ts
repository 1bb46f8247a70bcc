import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import type { ContainmentWatch } from "./containment-watch";

/** Every job returns the same result as in a fault-free run of the same jobs. */
export const invariant: Invariant = {
  id: "crash-containment/results-match-fault-free",
  description: "Every job returns the same result as in a fault-free run of the same jobs.",
  reach: { scenarios: ["group-crash"], when: "its own processing groups, compared with a fault-free shadow run (az-outage runs none)" },
};

/**
 * Every job that settles both in the run and in its fault-free shadow returns the same result in
 * both.
 */
export function resultsMatchFaultFree(watch: ContainmentWatch): Checker {
  return {
    ...invariant,
    afterEvent() {
      if (!watch.shadow) return undefined;
      for (const [job, p] of watch.comparable()) {
        const { real, shadow } = p;
        if (real && shadow && real.sum !== shadow.sum)
          return `job ${job} of group ${p.group} returned sum ${real.sum}; the fault-free run returned ${shadow.sum}`;
      }
      return undefined;
    },
  };
}

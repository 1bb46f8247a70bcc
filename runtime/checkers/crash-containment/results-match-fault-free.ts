import type { Checker } from "../checker";
import type { ContainmentWatch } from "./containment-watch";

/**
 * proc-I2-results-match-fault-free: every job that settles both in the run and in its fault-free
 * shadow returns the same result in both.
 */
export function resultsMatchFaultFree(watch: ContainmentWatch): Checker {
  return {
    id: "proc-I2-results-match-fault-free",
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

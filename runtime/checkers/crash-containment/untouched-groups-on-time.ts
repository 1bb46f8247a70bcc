import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import type { ContainmentWatch } from "./containment-watch";

/** A job of a group no fault reached completes at the same time as in a fault-free run. */
export const invariant: Invariant = {
  id: "crash-containment/untouched-groups-on-time",
  description: "A job of a group no fault reached completes at the same time as in a fault-free run.",
  reach: { scenarios: ["group-crash"], when: "its own processing groups, compared with a fault-free shadow run (az-outage runs none)" },
};

/**
 * A job of a group no fault, restart or pool pressure reached settles at the same virtual time as
 * in the fault-free shadow, and one settled in either run settles in the other too.
 */
export function untouchedGroupsOnTime(watch: ContainmentWatch): Checker {
  return {
    ...invariant,
    afterEvent() {
      if (!watch.shadow) return undefined;
      const now = watch.app.env.clock.nowMs();
      const pairs = watch.comparable();
      for (const [job, p] of pairs) {
        const { real, shadow } = p;
        if (real && shadow) {
          const first = Math.min(real.atMs, shadow.atMs);
          if (real.atMs !== shadow.atMs && watch.disturbedSince(p.group) > first)
            return `job ${job} of group ${p.group}, which no fault reached, completed at ${real.atMs} ms; the fault-free run at ${shadow.atMs} ms`;
          pairs.delete(job);
          continue;
        }
        const one = real ?? shadow;
        if (one && now > one.atMs && watch.disturbedSince(p.group) > one.atMs)
          return `job ${job} of group ${p.group}, which no fault reached, completed at ${one.atMs} ms ${real ? "here but not in the fault-free run" : "in the fault-free run but not here"} (now ${now} ms)`;
      }
      return undefined;
    },
  };
}

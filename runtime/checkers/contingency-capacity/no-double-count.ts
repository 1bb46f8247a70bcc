import type { ContingencyPool } from "../../capacity/contingency-pool";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** What the checker may read of the cloud: whether an instance holds capacity, and how it runs. */
export interface InstanceView {
  readonly lifecycle: "on-demand" | "spot";
  readonly holdsSlot: boolean;
}

/** Each designated slot is in exactly one state, no instance is counted twice, and a slot with a live lease is never activated. */
export const invariant: Invariant = {
  id: "contingency/no-double-count",
  description:
    "Each designated slot is in exactly one state, no instance is counted twice, and a slot with a live lease is never activated.",
};

/**
 * Each designated slot is in exactly one state and no instance is counted in two; an activated slot
 * runs an on-demand instance (never a tenant's spot instance), and a slot with a live lease is
 * never activated.
 */
export function noDoubleCount(pools: () => readonly ContingencyPool[], instance: (id: string) => InstanceView | undefined): Checker {
  return {
    ...invariant,
    afterEvent() {
      const seen = new Map<string, string>();
      for (const p of pools()) {
        const [problem] = p.partitionProblems();
        if (problem) return problem;
        for (const l of p.leases()) {
          if (l.instanceId === undefined || l.state === "ended") continue;
          const where = seen.get(l.instanceId);
          if (where) return `instance ${l.instanceId} is counted by ${where} and by lease ${l.id}`;
          seen.set(l.instanceId, `lease ${l.id}`);
          if (instance(l.instanceId)?.lifecycle === "on-demand") return `lease ${l.id} runs on on-demand instance ${l.instanceId}`;
        }
      }
      return undefined;
    },
  };
}

import type { ContingencyPool } from "../../capacity/contingency-pool";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** Contingency is never leased beyond what a failover can take back within the notice the policy allows. */
export const invariant: Invariant = {
  id: "contingency/revocable-within-notice",
  description: "Contingency is never leased beyond what a failover can take back within the notice the policy allows.",
};

/**
 * Contingency is never leased beyond what a failover can take back within the notice — every pool
 * can still hand over Σ N of its designations from idle, revocable-leased, revoking, claimed and
 * activated slots, and no lease carries more notice than the pool's policy allows. Checked after
 * every event (pools are a handful of slots).
 */
export function revocable(pools: () => readonly ContingencyPool[]): Checker {
  return {
    ...invariant,
    afterEvent() {
      for (const p of pools()) {
        const [problem] = p.revocabilityProblems();
        if (problem) return problem;
        const long = p.leases().find((l) => l.state !== "ended" && l.noticeMs > p.options.maxNoticeMs);
        if (long)
          return `lease ${long.id} on ${p.az}/${p.type} carries ${long.noticeMs} ms of notice, above the policy's ${p.options.maxNoticeMs} ms`;
      }
      return undefined;
    },
  };
}

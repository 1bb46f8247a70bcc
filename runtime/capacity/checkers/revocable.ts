import type { Checker } from "../../sim/checker";
import type { ContingencyPool } from "../contingency-pool";

/**
 * cap-I3-revocable (seed 001 I3, I4, I11): contingency is never leased beyond what a failover can
 * take back within the notice — every pool can still hand over Σ N of its designations from idle,
 * revocable-leased, revoking, claimed and activated slots, and no lease carries more notice than
 * the pool's policy allows. Checked after every event (pools are a handful of slots).
 */
export function revocable(pools: () => readonly ContingencyPool[]): Checker {
  return {
    id: "cap-I3-revocable",
    afterEvent() {
      for (const p of pools()) {
        const [problem] = p.revocabilityProblems();
        if (problem) return problem;
        const long = p.leases().find((l) => l.state !== "ended" && l.noticeMs > p.options.maxNoticeMs);
        if (long)
          return `lease ${long.id} on ${p.az}/${p.type} carries ${long.noticeMs} ms of notice, above the policy's ${p.options.maxNoticeMs} ms (I4)`;
      }
      return undefined;
    },
  };
}

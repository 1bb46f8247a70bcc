import type { Checker } from "../checker";
import { type CacheWatch, PerRigViolations } from "./cache-watch";

/** cache-I1-acked-commits-survive: a recovery never chooses a point R below a commit already acknowledged to a client. */
export function acknowledgedCommitsSurvive(watch: CacheWatch): Checker & { readonly violations: PerRigViolations } {
  const violations = new PerRigViolations(watch);
  watch.onCacheEvent((rig, e) => {
    if (e.kind === "recovered" && e.ackedCommitLsn > e.outcome.recoveryLsn)
      violations.set(rig, `commit ${e.ackedCommitLsn} was acknowledged but R is ${e.outcome.recoveryLsn}`);
  });
  return { id: "cache-I1-acked-commits-survive", violations, afterEvent: () => violations.first() };
}

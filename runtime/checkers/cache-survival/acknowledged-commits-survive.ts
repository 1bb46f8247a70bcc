import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { type CacheWatch, PerRigViolations } from "./cache-watch";

/** A recovery never chooses a recovery point below a commit already acknowledged to a client. */
export const invariant: Invariant = {
  id: "cache/acknowledged-commits-survive",
  description: "A recovery never chooses a recovery point below a commit already acknowledged to a client.",
};

/**
 * A recovery never chooses a point R below a commit already acknowledged to a client.
 */
export function acknowledgedCommitsSurvive(watch: CacheWatch): Checker & { readonly violations: PerRigViolations } {
  const violations = new PerRigViolations(watch);
  watch.onCacheEvent((rig, e) => {
    if (e.kind === "recovered" && e.ackedCommitLsn > e.outcome.recoveryLsn)
      violations.set(rig, `commit ${e.ackedCommitLsn} was acknowledged but R is ${e.outcome.recoveryLsn}`);
  });
  return { ...invariant, violations, afterEvent: () => violations.first() };
}

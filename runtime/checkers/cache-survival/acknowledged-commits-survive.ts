import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { type CacheWatch, PerRigViolations, type WatchedRig } from "./cache-watch";

/** A recovery never chooses a recovery point below a commit already acknowledged to a client. */
export const invariant: Invariant = {
  id: "cache/acknowledged-commits-survive",
  description: "A recovery never chooses a recovery point below a commit already acknowledged to a client.",
};

/**
 * A recovery never chooses a point R below a commit already acknowledged to a client. The
 * acknowledgements are the clients' own record (each `committed` event as it reaches the client),
 * kept here, not a high-water mark the rig keeps.
 */
export function acknowledgedCommitsSurvive(watch: CacheWatch): Checker & { readonly violations: PerRigViolations } {
  const violations = new PerRigViolations(watch);
  const acked = new Map<WatchedRig, number>();
  watch.onCacheEvent(
    (rig, e) => {
      if (e.kind === "committed") acked.set(rig, Math.max(acked.get(rig) ?? 0, e.lsn));
      const a = acked.get(rig) ?? 0;
      if (e.kind === "recovered" && a > e.outcome.recoveryLsn)
        violations.set(rig, `commit ${a} was acknowledged but R is ${e.outcome.recoveryLsn}`);
    },
    ["committed", "recovered"],
  );
  return { ...invariant, violations, afterEvent: () => violations.first() };
}

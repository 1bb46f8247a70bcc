import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { type CacheWatch, PerRigViolations } from "./cache-watch";

/** A recovery reads no page from storage, beyond the page ids an identifiers-only cache prefetches. */
export const invariant: Invariant = {
  id: "cache/no-storage-reads-in-recovery",
  description: "A recovery reads no page from storage, beyond the page ids an identifiers-only cache prefetches.",
};

/**
 * A recovery reads no page from storage, beyond the persisted ids an identifiers-only cache
 * prefetches.
 */
export function noStorageReadsInRecovery(watch: CacheWatch): Checker & { readonly violations: PerRigViolations } {
  const violations = new PerRigViolations(watch);
  watch.onCacheEvent(
    (rig, e) => {
      if (e.kind === "serving" && e.storageReads > e.prefetchAllowed)
        violations.set(rig, `recovery read ${e.storageReads} pages from storage (allowed ${e.prefetchAllowed})`);
    },
    ["serving"],
  );
  return { ...invariant, violations, afterEvent: () => violations.first() };
}

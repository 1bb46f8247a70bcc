import type { Checker } from "../checker";
import { type CacheWatch, PerRigViolations } from "./cache-watch";

/** cache-I4-no-storage-reads-in-recovery: a recovery reads no page from storage, beyond the persisted ids an identifiers-only cache prefetches. */
export function noStorageReadsInRecovery(watch: CacheWatch): Checker & { readonly violations: PerRigViolations } {
  const violations = new PerRigViolations(watch);
  watch.onCacheEvent((rig, e) => {
    if (e.kind === "serving" && e.storageReads > e.prefetchAllowed)
      violations.set(rig, `recovery read ${e.storageReads} pages from storage (allowed ${e.prefetchAllowed})`);
  });
  return { id: "cache-I4-no-storage-reads-in-recovery", violations, afterEvent: () => violations.first() };
}

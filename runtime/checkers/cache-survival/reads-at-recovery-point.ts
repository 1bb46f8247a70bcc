import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { type CacheWatch, equalBytes, PerRigViolations } from "./cache-watch";

/** Every read returns the page as storage held it at the recovery point, plus every write since. */
export const invariant: Invariant = {
  id: "cache/reads-at-recovery-point",
  description: "Every read returns the page as storage held it at the recovery point, plus every write since.",
};

/**
 * Every read returns the page as storage held it at the recovery point R plus every write since.
 */
export function readsAtRecoveryPoint(watch: CacheWatch): Checker & { readonly violations: PerRigViolations } {
  const violations = new PerRigViolations(watch);
  watch.onCacheEvent(
    (rig, e) => {
      if (e.kind !== "read") return;
      const want = rig.expected(e.page, e.memory.pageSize);
      const r = e.result;
      if (!equalBytes(r.bytes, want))
        violations.set(rig, `read of page ${e.page} (LSN ${r.lsn}, ${r.hit ? "hit" : "miss"}) differs from the expected version`);
    },
    ["read"],
  );
  return { ...invariant, violations, afterEvent: () => violations.first() };
}

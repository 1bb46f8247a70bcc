import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { type CacheWatch, equalBytes, PerRigViolations } from "./cache-watch";

/** Every page a recovery keeps in the cache is byte for byte what storage holds at the recovery point. */
export const invariant: Invariant = {
  id: "cache/kept-equals-storage",
  description: "Every page a recovery keeps in the cache is byte for byte what storage holds at the recovery point.",
};

/**
 * Every slot an eager recovery keeps is byte for byte the page as storage holds it at the recovery
 * point R.
 */
export function keptEqualsStorage(watch: CacheWatch): Checker & { readonly violations: PerRigViolations } {
  const violations = new PerRigViolations(watch);
  watch.onCacheEvent(
    (rig, e) => {
      if (e.kind !== "recovered" || e.mode !== "eager") return;
      const o = e.outcome;
      for (const [page, slot] of o.index) {
        const lsn = e.memory.pageLsn(slot);
        if (lsn > o.recoveryLsn) return violations.set(rig, `slot ${slot} kept page ${page} at LSN ${lsn} > R ${o.recoveryLsn}`);
        const want = rig.expected(page, e.pageSize);
        if (!equalBytes(e.memory.page(slot), want))
          return violations.set(rig, `slot ${slot} kept page ${page} whose bytes differ from storage at R ${o.recoveryLsn}`);
      }
    },
    ["recovered"],
  );
  return { ...invariant, violations, afterEvent: () => violations.first() };
}

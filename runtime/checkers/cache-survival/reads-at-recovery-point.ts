import type { Checker } from "../checker";
import { type CacheWatch, equalBytes, PerRigViolations } from "./cache-watch";

/** cache-I2-reads-at-recovery-point: every read returns the page as storage held it at the recovery point R plus every write since. */
export function readsAtRecoveryPoint(watch: CacheWatch): Checker & { readonly violations: PerRigViolations } {
  const violations = new PerRigViolations(watch);
  watch.onCacheEvent((rig, e) => {
    if (e.kind !== "read") return;
    const want = rig.model.get(e.page) ?? new Uint8Array(e.memory.pageSize);
    const r = e.result;
    if (!equalBytes(r.bytes, want))
      violations.set(rig, `read of page ${e.page} (LSN ${r.lsn}, ${r.hit ? "hit" : "miss"}) differs from the expected version`);
  });
  return { id: "cache-I2-reads-at-recovery-point", violations, afterEvent: () => violations.first() };
}

import type { Checker } from "../checker";
import { type CacheWatch, PerRigViolations } from "./cache-watch";

/** cache-I10-lsns-above-crash: every LSN issued after a crash is above every LSN issued before it. */
export function lsnsAboveCrash(watch: CacheWatch): Checker & { readonly violations: PerRigViolations } {
  const violations = new PerRigViolations(watch);
  watch.onCacheEvent((rig, e) => {
    if (e.kind === "write" && e.lsn <= e.issuedBeforeCrash)
      violations.set(rig, `LSN ${e.lsn} issued after a crash at or below ${e.issuedBeforeCrash}`);
  });
  return { id: "cache-I10-lsns-above-crash", violations, afterEvent: () => violations.first() };
}

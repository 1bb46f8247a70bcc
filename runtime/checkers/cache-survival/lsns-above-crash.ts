import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { type CacheWatch, PerRigViolations } from "./cache-watch";

/** Every log sequence number issued after a crash is above every one issued before it. */
export const invariant: Invariant = {
  id: "cache/lsns-above-crash",
  description: "Every log sequence number issued after a crash is above every one issued before it.",
};

/**
 * Every LSN issued after a crash is above every LSN issued before it.
 */
export function lsnsAboveCrash(watch: CacheWatch): Checker & { readonly violations: PerRigViolations } {
  const violations = new PerRigViolations(watch);
  watch.onCacheEvent((rig, e) => {
    if (e.kind === "write" && e.lsn <= e.issuedBeforeCrash)
      violations.set(rig, `LSN ${e.lsn} issued after a crash at or below ${e.issuedBeforeCrash}`);
  });
  return { ...invariant, violations, afterEvent: () => violations.first() };
}

import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { type CacheWatch, PerRigViolations, type WatchedRig } from "./cache-watch";

/** Every log sequence number issued after a crash is above every one issued before it. */
export const invariant: Invariant = {
  id: "cache/lsns-above-crash",
  description: "Every log sequence number issued after a crash is above every one issued before it.",
};

/**
 * Every LSN issued after a crash is above every LSN issued before it. Judged from the clients'
 * side: the highest LSN any client write was given before each recovery, kept here — not the
 * engine's or storage's own record of what it issued (a superblock reloaded from a file after a
 * power loss may have lost it).
 */
export function lsnsAboveCrash(watch: CacheWatch): Checker & { readonly violations: PerRigViolations } {
  const violations = new PerRigViolations(watch);
  const seen = new Map<WatchedRig, { max: number; beforeRecovery: number }>();
  watch.onCacheEvent(
    (rig, e) => {
      let s = seen.get(rig);
      if (!s) {
        s = { max: 0, beforeRecovery: 0 };
        seen.set(rig, s);
      }
      if (e.kind === "recovered") s.beforeRecovery = s.max;
      if (e.kind !== "write") return;
      if (e.lsn <= s.beforeRecovery)
        violations.set(rig, `LSN ${e.lsn} issued after a recovery, at or below ${s.beforeRecovery} given to a write before it`);
      s.max = Math.max(s.max, e.lsn);
    },
    ["recovered", "write"],
  );
  return { ...invariant, violations, afterEvent: () => violations.first() };
}

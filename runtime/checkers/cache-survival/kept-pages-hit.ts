import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { type CacheWatch, PerRigViolations, type WatchedRig } from "./cache-watch";

/** After a recovery, the first read of each page it kept is served from the cache. */
export const invariant: Invariant = {
  id: "cache/kept-pages-hit",
  description: "After a recovery, the first read of each page it kept is served from the cache.",
};

/**
 * After an eager recovery, the first read of each page it kept (and no miss has evicted since) is
 * answered from the cache: storage served no page while it ran (storage's count, not the engine's
 * own "hit" flag).
 */
export function keptPagesHit(watch: CacheWatch): Checker & { readonly violations: PerRigViolations } {
  const violations = new PerRigViolations(watch);
  const unread = new Map<WatchedRig, { readonly eager: boolean; readonly pages: Set<number> }>();
  watch.onCacheEvent(
    (rig, e) => {
      if (e.kind === "serving") unread.set(rig, { eager: e.mode === "eager", pages: new Set(e.outcome.keptPages) });
      if (e.kind !== "read") return;
      const kept = unread.get(rig);
      if (kept?.pages.delete(e.page) && e.stillCached && kept.eager && e.storageReads > 0)
        violations.set(rig, `page ${e.page} was kept but its first read went to storage`);
    },
    ["serving", "read"],
  );
  return { ...invariant, violations, afterEvent: () => violations.first() };
}

import { SlotState } from "../../cache/layout";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { type CacheWatch, PerRigViolations, type WatchedRig } from "./cache-watch";

/** A cache slot a recovery invalidated comes back only through a fill or write of the new engine. */
export const invariant: Invariant = {
  id: "cache/invalidated-stays-invalid",
  description: "A cache slot a recovery invalidated comes back only through a fill or write of the new engine.",
};

/**
 * A slot a recovery invalidated comes back only through a fill or a write of the new engine's
 * epoch.
 */
export function invalidatedStaysInvalid(watch: CacheWatch): Checker & { readonly violations: PerRigViolations } {
  const violations = new PerRigViolations(watch);
  const invalid = new Map<WatchedRig, Set<number>>();
  watch.onCacheEvent(
    (rig, e) => {
      if (e.kind === "serving") {
        const slots = new Set<number>();
        for (let s = 0; s < e.memory.slotCount; s++) if (e.memory.state(s) === SlotState.INVALID) slots.add(s);
        invalid.set(rig, slots);
        return;
      }
      if (e.kind !== "read" && e.kind !== "write") return;
      const slot = e.slot;
      const slots = invalid.get(rig);
      if (slot === undefined || !slots?.has(slot)) return;
      const m = e.memory;
      if (m.state(slot) !== SlotState.VALID) return;
      slots.delete(slot);
      if (m.writerEpoch(slot) !== e.epoch || m.checkedEpoch(slot) !== e.epoch)
        violations.set(rig, `slot ${slot}, invalidated by the recovery, is VALID again without a fill or write of epoch ${e.epoch}`);
    },
    ["serving", "read", "write"],
  );
  return { ...invariant, violations, afterEvent: () => violations.first() };
}

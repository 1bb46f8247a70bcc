import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** At most one head node acknowledges writes, and a deposed head node's writes are refused. */
export const invariant: Invariant = {
  id: "contingency/one-writer",
  description: "At most one head node acknowledges writes, and a deposed head node's writes are refused.",
};

/**
 * At most one head node acknowledges writes — acknowledgements come only at the volume's current
 * epoch, and a head node of an older epoch that wakes up has its writes refused. Fed by the
 * `attach`, `acked` and `stale-write` lines.
 */
export function singleWriter(): Checker {
  const epochs = new Map<string, number>();
  return {
    ...invariant,
    onEvent(e) {
      if (e.kind !== "contingency") return undefined;
      const d = e.data as { what: string; service: string; epoch?: number; accepted?: boolean };
      if (d.what === "attach" && d.epoch !== undefined) epochs.set(d.service, d.epoch);
      if (d.what === "acked" && d.epoch !== undefined && d.epoch !== epochs.get(d.service))
        return `${d.service}: writes acknowledged at epoch ${d.epoch} while the volume is at epoch ${epochs.get(d.service)}`;
      if (d.what === "stale-write" && d.accepted) return `${d.service}: a deposed head node's write was accepted (${e.detail})`;
      return undefined;
    },
  };
}

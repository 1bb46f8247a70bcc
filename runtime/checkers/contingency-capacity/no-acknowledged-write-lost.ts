import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** When a head node attaches after a failover, every write acknowledged before is readable. */
export const invariant: Invariant = {
  id: "contingency/no-acknowledged-write-lost",
  description: "When a head node attaches after a failover, every write acknowledged before is readable.",
};

/**
 * When a head node attaches after a failover, every write acknowledged before is readable from the
 * copies it can reach. Fed by the `attach` lines.
 */
export function durability(): Checker {
  return {
    ...invariant,
    onEvent(e) {
      if (e.kind !== "contingency") return undefined;
      const d = e.data as { what: string; service: string; acked?: number; readable?: number };
      if (d.what !== "attach" || d.acked === undefined || d.readable === undefined) return undefined;
      return d.readable >= d.acked
        ? undefined
        : `${d.service}: ${d.acked} writes acknowledged before the attach, only ${d.readable} readable after it`;
    },
  };
}

import type { Checker } from "../../sim/checker";

/**
 * cap-I10-durability (seed 001 I10, A8): when a head node attaches after a failover, every write
 * acknowledged before is readable from the copies it can reach. Fed by the `attach` lines.
 */
export function durability(): Checker {
  return {
    id: "cap-I10-durability",
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

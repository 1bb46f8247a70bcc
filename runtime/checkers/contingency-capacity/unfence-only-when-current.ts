import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** A fenced storage copy is unfenced only once it holds the volume's current log position. */
export const invariant: Invariant = {
  id: "contingency/unfence-only-when-current",
  description: "A fenced storage copy is unfenced only once it holds the volume's current log position.",
};

/**
 * A fenced storage copy is unfenced only once it holds the volume's current LSN. Fed by the
 * `unfence` lines.
 */
export function fencing(): Checker {
  return {
    ...invariant,
    onEvent(e) {
      if (e.kind !== "contingency") return undefined;
      const d = e.data as { what: string; service: string; lsn?: number; current?: number };
      if (d.what !== "unfence") return undefined;
      return d.lsn === d.current ? undefined : `${d.service}: a copy was unfenced at LSN ${d.lsn}, the volume is at ${d.current}`;
    },
  };
}

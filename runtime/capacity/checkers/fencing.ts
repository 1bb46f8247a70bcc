import type { Checker } from "../../sim/checker";

/**
 * cap-I13-fencing (seed 001 I13, A11): a fenced storage copy is unfenced only once it holds the
 * volume's current LSN. Fed by the `unfence` lines.
 */
export function fencing(): Checker {
  return {
    id: "cap-I13-fencing",
    onEvent(e) {
      if (e.kind !== "contingency") return undefined;
      const d = e.data as { what: string; service: string; lsn?: number; current?: number };
      if (d.what !== "unfence") return undefined;
      return d.lsn === d.current ? undefined : `${d.service}: a copy was unfenced at LSN ${d.lsn}, the volume is at ${d.current}`;
    },
  };
}

import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../../sim/checker";
import { Cursors } from "./cursor";

/**
 * I8 One outcome: every request ends in exactly one of result, retryable error, fatal error (none
 * left hanging past the client's timeout), and no client reached a cluster that was not coordinating.
 */
export function oneOutcome(pairs: readonly DatabasePair[], nowMs: () => number): Checker {
  const cursors = new Cursors<DatabasePair>();
  const done = new Map<DatabasePair, Set<number>>();
  return {
    id: "db-I8-one-outcome",
    afterEvent() {
      for (const p of pairs) {
        const ids = done.get(p) ?? new Set<number>();
        done.set(p, ids);
        for (const c of cursors.next(p, p.history.completions)) {
          if (ids.has(c.id)) return `${p.spec.database}: request ${c.id} got a second outcome (${c.outcome})`;
          ids.add(c.id);
          if (c.outcome === "ok" && c.viaRole !== "coordinating")
            return `${p.spec.database}: request ${c.id} was answered through ${c.via}, a ${c.viaRole} cluster`;
        }
      }
      return undefined;
    },
    atEnd() {
      for (const p of pairs) {
        const ids = done.get(p) ?? new Set<number>();
        const horizon = nowMs() - p.spec.timing.clientTimeoutMs - p.spec.timing.tickMs;
        const hanging = p.history.invokes.find((i) => i.atMs < horizon && !ids.has(i.id));
        if (hanging) return `${p.spec.database}: request ${hanging.id} sent at ${hanging.atMs} ms has no outcome`;
      }
      return undefined;
    },
  };
}

import type { RecoveryBound } from "../../capacity/contingency-manager";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** After a failover the service serves again within detect + notice + boot + attach, and no failover hangs. */
export const invariant: Invariant = {
  id: "contingency/bounded-recovery",
  description: "After a failover the service serves again within detect + notice + boot + attach, and no failover hangs.",
};

/**
 * When contingency was still revocable within the notice at the trigger, the service serves again —
 * `serving`, or `degraded` (on other capacity: still serving, and no slower for it) — within detect +
 * notice + boot + attach (the timing profile's maxima); and every trigger ends `serving`, `degraded`
 * or `failed` before the run does (never hangs).
 */
export function boundedRecovery(): Checker {
  const open = new Map<string, { atMs: number; limitMs: number | undefined }>();
  return {
    ...invariant,
    onEvent(e) {
      if (e.kind !== "contingency") return undefined;
      const d = e.data as { what: string; service: string; bound?: RecoveryBound; i3?: boolean };
      if (d.what === "trigger") {
        const b = d.bound;
        open.set(d.service, { atMs: e.atMs, limitMs: b && d.i3 ? b.detectMs + b.noticeMs + b.bootMs + b.attachMs : undefined });
        return undefined;
      }
      if (d.what !== "serving" && d.what !== "degraded" && d.what !== "failed") return undefined;
      const t = open.get(d.service);
      open.delete(d.service);
      if (d.what !== "failed" && t?.limitMs !== undefined && e.atMs - t.atMs > t.limitMs)
        return `${d.service} ${d.what === "serving" ? "served" : "served degraded"} ${e.atMs - t.atMs} ms after its trigger, above the bound of ${t.limitMs} ms`;
      return undefined;
    },
    atEnd() {
      const [first] = open.entries();
      return first
        ? `${first[0]}'s failover triggered at ${first[1].atMs} ms never ended (pending: no serving, degraded or failed)`
        : undefined;
    },
  };
}

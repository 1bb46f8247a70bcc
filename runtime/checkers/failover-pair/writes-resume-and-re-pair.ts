import type { DatabasePair } from "../../database/database-pair";
import { writeResumeBoundMs } from "../../database/pair-timing";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** After a coordinator is lost, writes resume within the failover bound, and after the quiet phase the pair is re-paired across two zones. */
export const invariant: Invariant = {
  id: "failover-pair/writes-resume-and-re-pair",
  description:
    "After a coordinator is lost, writes resume within the failover bound, and after the quiet phase the pair is re-paired across two zones.",
};

/**
 * After a coordinator is lost (one fault), writes resume within T_detect + T_promote + T_switch
 * (plus the client's TTL and timeout); after the quiet phase the pair is PAIRED across two zones,
 * both clusters up, and writes are acknowledged.
 */
export function pairLiveness(pairs: readonly DatabasePair[]): Checker {
  return {
    ...invariant,
    atEnd() {
      for (const p of pairs) {
        const cp = p.controlPlane;
        const db = cp.options.database;
        // A pair the plan never gave a standby cannot fail over: say that, not the state's name.
        if (p.spec.noStandby !== undefined && cp.states.every((s) => s.state === "SINGLE"))
          return `${db} has no standby to fail over to: ${p.spec.noStandby}`;
        if (cp.state !== "PAIRED" && cp.state !== "SYNCING") return `pending: ${db} is ${cp.state}, not PAIRED`;
        const s = cp.supporting;
        if (!s?.up || !cp.coordinator.up) return `pending: ${db} has no running coordinator and supporting cluster`;
        if (s.zone === cp.coordinator.zone) return `pending: ${db} is paired within one zone (${s.zone})`;
        const bound = writeResumeBoundMs(p.spec.timing);
        // The bound is for a single-zone fault from PAIRED; after a double fault (another zone's
        // cluster lost before the switch) "unavailable" is allowed.
        for (const f of cp.failovers.filter((x) => x.fromPaired && x.secondFaultAtMs === undefined)) {
          const ackMs = p.history.firstAckAfter(f.detectedAtMs);
          if (ackMs === undefined) return `pending: ${db}: no write acknowledged after the failover of ${f.fromCluster}`;
          if (ackMs - f.lastSeenAtMs > bound)
            return `${db}: writes resumed ${ackMs - f.lastSeenAtMs} ms after ${f.fromCluster} was last seen (bound ${bound} ms)`;
        }
        if (p.history.lastAckAtMs < (p.history.lastCompletionAtMs ?? 0) - bound)
          return `pending: ${db}: no write acknowledged in the last ${bound} ms`;
      }
      return undefined;
    },
  };
}

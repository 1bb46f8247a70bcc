import type { DatabasePair } from "../../database/database-pair";
import { writeResumeBoundMs } from "../../database/pair-timing";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { PairsToJudge } from "./pairs-to-judge";

/** While at most one zone is out, some client gets a write acknowledged at least once per failover bound. */
export const invariant: Invariant = {
  id: "failover-pair/writes-flow-through-one-zone-out",
  description:
    "While at most one zone is out and the pair could serve when it went out, some client gets a write acknowledged at least once per failover bound, judged from the clients' own history.",
};

/**
 * The clients' side of "survives a zone outage": from the moment the world last changed (a zone
 * went out or came back, a cluster's process stopped or started — the simulator's and the mock
 * cloud's view, not the control plane's), while at most one zone is out and every stopped cluster
 * is in it, the gap between write acknowledgements in the clients' history never exceeds the
 * failover bound (detection, promotion, switch, TTL, the client's timeout) plus a probe and two
 * ticks. The promise applies when the pair could serve at that moment: it was paired, or its
 * coordinator was running in an available zone. A second fault restarts the clock; a run whose
 * workload has a request limit is not judged (its clients may simply stop).
 */
export function writesFlowThroughOneZoneOut(pairs: readonly DatabasePair[], nowMs: () => number): Checker {
  const states = new Map<DatabasePair, { key: string; sinceMs: number; judged: boolean }>();
  const judge = new PairsToJudge(pairs);
  return {
    ...invariant,
    afterEvent(changed) {
      const now = nowMs();
      for (const p of judge.select(changed, now)) {
        if (p.spec.workload.requestsMax !== undefined) continue;
        const cp = p.controlPlane;
        let out = "";
        let outZones = 0;
        for (const z of p.spec.zones)
          if (!p.world.zoneAvailable(z)) {
            out += `${z} `;
            outZones++;
          }
        let stopped = "|";
        let strays = 0;
        for (const c of cp.clusters) {
          if (c.status !== "running" || c.up) continue;
          stopped += `${c.name} `;
          if (outZones === 0 ? false : !out.includes(`${c.zone} `)) strays++;
        }
        const key = out + stopped;
        let s = states.get(p);
        if (!s || s.key !== key) {
          const oneDomain = outZones <= 1 && strays === 0 && (outZones === 1 || stopped.split(" ").length <= 2);
          const couldServe =
            cp.state === "PAIRED" || cp.state === "SYNCING" || (cp.coordinator.up && p.world.zoneAvailable(cp.coordinator.zone));
          const next = {
            key,
            sinceMs: now,
            judged: oneDomain && couldServe,
          };
          states.set(p, next);
          s = next;
        }
        // The newest acknowledgement the clients heard (the history's acknowledgements, in order).
        const acks = p.history.acks;
        const lastAckMs = acks.length === 0 ? 0 : acks.atMs(acks.length - 1);
        if (!s.judged) {
          judge.dueAfter(p, Number.POSITIVE_INFINITY);
          continue;
        }
        const t = p.spec.timing;
        const bound = writeResumeBoundMs(t) + t.probeIntervalMs + 2 * t.tickMs;
        const from = Math.max(s.sinceMs, lastAckMs);
        // Unchanged, the pair turns violating once the bound has passed since `from`: judge it then.
        judge.dueAfter(p, from + bound);
        if (now - from > bound) {
          const what = outZones === 0 ? "no zone out" : `${out.trim()} out`;
          return `${cp.options.database}: no write acknowledged to any client for ${now - from} ms (since ${from} ms; bound ${bound} ms) with ${what}; the pair is ${cp.state}`;
        }
      }
      return undefined;
    },
  };
}

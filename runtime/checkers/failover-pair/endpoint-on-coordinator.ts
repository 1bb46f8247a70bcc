import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { PairsToJudge } from "./pairs-to-judge";

/** Outside the switch window, the DNS record and every reachable proxy route to the current coordinator. */
export const invariant: Invariant = {
  id: "failover-pair/endpoint-on-coordinator",
  description: "Outside the switch window, the DNS record and every reachable proxy route to the current coordinator.",
};

/**
 * Outside the switch window (detection and promotion), the endpoint routes to the current
 * coordinator — the DNS record, and every proxy node the control plane reaches. A proxy node whose
 * zone was cut off or dark catches up at the control plane's next probe, so it may lag for one
 * probe interval (plus a switch) after its zone comes back, never longer.
 */
export function endpointOnCoordinator(pairs: readonly DatabasePair[], nowMs: () => number): Checker {
  // Per pair, per zone: since when its proxy has routed somewhere other than the coordinator.
  const staleSince = new Map<DatabasePair, Map<string, number>>();
  const judge = new PairsToJudge(pairs);
  return {
    ...invariant,
    afterEvent(changed) {
      const now = nowMs();
      for (const p of judge.select(changed, now)) {
        const cp = p.controlPlane;
        let stale = staleSince.get(p);
        if (!stale) {
          stale = new Map();
          staleSince.set(p, stale);
        }
        if (cp.state === "DETECTING" || cp.state === "PROMOTING") {
          stale.clear();
          judge.dueAfter(p, Number.POSITIVE_INFINITY);
          continue;
        }
        const want = cp.coordinator.name;
        const ep = p.endpoint;
        if (ep.mode === "dns" && ep.record !== want)
          return `${cp.options.database}: DNS names ${ep.record}, the coordinator is ${want} (${cp.state})`;
        if (ep.mode !== "proxy") continue;
        const grace = p.spec.timing.probeIntervalMs + p.spec.timing.proxySwitchMs.maxMs;
        // Unchanged, the pair turns violating when its oldest stale route outlives the grace: judge it then.
        let due = Number.POSITIVE_INFINITY;
        for (const z of ep.zones) {
          const t = ep.routeFrom(z);
          if (!p.world.zoneAvailable(z) || t === want) {
            stale.delete(z);
            continue;
          }
          const since = stale.get(z) ?? now;
          stale.set(z, since);
          due = Math.min(due, since + grace);
          if (now - since > grace) {
            judge.dueAfter(p, due);
            return `${cp.options.database}: the proxy in ${z} has routed to ${t} for ${now - since} ms; the coordinator is ${want} (${cp.state})`;
          }
        }
        judge.dueAfter(p, due);
      }
      return undefined;
    },
  };
}

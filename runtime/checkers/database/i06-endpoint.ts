import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../../sim/checker";

/**
 * I6 Proxy: outside the switch window (detection and promotion), the endpoint routes to the
 * current coordinator — the DNS record, and every proxy node the control plane reaches. A proxy
 * node whose zone was cut off or dark catches up at the control plane's next probe, so it may lag
 * for one probe interval (plus a switch) after its zone comes back, never longer.
 */
export function endpointOnCoordinator(pairs: readonly DatabasePair[], nowMs: () => number): Checker {
  const staleSince = new Map<string, number>();
  return {
    id: "db-I6-endpoint-on-coordinator",
    afterEvent() {
      const now = nowMs();
      for (const p of pairs) {
        const cp = p.controlPlane;
        if (cp.state === "DETECTING" || cp.state === "PROMOTING") {
          for (const z of p.endpoint.zones) staleSince.delete(`${cp.options.database} ${z}`);
          continue;
        }
        const want = cp.coordinator.name;
        const ep = p.endpoint;
        if (ep.mode === "dns" && ep.record !== want)
          return `${cp.options.database}: DNS names ${ep.record}, the coordinator is ${want} (${cp.state})`;
        if (ep.mode !== "proxy") continue;
        const grace = p.spec.timing.probeIntervalMs + p.spec.timing.proxySwitchMs.maxMs;
        for (const z of ep.zones) {
          const key = `${cp.options.database} ${z}`;
          const t = ep.routeFrom(z);
          if (!p.world.zoneAvailable(z) || t === want) {
            staleSince.delete(key);
            continue;
          }
          const since = staleSince.get(key) ?? now;
          staleSince.set(key, since);
          if (now - since > grace)
            return `${cp.options.database}: the proxy in ${z} has routed to ${t} for ${now - since} ms; the coordinator is ${want} (${cp.state})`;
        }
      }
      return undefined;
    },
  };
}

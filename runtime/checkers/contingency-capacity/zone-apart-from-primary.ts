import type { ContingencyPool } from "../../capacity/contingency-pool";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** A service's contingency capacity is never in its own primary zone. */
export const invariant: Invariant = {
  id: "contingency/zone-apart-from-primary",
  description: "A service's contingency capacity is never in its own primary zone.",
};

/**
 * The contingency zone is none of the service's primary zones — no designation in a pool of its own
 * primary zone — and a replacement starts in the primary zone only on the node-only path,
 * which the manager takes only when that zone is healthy at detection. Fed by the pools and by the
 * `designated` and `starting` lines.
 */
/** What the checker reads of the mock cloud after a roles swap. */
export interface SwapView {
  /** The zone of the cloud's designated capacity held for `service` alone (undefined: none, or shared, or a lent reservation). */
  designatedZoneOf(service: string): string | undefined;
  /** Zones of the running instances that serve `service` now. */
  servingZonesOf(service: string): readonly string[];
}

/**
 * Also judged from the cloud: once the old primary is back and the roles swap (`roles-swapped`), the
 * capacity the cloud designates for the service alone is no longer in the zone its primary now runs
 * in — else one failure of that zone takes both, and the next failover has nowhere designated to go.
 * When the cloud refused capacity in the old primary's zone in that step (it is still recovering),
 * the move may come later; but a failover that starts from a zone the cloud still designates the
 * service's capacity in, after a swap, fails all the same.
 */
export function separation(pools: () => readonly ContingencyPool[], cloud?: SwapView): Checker {
  const primaryOf = new Map<string, string>();
  /** Services whose roles swapped in this step, with the old primary's zone and whether the cloud refused capacity there. */
  const swapped = new Map<string, { readonly az: string; refused: boolean }>();
  /** Services that swapped roles at least once, with when. */
  const everSwapped = new Map<string, number>();
  return {
    ...invariant,
    onEvent(e) {
      if (e.kind === "capacity" && e.detail.startsWith("insufficient-capacity"))
        for (const s of swapped.values()) if (e.subject.startsWith(`${s.az}/`)) s.refused = true;
      if (e.kind !== "contingency") return undefined;
      const d = e.data as { what: string; service: string; az?: string; primaryAz?: string; path?: string; zoneHealthy?: boolean };
      if (d.what === "trigger" && d.az !== undefined && everSwapped.has(d.service) && cloud?.designatedZoneOf(d.service) === d.az)
        return `${d.service}'s head node failed in ${d.az}, where the cloud still designates its contingency capacity although the roles swapped at ${everSwapped.get(d.service)} ms: the failover has no designated capacity to go to`;
      if (d.what === "designated" && d.primaryAz !== undefined) {
        primaryOf.set(d.service, d.primaryAz);
        if (d.az === d.primaryAz) return `${d.service}'s contingency is designated in its primary zone ${d.az}`;
      }
      // Judged once the step that swapped is over (the swap moves the capacity after its line).
      if (d.what === "roles-swapped" && d.az !== undefined) {
        swapped.set(d.service, { az: d.az, refused: false });
        everSwapped.set(d.service, e.atMs);
      }
      if (d.what !== "starting" || d.az === undefined) return undefined;
      const primary = primaryOf.get(d.service);
      if (d.path === "same-zone" && d.zoneHealthy !== true)
        return `${d.service} replaced its head node in ${d.az} on the node-only path while that zone was not healthy`;
      if (d.path !== "same-zone" && d.az === primary)
        return `${d.service} started its replacement in its primary zone ${d.az} on the ${d.path ?? "unknown"} path (only the node-only path may)`;
      return undefined;
    },
    afterEvent() {
      for (const [service, s] of swapped) {
        swapped.delete(service);
        if (s.refused) continue;
        const z = cloud?.designatedZoneOf(service);
        if (z !== undefined && cloud?.servingZonesOf(service).includes(z))
          return `${service}'s roles swapped, yet the cloud still designates its contingency capacity in ${z}, the zone its primary now runs in: a failure of ${z} takes both`;
      }
      for (const p of pools())
        for (const d of p.designations)
          if (d.primaryAz === p.az) return `${d.service} is designated in ${p.az}/${p.type}, its own primary zone`;
      return undefined;
    },
  };
}

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
export function separation(pools: () => readonly ContingencyPool[]): Checker {
  const primaryOf = new Map<string, string>();
  return {
    ...invariant,
    onEvent(e) {
      if (e.kind !== "contingency") return undefined;
      const d = e.data as { what: string; service: string; az?: string; primaryAz?: string; path?: string; zoneHealthy?: boolean };
      if (d.what === "designated" && d.primaryAz !== undefined) {
        primaryOf.set(d.service, d.primaryAz);
        if (d.az === d.primaryAz) return `${d.service}'s contingency is designated in its primary zone ${d.az}`;
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
      for (const p of pools())
        for (const d of p.designations)
          if (d.primaryAz === p.az) return `${d.service} is designated in ${p.az}/${p.type}, its own primary zone`;
      return undefined;
    },
  };
}

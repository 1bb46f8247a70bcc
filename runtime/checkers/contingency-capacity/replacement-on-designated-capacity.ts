import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** A failover that starts with its designation revocable runs on the capacity the cloud holds for it. */
export const invariant: Invariant = {
  id: "contingency/replacement-on-designated-capacity",
  description:
    "A failover or supplement that starts while its designation is revocable runs on the designated capacity the cloud holds for the service, not on general capacity or in another zone.",
};

/** What the checker reads of the mock cloud: the service's designated capacity and what runs in it. */
export interface DesignatedCapacityView {
  /** The cloud's designated capacity (or lent reservation) of a service in its contingency zone, with that zone and type. */
  capacityOf(service: string): { readonly id: string; readonly az: string; readonly type: string } | undefined;
  /** On-demand instances holding a slot of capacity `id` that launched at or after `sinceMs`. */
  onDemandIn(id: string, sinceMs: number): number;
}

/**
 * Judged from the cloud, not the manager's books: when a failover (or a supplement) ends `serving` or
 * `degraded` after a trigger that found the designation fully revocable, an on-demand instance
 * launched since the trigger holds a slot of the service's designated capacity. A lease left running
 * on that capacity (a revocation skipped) leaves no room, so the replacement lands elsewhere and this
 * fails. Exempt: the node-only path (the replacement stays in the healthy primary zone), and a
 * failover during which the cloud refused launches in the contingency zone (an injected capacity
 * error: the capacity was there, the API said no).
 */
export function designatedCapacityUsed(cloud: DesignatedCapacityView): Checker {
  const open = new Map<string, { atMs: number; revocable: boolean; sameZone: boolean; refused: boolean }>();
  return {
    ...invariant,
    onEvent(e) {
      if (e.kind === "capacity" && e.detail.startsWith("insufficient-capacity")) {
        for (const [service, t] of open) {
          const c = cloud.capacityOf(service);
          if (c && e.subject === `${c.az}/${c.type}`) t.refused = true;
        }
        return undefined;
      }
      if (e.kind !== "contingency") return undefined;
      const d = e.data as { what: string; service: string; i3?: boolean; path?: string };
      if (d.what === "trigger") {
        open.set(d.service, { atMs: e.atMs, revocable: d.i3 === true, sameZone: false, refused: false });
        return undefined;
      }
      const t = open.get(d.service);
      if (!t) return undefined;
      if (d.what === "starting" && d.path === "same-zone") t.sameZone = true;
      if (d.what === "failed") open.delete(d.service);
      if (d.what !== "serving" && d.what !== "degraded") return undefined;
      open.delete(d.service);
      const c = cloud.capacityOf(d.service);
      if (!c || !t.revocable || t.sameZone || t.refused) return undefined;
      if (cloud.onDemandIn(c.id, t.atMs) > 0) return undefined;
      return `${d.service} ended ${d.what} at ${e.atMs} ms after a trigger at ${t.atMs} ms that found its designation revocable, yet no instance of it runs on its designated capacity ${c.id} in ${c.az} (the cloud shows none launched there since the trigger)`;
    },
  };
}

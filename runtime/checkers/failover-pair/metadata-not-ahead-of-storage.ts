import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { Cursors } from "./cursor";

/** No cluster's metadata is ahead of storage, and a plan needing version v runs only on a cluster at v or later. */
export const invariant: Invariant = {
  id: "failover-pair/metadata-not-ahead-of-storage",
  description: "No cluster's metadata is ahead of storage, and a plan needing version v runs only on a cluster at v or later.",
};

/**
 * No cluster is ahead of the storage; a plan needing version v ran on a cluster at ≥ v.
 */
export function metadataVersions(pairs: readonly DatabasePair[]): Checker {
  const cursors = new Cursors<DatabasePair>();
  return {
    ...invariant,
    afterEvent() {
      for (const p of pairs) {
        for (const c of p.controlPlane.clusters)
          if (c.metadataVersion > p.storage.latest)
            return `${p.spec.database}: ${c.name} is at version ${c.metadataVersion}, storage at ${p.storage.latest}`;
        for (const c of cursors.next(p, p.history.completions))
          if (c.outcome === "ok" && (c.executorVersion ?? 0) < (c.planVersion ?? 0))
            return `${p.spec.database}: request ${c.id} needed version ${c.planVersion}, ran on ${c.executor} at ${c.executorVersion}`;
      }
      return undefined;
    },
  };
}

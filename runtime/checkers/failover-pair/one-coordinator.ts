import type { ProcessingCluster } from "../../database/cluster";
import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { commitReaders, unread } from "./cursor";
import { PairsToJudge } from "./pairs-to-judge";

/** At most one cluster of a pair coordinates, with an enabled endpoint, at the current epoch, and storage accepts no commit from another epoch. */
export const invariant: Invariant = {
  id: "failover-pair/one-coordinator",
  description:
    "At most one cluster of a pair coordinates, with an enabled endpoint, at the current epoch, and storage accepts no commit from another epoch.",
};

/**
 * At most one cluster believes it coordinates, with an enabled endpoint, at the current epoch; the
 * storage accepts no commit whose epoch differs from the fence, nor one from an epoch the control
 * plane had already left (a zombie's write).
 */
export function oneCoordinator(pairs: readonly DatabasePair[]): Checker {
  const judge = new PairsToJudge(pairs);
  const readers = commitReaders(pairs);
  const known = new Map<DatabasePair, number>();
  return {
    ...invariant,
    afterEvent(changed) {
      for (const p of judge.select(changed)) {
        const cp = p.controlPlane;
        let coordinating = 0;
        for (const c of cp.clusters) if (coordinatesAt(c, cp.epoch)) coordinating++;
        if (coordinating > 1)
          return `${cp.options.database}: ${cp.clusters
            .filter((c) => coordinatesAt(c, cp.epoch))
            .map((c) => `${c.name}(${c.zone})`)
            .join(" and ")} both coordinate at epoch ${cp.epoch}`;
        const before = known.get(p) ?? cp.epoch;
        const storage = p.storage;
        const end = storage.latest;
        for (let i = unread(readers, p, end, () => storage.reader()); i < end; i++) {
          const c = storage.commitAt(i + 1);
          if (c === undefined) throw new Error(`${cp.options.database}: commit ${i + 1} was dropped before one-coordinator read it`);
          if (c.epoch !== c.fence)
            return `${cp.options.database}: commit ${c.seq} by ${c.by} at epoch ${c.epoch} was accepted behind fence ${c.fence}`;
          if (c.epoch < before)
            return `${cp.options.database}: commit ${c.seq} by ${c.by} at epoch ${c.epoch} was accepted after epoch ${before} began`;
        }
        known.set(p, cp.epoch);
      }
      return undefined;
    },
  };
}

/** The cluster believes it coordinates, with an enabled endpoint, at `epoch`. */
function coordinatesAt(c: ProcessingCluster, epoch: number): boolean {
  return c.role === "coordinating" && c.endpointEnabled && c.epoch === epoch && c.status !== "released";
}

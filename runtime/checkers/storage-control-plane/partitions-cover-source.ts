import type { Checker } from "../../sim/checker";
import type { StorageControlPlane } from "../../storage/control/control-plane";
import { type Invariant, safetyOf } from "../invariant";
import type { StorageOracle } from "./storage-oracle";

/** The partitions of one source at one point do not overlap and together hold exactly what the source held. */
export const invariant: Invariant = {
  id: "storage/partitions-cover-source",
  description: "The partitions of one source at one point do not overlap and together hold exactly what the source held.",
};

/**
 * The partitions of one source at one point do not overlap and together hold exactly what the
 * source held there.
 */
export function partitionsCoverSource(cp: StorageControlPlane, oracle: StorageOracle): Checker {
  const done = new Set<string>();
  let restoresSeen = 0;
  return safetyOf(invariant, () => {
    // A group completes only when a restore is added: between those steps there is nothing to check.
    if (cp.data.restores.length === restoresSeen) return undefined;
    restoresSeen = cp.data.restores.length;
    const groups = new Map<string, (typeof cp.data.restores)[number][]>();
    for (const r of cp.data.restores)
      if (r.partition && !done.has(r.partition.group)) groups.set(r.partition.group, [...(groups.get(r.partition.group) ?? []), r]);
    for (const [group, parts] of groups) {
      const of = (parts[0] as (typeof parts)[number]).partition?.of ?? 0;
      if (parts.length < of) continue;
      done.add(group);
      const first = parts[0] as (typeof parts)[number];
      const owner = new Map<number, string>();
      for (const p of parts)
        for (const i of p.volume.indexes()) {
          const other = owner.get(i);
          if (other !== undefined) return `${group}: block ${i} is in both ${other} and ${p.volume.id}`;
          owner.set(i, p.volume.id);
        }
      if (parts.some((p) => p.lastSeq !== first.lastSeq))
        return `${group}: the partitions stand for different points of ${first.sourceVolumeId}`;
      const want = oracle.expectedAfter(first.sourceVolumeId, first.lastSeq);
      const missing = [...want.keys()].filter((i) => !owner.has(i));
      if (missing.length > 0 || owner.size !== want.size)
        return `${group}: the partitions hold ${owner.size} blocks, the source held ${want.size} at its point (missing ${missing.slice(0, 5).join(", ") || "none"})`;
    }
    return undefined;
  });
}

/**
 * Seed 003's invariants over how data is cut up (§5): 16, log backups — every saved segment was
 * verified and holds exactly the volume's records, and the saved sequence numbers run from 1
 * without a gap (the backup that copies a segment closes it, so none is copied while it grows);
 * 17, repartition — the partitions of one source at one point do not overlap and together hold
 * exactly what the source held there (by the oracle's record of the client's writes).
 */
import { type Checker, safety } from "../sim/checker";
import type { StorageControlPlane } from "./control/control-plane";
import type { StorageOracle } from "./storage-checkers";

export function partitionCheckers(cp: StorageControlPlane, oracle: StorageOracle): Checker[] {
  return [logBackups(cp), repartition(cp, oracle)];
}

function logBackups(cp: StorageControlPlane): Checker {
  const seen = new Map<string, number>();
  return safety("storage-I16-log-backup", () => {
    for (const volumeId of cp.data.logs.volumes()) {
      const list = cp.data.logs.list(volumeId);
      for (let k = seen.get(volumeId) ?? 0; k < list.length; k++) {
        const s = list[k] as (typeof list)[number];
        const expectedFrom = k === 0 ? 1 : (list[k - 1] as (typeof list)[number]).toSeq + 1;
        if (s.fromSeq !== expectedFrom)
          return `log backup of ${volumeId}: segment ${s.fromSeq}…${s.toSeq} after ${expectedFrom - 1} leaves a gap`;
        if (!s.verified) return `log backup of ${volumeId}: segment ${s.fromSeq}…${s.toSeq} was not verified`;
        const source = cp.data.volume(volumeId)?.log;
        const differs = source && s.records.find((r, i) => r.seq !== s.fromSeq + i || r.hash !== source[r.seq - 1]?.hash);
        if (differs) return `log backup of ${volumeId}: the saved copy of seq ${differs.seq} differs from the volume's log`;
      }
      seen.set(volumeId, list.length);
    }
    return undefined;
  });
}

function repartition(cp: StorageControlPlane, oracle: StorageOracle): Checker {
  const done = new Set<string>();
  let restoresSeen = 0;
  return safety("storage-I17-repartition", () => {
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

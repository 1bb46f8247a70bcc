import type { CacheShardView } from "../../cloud/elasticache";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** An ElastiCache shard whose primary is lost gets a replica promoted within the failover bound. */
export const invariant: Invariant = {
  id: "cloud/cache-primary-serves",
  description: "An ElastiCache shard whose primary is lost gets a replica promoted within the failover bound.",
  reach: { scenarios: "every", when: "the plan holds an ElastiCache replication group" },
};

/**
 * Safety, from ElastiCache's Multi-AZ promise: a shard whose primary is lost gets a replica
 * promoted, "typically within seconds" — within `boundMs` (the profile's slowest failover). A shard
 * without primary for longer fails the run, naming why when the plan gave it nothing to fail over
 * to (automatic failover off, no replica, every replica in the lost primary's zone).
 *
 * @see https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html
 */
export function cachePrimaryServes(view: () => readonly CacheShardView[], nowMs: () => number, boundMs: number): Checker {
  const downSince = new Map<string, number>();
  const judge = (s: CacheShardView, since: number, now: number): string | undefined => {
    if (now - since <= boundMs) return undefined;
    const where = s.primary ? ` (primary ${s.primary.id} in ${s.primary.az} lost)` : "";
    const gap = standbyGapOf(s);
    return gap
      ? `${s.group} shard ${s.shard} has no standby to fail over to${where}: ${gap}`
      : `${s.group} shard ${s.shard} had no primary for ${now - since} ms${where}, above the failover bound of ${boundMs} ms`;
  };
  return {
    ...invariant,
    afterEvent() {
      const now = nowMs();
      for (const s of view()) {
        const key = `${s.group}/${s.shard}`;
        const since = downSince.get(key);
        // Judged when the outage is seen to last too long, or when it ends (the old primary back after too long).
        const verdict = since === undefined ? undefined : judge(s, since, now);
        if (verdict) return verdict;
        if (s.primary?.up) downSince.delete(key);
        else if (since === undefined) downSince.set(key, now);
      }
      return undefined;
    },
    atEnd() {
      const now = nowMs();
      for (const s of view()) {
        const since = downSince.get(`${s.group}/${s.shard}`);
        const verdict = since === undefined ? undefined : judge(s, since, now);
        if (verdict) return verdict;
      }
      return undefined;
    },
  };
}

/** Why a shard cannot fail over, and the fix; undefined when it could. */
function standbyGapOf(s: CacheShardView): string | undefined {
  if (!s.automaticFailover)
    return "automatic_failover_enabled is off, so ElastiCache promotes no replica. Fix: set automatic_failover_enabled = true and multi_az_enabled = true";
  if (s.replicas.length === 0)
    return "the shard has no replica. Fix: add replicas (num_cache_clusters ≥ 2, or replicas_per_node_group ≥ 1) in other zones";
  const zone = s.primary?.az;
  if (zone !== undefined && s.replicas.every((r) => r.az === zone))
    return `every replica is in ${zone} with the primary. Fix: spread the nodes over zones (preferred_cache_cluster_azs, or node_group_configuration)`;
  return undefined;
}

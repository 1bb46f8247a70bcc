import { NOT_APPLICABLE, type PolicyCheck } from "../outcome";
import { stringAttr } from "../values";
import { requireAtLeast } from "./attribute-checks";

/** Days of ElastiCache snapshots the pack asks for (AWS Config `elasticache-redis-cluster-automatic-backup-check`). */
export const MIN_CACHE_SNAPSHOT_RETENTION_DAYS = 15;

/**
 * RES-ELASTICACHE-SNAPSHOT-RETENTION: `snapshot_retention_limit` ≥ 15 days (default 0: no
 * snapshots). A cache cluster that belongs to a replication group follows the group; Memcached
 * has no snapshots.
 */
export const elasticacheSnapshotRetention: PolicyCheck = (r) => {
  if (r.type === "aws_elasticache_cluster") {
    if (stringAttr(r.attributes.replication_group_id) !== undefined) return NOT_APPLICABLE;
    const engine = stringAttr(r.attributes.engine);
    if (engine !== "redis" && engine !== "valkey") return NOT_APPLICABLE;
  }
  return requireAtLeast(r, "snapshot_retention_limit", MIN_CACHE_SNAPSHOT_RETENTION_DAYS, 0);
};

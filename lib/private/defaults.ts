import { Fn } from "./cdktf";

/**
 * Defaults that follow a policy, named so their reasoning lives in one place.
 */

/** AWS RDS backup retention the constructs apply: a week of point-in-time restore. */
export const DEFAULT_BACKUP_RETENTION_DAYS = 7;

/** ElastiCache snapshot retention: 15 days, as AWS Config's elasticache-redis-cluster-automatic-backup-check asks. */
export const DEFAULT_CACHE_SNAPSHOT_RETENTION_DAYS = 15;

/** TTL of the optional Route 53 record: 5 s, as AWS uses for RDS endpoints, so a moved target is seen quickly. */
export const DEFAULT_DNS_TTL_SECONDS = 5;

/** Above this TTL, clients keep resolving a failed-over endpoint long enough to notice: synth warns. */
export const DNS_TTL_WARN_ABOVE_SECONDS = 60;

/** RDS Proxy: idle client connections kept 30 minutes (AWS's default), all of max_connections usable. */
export const DEFAULT_PROXY_IDLE_CLIENT_TIMEOUT_SECONDS = 1800;
export const DEFAULT_PROXY_MAX_CONNECTIONS_PERCENT = 100;

/** Redshift Multi-AZ: two nodes per zone is the fewest AWS allows. */
export const DEFAULT_REDSHIFT_NODES = 2;
export const DEFAULT_REDSHIFT_PORT = 5439;
export const DEFAULT_REDSHIFT_MASTER_USERNAME = "admin";

/** Multi-AZ DB cluster storage: gp3 needs no IOPS sizing and has a 3,000 IOPS baseline. */
export const DEFAULT_MULTI_AZ_CLUSTER_STORAGE_TYPE = "gp3";

/** ElastiCache engine: Valkey, which AWS encrypts at rest by default and prices below Redis OSS. */
export const DEFAULT_CACHE_ENGINE = "valkey";
export const DEFAULT_CACHE_PORT = 6379;

/** Master user names by database engine, when the user gives none. */
export const DEFAULT_MASTER_USERNAME: Readonly<Record<"postgres" | "mysql", string>> = { postgres: "postgres", mysql: "admin" };

/**
 * An RDS identifier derived from the construct path: lowercase, hyphen-separated, ≤ `max`
 * characters and unique per path (a short hash is appended when the path is cut).
 */
export function defaultIdentifier(pathParts: readonly string[], addr: string, max = 63): string {
  const base = pathParts
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .replace(/^(?=[0-9])/, "db-");
  if (base.length <= max) return base || `db-${addr.slice(0, 8)}`;
  const suffix = addr.slice(0, 8);
  return `${base.slice(0, max - suffix.length - 1).replace(/-+$/, "")}-${suffix}`;
}

/**
 * A final snapshot identifier that does not collide when the same cluster is destroyed, re-created
 * and destroyed again: the creation time is baked in once and kept (`lifecycle.ignore_changes`
 * stops Terraform re-evaluating `timestamp()` on every plan).
 */
export function defaultFinalSnapshotIdentifier(identifier: string): string {
  return `${identifier}-final-${Fn.formatdate("YYYYMMDDhhmmss", Fn.timestamp())}`;
}

/** The attribute the caller must add to `lifecycle.ignore_changes` with the value above. */
export const FINAL_SNAPSHOT_IGNORE_CHANGES = "final_snapshot_identifier";

import { Fn } from "./cdktf";

/**
 * Defaults that follow a policy, named so their reasoning lives in one place.
 */

/** AWS RDS backup retention the constructs apply: a week of point-in-time restore. */
export const DEFAULT_BACKUP_RETENTION_DAYS = 7;

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

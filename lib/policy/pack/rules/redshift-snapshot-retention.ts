import type { PolicyCheck } from "../outcome";
import { requireAtLeast } from "./attribute-checks";
import { MIN_BACKUP_RETENTION_DAYS } from "./rds-backup-retention";

/** RES-REDSHIFT-BACKUP-RETENTION: `automated_snapshot_retention_period` ≥ 7 days (default 1). */
export const redshiftSnapshotRetention: PolicyCheck = (r) =>
  requireAtLeast(r, "automated_snapshot_retention_period", MIN_BACKUP_RETENTION_DAYS, 1);

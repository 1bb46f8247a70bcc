import { NOT_APPLICABLE, type PolicyCheck } from "../outcome";
import { requireAtLeast } from "./attribute-checks";
import { inheritsStorageSettings } from "./rds-engine";

/** Days of automated backups (point-in-time restore) the pack asks of RDS and Redshift. */
export const MIN_BACKUP_RETENTION_DAYS = 7;

/** RES-RDS-BACKUP-RETENTION: `backup_retention_period` ≥ 7 days (AWS default: 1). */
export const rdsBackupRetention: PolicyCheck = (r) =>
  inheritsStorageSettings(r) ? NOT_APPLICABLE : requireAtLeast(r, "backup_retention_period", MIN_BACKUP_RETENTION_DAYS, 1);

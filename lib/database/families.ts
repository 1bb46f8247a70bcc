import type { EngineFamily } from "../contract/plan-contract";
import { DEFAULT_BACKUP_RETENTION_DAYS, DEFAULT_CACHE_SNAPSHOT_RETENTION_DAYS } from "../private/defaults";

/** What AWS allows each engine family, in one table the rules and defaults read. */
export interface FamilyLimits {
  /** Longest identifier: Aurora keeps 15 characters for `-<standby id>` within RDS's 63. */
  readonly identifierMax: number;
  /** Zones the subnet group must span: a Multi-AZ DB cluster and Redshift Multi-AZ need three. */
  readonly minSubnetZones: number;
  /** Shortest backup/snapshot and maintenance window AWS accepts, in minutes. */
  readonly minWindowMinutes: number;
  /** Default retention of automated backups or snapshots; shorter warns. */
  readonly defaultRetentionDays: number;
  /** What the family calls its backups, for messages. */
  readonly backups: string;
}

export const FAMILY_LIMITS: Readonly<Record<EngineFamily, FamilyLimits>> = {
  aurora: {
    identifierMax: 48,
    minSubnetZones: 2,
    minWindowMinutes: 30,
    defaultRetentionDays: DEFAULT_BACKUP_RETENTION_DAYS,
    backups: "automated backups",
  },
  "rds-multi-az-cluster": {
    identifierMax: 63,
    minSubnetZones: 3,
    minWindowMinutes: 30,
    defaultRetentionDays: DEFAULT_BACKUP_RETENTION_DAYS,
    backups: "automated backups",
  },
  redshift: {
    identifierMax: 63,
    minSubnetZones: 3,
    minWindowMinutes: 30,
    defaultRetentionDays: DEFAULT_BACKUP_RETENTION_DAYS,
    backups: "automated snapshots",
  },
  elasticache: {
    identifierMax: 40,
    minSubnetZones: 2,
    minWindowMinutes: 60,
    defaultRetentionDays: DEFAULT_CACHE_SNAPSHOT_RETENTION_DAYS,
    backups: "snapshots",
  },
};

// Multi-AZ databases

// Contingency capacity: reserved in one zone, designated in another and leased out as spot
export { ContingencyCapacity, type ContingencyCapacityProps, type ContingencyDesignation } from "./capacity/contingency-capacity";
// The plan contract shared with the runtime
export {
  ENGINE_FAMILIES,
  ENGINE_FAMILY,
  ENGINES,
  type Engine,
  type EngineFamily,
  PROMOTION_TIER,
  ROLES,
  type Role,
  TAG,
  TAG_PREFIX,
} from "./contract/plan-contract";
export {
  type AuroraDatabaseProps,
  type AuroraResources,
  type DatabaseCommonProps,
  type DatabaseProxyProps,
  type DatabaseResources,
  type DatabaseSubnet,
  type DnsRecordProps,
  type ElastiCacheDatabaseProps,
  type ElastiCacheResources,
  type MultiAzClusterDatabaseProps,
  type MultiAzClusterResources,
  MultiAzDatabase,
  type MultiAzDatabaseProps,
  type RdsCommonProps,
  type RedshiftDatabaseProps,
  type RedshiftResources,
  type ServerlessV2ScalingProps,
  type SharedDatabaseResources,
  type StandbyProps,
  type WriterProps,
} from "./database/multi-az-database";
export {
  type CloneRestoreOptions,
  type OnSourceChange,
  type PointInTimeRestoreOptions,
  type RdsClusterRestore,
  type RestoreKind,
  type RestoreOrigin,
  RestoreSource,
  type SnapshotRestoreOptions,
} from "./database/restore-source";
// Failover drills (AWS FIS experiment templates, also run locally by `cdktf-resilience drill`)
export {
  type AzPowerInterruptionOptions,
  DrillScenario,
  type DrillScenarioSpec,
  type SpotInterruptionOptions,
} from "./drills/drill-scenario";
export { FailoverDrill, type FailoverDrillProps } from "./drills/failover-drill";
// The secure-defaults policy pack
export type { Acknowledgement, MappedChecks, PolicyFinding, PolicyReport, PolicyRule, Severity } from "./policy/pack";
export { SecureDefaults } from "./policy/secure-defaults";
// Acknowledging warnings and policy findings
export { Acknowledge } from "./private/acknowledge";
// Errors
export { isResilienceError, type Problem, ResilienceError } from "./private/errors";
// Crash containment: hosts whose processes form processing groups
export { type ProcessingNodeProps, processingNodeTags } from "./processing/processing-node";
// Recovery objectives (AWS Resilience Hub resiliency policies), measured by `cdktf-resilience assess`
export { type RecoveryObjectiveProps, ResiliencePolicy, type ResiliencePolicyProps } from "./resilience/resilience-policy";
export {
  DATA_LOCATION_CONSTRAINTS,
  type DataLocationConstraint,
  RESILIENCE_TIERS,
  type ResilienceTier,
} from "./resilience/resilience-policy-schema";
// Backups, snapshot schedules, restores and hibernation
export {
  BackupRule,
  type BackupRuleSpec,
  type BackupRuleWindows,
  type ContinuousBackupOptions,
  type CustomBackupOptions,
  type DailyBackupOptions,
  type MonthlyBackupOptions,
  type ResolvedBackupRule,
  type WeeklyBackupOptions,
} from "./storage/backup-rule";
export {
  type BackupCopyTarget,
  type BackupCopyToRegion,
  type BackupCopyToVault,
  BackupSchedule,
  type BackupScheduleProps,
  type BackupVaultLockProps,
  type CopyVault,
  type RestoreTestingProps,
} from "./storage/backup-schedule";
export { HibernationSchedule, type HibernationScheduleProps } from "./storage/hibernation-schedule";
export { SnapshotSchedule, type SnapshotScheduleProps } from "./storage/snapshot-schedule";

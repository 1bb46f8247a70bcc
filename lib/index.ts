// Multi-AZ databases

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
} from "./spec/contract";

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

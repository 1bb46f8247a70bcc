// Multi-AZ databases

export type { AuroraResources } from "./database/aurora";
export {
  type DatabaseSubnet,
  MultiAzDatabase,
  type MultiAzDatabaseProps,
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
export { ENGINES, type Engine, PROMOTION_TIER, ROLES, type Role, TAG, TAG_PREFIX } from "./spec/contract";

// Running an emulation: plan + scenario + seed → the `emulate --json` document

export type {
  CacheSection,
  ClientRequestsRow,
  EmulationResult,
  ExperimentReport,
  FailoverRow,
  GroupsSection,
  ModelledRow,
  ProcessingHostRow,
  RequestSeries,
  RestoreRow,
  ResultContribution,
  RevocationRow,
} from "../contract/emulation-result";
// Registering scenarios and components (how later subsystems join a run)
// The vocabulary: FIS actions, targets, experiments, durations
export {
  type ExperimentOutcome,
  type ExperimentTemplate,
  type ExperimentWorld,
  experimentProblems,
  experimentSchedule,
  runExperiment,
  type ScenarioProblem,
  scaledMs,
} from "./experiment";
export { type ActionDefinition, type ActionInput, FIS_ACTIONS, parameterProblems } from "./fis-actions";
export { AWS_FIS_ACTION_IDS, AWS_FIS_RESOURCE_TYPES, FIS_ACTION_ALIASES } from "./fis-reference";
export { formatIsoDuration, parseIsoDuration } from "./iso-duration";
export { AZ_OUTAGE, DISK_STALL, NAMED_SCENARIOS, SPOT_RECLAIM, WRITER_CRASH } from "./named-scenarios";
export {
  type ComponentDefinition,
  type EmulationContext,
  EmulationRegistry,
  type ModelledResource,
  type ScenarioDefinition,
} from "./registry";
// Scenario files and bad-input errors
export { isScenarioError, ScenarioError, scenarioInvalid } from "./scenario-error";
export { type LoadedScenario, loadScenarioFile, type ScenarioFile, scenarioFileSchema, scenarioFromJson } from "./scenario-file";
export {
  ANY_PRINCIPAL,
  candidates,
  resolveTarget,
  resolveTargetWithReason,
  TARGET_TYPES,
  type TargetResolution,
  type TargetResource,
} from "./targets";

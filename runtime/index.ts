/**
 * `cdktf-resilience/runtime`: emulate a synthesized plan, run campaigns, read the result.
 *
 * This list is the public API, kept small on purpose: everything not named here is internal and
 * may change in any release. The simulator's kernel, ports and checker framework, for writing
 * your own components, are `cdktf-resilience/runtime/sim`.
 */

export type { CacheRig } from "./cache/cache-rig";
// Many seeds over worker threads, every failure with its replay command
export { type CampaignFailure, type CampaignOptions, type CampaignRow, type CampaignSummary, runCampaign } from "./campaign/campaign";
// A cache rig with the cache survival invariants watching it, and what it broke
export { cacheViolations, checkedCacheRig } from "./checkers/cache-survival";
export { simApplication } from "./checkers/crash-containment/sim-rig";
export { pairCheckers } from "./checkers/failover-pair";
// Subsystems driven directly on a simulation (the docs' examples): the mock cloud, the failover
// pair, the survivable cache, the storage control plane, processing groups, a real disk
export { MockCloud } from "./cloud/mock-cloud";
// Timing profiles: AWS's documented timings, or the same scaled down a thousandfold
export { FAST_PROFILE, REALISTIC_PROFILE, type TimingProfile } from "./cloud/timing-profile";
// The result: the `emulate --json` document and the kernel's report
export type {
  CacheSection,
  ClientRequestsRow,
  EmulationResult,
  ExperimentReport,
  FailoverDetail,
  FailoverRecord,
  FailoverRow,
  GroupsSection,
  InvariantResult,
  ModelledRow,
  NotRunRow,
  ProcessingHostRow,
  RequestSeries,
  RestoreRow,
  ResultContribution,
  RevocationRow,
  Violation,
} from "./contract/emulation-result";
export { buildPair, startPair } from "./database/database-pair";
export { failoverRows } from "./database/failover-report";
export { pairTiming } from "./database/pair-timing";
export { cloudWorld } from "./emulation/database-component";
// Scenarios and components: how your own scenario or subsystem joins a run
export { defaultRegistry } from "./emulation/default-registry";
// Running an emulation: plan + scenario + seed → the `emulate --json` document
export { type EmulateOptions, type Emulation, emulate } from "./emulation/emulate";
// Plans: a synthesized cdk.tf.json (or `terraform show -json`) read into a topology
export { type LoadedPlan, loadPlan, loadPlanFile, parsePlan } from "./plan/load-plan";
export { isPlanError, PlanError, type PlanProblem } from "./plan/plan-error";
export type { Topology } from "./plan/topology";
export { RealDisk } from "./real/real-disk";
export type { ExperimentTemplate } from "./scenarios/experiment";
export {
  type ComponentDefinition,
  type EmulationContext,
  EmulationRegistry,
  type ModelledResource,
  type ScenarioDefinition,
} from "./scenarios/registry";
export { isScenarioError, ScenarioError } from "./scenarios/scenario-error";
export type { RunReport } from "./sim/run-report";
export { StorageControlPlane } from "./storage/control/control-plane";
export { DataPlane } from "./storage/data-plane";
export { DurableVolume } from "./storage/durable-volume";

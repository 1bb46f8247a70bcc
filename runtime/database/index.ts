// Seed 000: coordinating and supporting processing clusters, their control plane and workload
export { type ClusterConfig, type ClusterRole, formatConfig, type Leader, ProcessingCluster, sameConfig } from "./cluster";
export { diffConfig, diffPlans } from "./config-diff";
export {
  ControlPlane,
  type ControlPlaneOptions,
  type PairFailover,
  type PairState,
  type RecoveredZonePolicy,
  type RoleChange,
} from "./control-plane";
// Wiring: a pair from a description or from a plan
export { buildPair, type DatabasePair, type DatabasePairSpec, type PairMember, startPair } from "./database-pair";
export { type EndpointMode, PairEndpoint } from "./endpoint";
export { failoverRows, lostAckedWrites, type PairFailoverRow, type RtoSplit } from "./failover-report";
export { type Completion, History, type Invoke, type Outcome } from "./history";
export { NO_MUTANTS, type PairMutants } from "./mutants";
export { configOf, PAIR_ENGINES, type PlanPairContext, pairSpecsFromPlan, shortNameOf } from "./pair-from-topology";
export { maxPromoteMs, PAIR_TIMING_DESIGN, type PairTiming, pairTiming, writeResumeBoundMs } from "./pair-timing";
export { AuthoritativeStorage, type Commit, type CommitOutcome, type ReadOutcome, type StorageOptions } from "./storage";
export { type Client, Workload, type WorkloadCounts, type WorkloadOptions } from "./workload";
export { type PairWorld, reaches } from "./world";

// The failover pair: coordinating and supporting processing clusters, their control plane and workload
export type { ClusterConfig } from "./cluster";
export { diffPlans } from "./config-diff";

// Wiring: a pair from a description or from a plan
export { buildPair, type DatabasePair, type DatabasePairSpec, type PairMember, startPair } from "./database-pair";

export { failoverRows, lostAckedWrites } from "./failover-report";

export type { PairMutants } from "./mutants";
export { pairSpecsFromPlan } from "./pair-from-topology";
export { pairTiming, writeResumeBoundMs } from "./pair-timing";

export type { PairWorld } from "./world";

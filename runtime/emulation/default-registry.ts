/**
 * The registry `emulate` uses by default. Each subsystem contributes one function that registers
 * its scenarios and components; append yours to PLUGINS (order = attach order, so keep appending).
 */

import { CONTINGENCY_SCENARIOS } from "../scenarios/contingency-scenarios";
import { GROUP_CRASH, NAMED_SCENARIOS } from "../scenarios/named-scenarios";
import { EmulationRegistry } from "../scenarios/registry";
import { CACHE_COMPONENT } from "./cache-component";
import { CLOUD_COMPONENT } from "./cloud-component";
import { CONTINGENCY_COMPONENT } from "./contingency-component";
import { DATABASE_COMPONENT } from "./database-component";
import { PROCESSES_COMPONENT } from "./processes-component";
import { REPLICATION_GROUP_COMPONENT, REPLICATION_GROUP_SCENARIOS } from "./replication-group-component";
import { STORAGE_COMPONENT, STORAGE_SCENARIOS } from "./storage-component";

/** Registers the mock cloud's component and the built-in named scenarios. */
export function registerBuiltIns(r: EmulationRegistry): void {
  r.registerComponent(CLOUD_COMPONENT);
  for (const s of NAMED_SCENARIOS) r.registerScenario(s);
}

/** Failover pair: the coordinating/supporting pairs of the plan's databases. */
export function registerDatabase(r: EmulationRegistry): void {
  r.registerComponent(DATABASE_COMPONENT);
}

/** Cache survival: the survivable buffer cache on the first cluster's writer. */
function registerCache(r: EmulationRegistry): void {
  r.registerComponent(CACHE_COMPONENT);
}

/** Storage control plane: volumes, snapshots, clones, restores and hibernation through a control plane. */
function registerStorage(r: EmulationRegistry): void {
  r.registerComponent(STORAGE_COMPONENT);
  for (const s of STORAGE_SCENARIOS) r.registerScenario(s);
}

/** Contingency capacity of the plan's reservation/spot-pool pairs. */
function registerContingency(r: EmulationRegistry): void {
  r.registerComponent(CONTINGENCY_COMPONENT);
  for (const s of CONTINGENCY_SCENARIOS) r.registerScenario(s);
}

/** Crash containment: processing groups in shared memory, struck by the `group-crash` scenario. */
function registerProcesses(r: EmulationRegistry): void {
  r.registerComponent(PROCESSES_COMPONENT);
  r.registerScenario(GROUP_CRASH);
}

/** Replication group: clients of each ElastiCache replication group, and the scenarios that strike its primary. */
function registerReplicationGroup(r: EmulationRegistry): void {
  r.registerComponent(REPLICATION_GROUP_COMPONENT);
  for (const s of REPLICATION_GROUP_SCENARIOS) r.registerScenario(s);
}

const PLUGINS: readonly ((r: EmulationRegistry) => void)[] = [
  registerBuiltIns,
  registerDatabase,
  registerCache,
  registerStorage,
  registerContingency,
  registerProcesses,
  registerReplicationGroup,
];

/** A fresh registry with every subsystem's scenarios and components. */
export function defaultRegistry(): EmulationRegistry {
  const r = new EmulationRegistry();
  for (const plugin of PLUGINS) plugin(r);
  return r;
}

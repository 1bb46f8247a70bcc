// The emulation's composition root: each system's component, the default registry, and emulate
export { CLOUD_COMPONENT } from "./cloud-component";
export {
  CAPACITY_TIMING,
  CONTINGENCY_COMPONENT,
  type ContingencyHandle,
  type ContingencyOptions,
  contingencyComponent,
  contingencyPairs,
} from "./contingency-component";
export { cloudWorld, DATABASE_COMPONENT } from "./database-component";
export { defaultRegistry, registerBuiltIns } from "./default-registry";
export { type EmulateOptions, type Emulation, emulate } from "./emulate";
export { GROUP_CRASH_SCENARIO, PROCESSES_COMPONENT } from "./processes-component";
export { STORAGE_COMPONENT, STORAGE_SCENARIOS } from "./storage-component";

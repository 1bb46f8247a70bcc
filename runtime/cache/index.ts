export { CacheEngine, type CacheEngineOptions, FencedError, type ReadResult, type StorageDriver, slotCrc } from "./cache-engine";
export { type CacheMetrics, type CachePlacement, CacheRig, type CacheRigOptions } from "./cache-rig";
export { CacheSupervisor } from "./cache-supervisor";
export { type CacheSwarmOptions, runCacheSwarm } from "./cache-swarm";
export { type CacheGeometry, CacheMemory, OwnerState, SlotState } from "./layout";
export { type InvalidationReason, type RecoveryOutcome, recoverCache } from "./recovery";
export { type RedoRecord, RedoStorage } from "./redo-storage";
export { Zipf } from "./zipf";

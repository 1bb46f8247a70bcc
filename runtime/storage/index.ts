export { type BlockHash, BlockStore } from "./block-store";
export {
  AdminStore,
  type CustomerEvent,
  type DatabaseInstanceRecord as StorageInstanceRecord,
  type Job,
  type WorkflowRecord,
} from "./control/admin-store";
export { CONTROL_DEFAULTS, StorageControlPlane, type StorageControlPlaneOptions } from "./control/control-plane";
export { HostManager } from "./control/host-manager";
export { type TaskSpec, WorkflowEngine } from "./control/workflow-engine";
export { BLOCK_SIZE, DataPlane, type DataPlaneReply as HostReply, type Task as HostTask } from "./data-plane";
export { DurableLog, type DurableLogOptions, type LogEntry, LogFullError, type LogRecovery } from "./durable-log";
export { type LogSwarmResult, runDurableLogSwarm } from "./durable-log-swarm";
export { DurableVolume } from "./durable-volume";
export { OutsideWindowError, type PointInTimeResult, restoreToPoint } from "./point-in-time";
export { type Snapshot, SnapshotStore } from "./snapshots";
export { StorageOracle, storageCheckers } from "./storage-checkers";
export { runStorageSwarm } from "./storage-swarm";
export { type FrozenMap, type LogRecord, Volume } from "./volume";

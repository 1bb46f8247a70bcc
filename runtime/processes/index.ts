export { type AccessOptions, allocIn, type Handle, ProcessMemory, type WriteObserver } from "./access";
export {
  type ApplicationConfig,
  type ApplicationEventKind,
  type GroupConfig,
  type GroupState,
  type GroupsCounters,
  type JobOutcome,
  JobTicket,
  type ProcessEvent,
  ProcessingApplication,
} from "./application";
export { PROCESS_INVARIANTS, ProcessCheckers } from "./checkers";
export {
  type AbortReason,
  type FaultKind,
  JobAbortedError,
  ProtectionFault,
  type ProtectionReason,
  ThirdPartyAssertionError,
} from "./errors";
export type { FaultPoint, FaultSpec, JobOrder, ProcessHost } from "./host";
export { COMMITTED_ENTRY, LOG_LOCK, type PublicObjects, RESULT_CACHE_LOCK } from "./inject";
export { FREE, type MemoryGeometry, ProcState, PUBLIC_ARENA, SharedMemory } from "./layout";
export { processWorkerFile, RealHost } from "./real-host";
export { FaultFreeShadow } from "./shadow";
export { SimHost, type SimHostOptions } from "./sim-host";
export { type SimApplication, type SimRigOptions, simApplication } from "./sim-rig";
export { expectedSum, type JobResult, type JobSpec, rowValue } from "./workload";

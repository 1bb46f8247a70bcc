import type { Checker } from "../../sim/checker";
import type { StorageControlPlane } from "../../storage/control/control-plane";
import { backupCadence } from "./backup-cadence";
import { backupCompleteAfterResume } from "./backup-complete-after-resume";
import { cloneSharesBlocks } from "./clone-shares-blocks";
import { failuresAreEvents } from "./failures-are-events";
import { hibernationRefusesAndKeepsName } from "./hibernation-keeps-name";
import { logBackupComplete } from "./log-backup-complete";
import { namePointsToInstance } from "./name-points-to-instance";
import { oneRecoveryPerIncident } from "./one-recovery-per-incident";
import { partitionsCoverSource } from "./partitions-cover-source";
import { persistedLogsArchived } from "./persisted-logs-archived";
import { restoreEqualsSource } from "./restore-equals-source";
import { restoreFromArchive } from "./restore-from-archive";
import { restoreToAskedPoint } from "./restore-to-asked-point";
import { retriesBounded } from "./retries-bounded";
import type { StorageOracle } from "./storage-oracle";
import { suspensionBounded } from "./suspension-bounded";
import { taskOrder } from "./task-order";
import { volumesIndependent } from "./volumes-independent";
import { workflowsEnd } from "./workflows-end";

export { hostLogDurable } from "./host-log-durable";
export { StorageOracle } from "./storage-oracle";

/** Every storage control plane invariant over `cp`, judged against `oracle`'s record of the client's writes. */
export function storageCheckers(cp: StorageControlPlane, oracle: StorageOracle, now: () => number): Checker[] {
  return [
    restoreEqualsSource(oracle),
    volumesIndependent(oracle),
    logBackupComplete(cp, oracle),
    partitionsCoverSource(cp, oracle),
    hibernationRefusesAndKeepsName(cp),
    restoreToAskedPoint(cp, oracle),
    backupCadence(cp, now),
    taskOrder(cp),
    failuresAreEvents(cp),
    retriesBounded(cp),
    oneRecoveryPerIncident(cp, now),
    namePointsToInstance(cp),
    suspensionBounded(cp, now),
    backupCompleteAfterResume(cp, now),
    workflowsEnd(cp),
    restoreFromArchive(cp, oracle),
    persistedLogsArchived(cp, oracle),
    cloneSharesBlocks(cp, oracle),
  ];
}

/**
 * Results of control-plane calls: plain data, never thrown across the simulation. An error carries
 * the code AWS returns for the same situation, so code written against the mock handles the real
 * service's errors by the same names.
 */

/** AWS error codes the mock returns, by service. */
export type CloudErrorCode =
  // EC2
  | "InsufficientInstanceCapacity"
  | "InvalidInstanceID.NotFound"
  | "IncorrectInstanceState"
  | "UnsupportedOperation"
  | "InvalidCapacityReservationId.NotFound"
  | "ReservationCapacityExceeded"
  | "InvalidSpotInstanceRequestID.NotFound"
  | "InvalidParameterValue"
  | "InvalidParameterCombination"
  // RDS
  | "DBClusterNotFoundFault"
  | "DBClusterAlreadyExistsFault"
  | "InvalidDBClusterStateFault"
  | "DBInstanceNotFound"
  | "DBInstanceAlreadyExists"
  | "InvalidDBInstanceState"
  | "InsufficientDBInstanceCapacity"
  | "DBClusterSnapshotNotFoundFault"
  | "DBClusterSnapshotAlreadyExistsFault"
  | "InvalidDBClusterSnapshotStateFault"
  | "InvalidRestoreFault"
  | "KMSKeyNotAccessibleFault"
  | "DBProxyNotFoundFault"
  // ElastiCache
  | "ReplicationGroupNotFoundFault"
  | "InvalidReplicationGroupStateFault"
  // EventBridge
  | "ResourceNotFoundException"
  // ConnectionRoute 53
  | "NoSuchHostedZone"
  | "NoSuchChange"
  | "InvalidChangeBatch"
  // KMS
  | "NotFoundException"
  | "KMSInvalidStateException"
  // Any service
  | "ThrottlingException";

export interface CloudError {
  readonly code: CloudErrorCode;
  /** What went wrong, in AWS's words where it has them. */
  readonly message: string;
  /** True when the same call may succeed later (capacity, state transitions, throttling). */
  readonly retryable: boolean;
}

export type CloudResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CloudError };

const RETRYABLE: ReadonlySet<CloudErrorCode> = new Set<CloudErrorCode>([
  "InsufficientInstanceCapacity",
  "InsufficientDBInstanceCapacity",
  "IncorrectInstanceState",
  "InvalidDBClusterStateFault",
  "InvalidDBInstanceState",
  "InvalidDBClusterSnapshotStateFault",
  "InvalidReplicationGroupStateFault",
  "KMSInvalidStateException",
  "ThrottlingException",
]);

export function ok<T>(value: T): CloudResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: CloudErrorCode, message: string): CloudResult<T> {
  return { ok: false, error: { code, message, retryable: RETRYABLE.has(code) } };
}

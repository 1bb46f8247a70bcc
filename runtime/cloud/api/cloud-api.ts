/**
 * The provider interface: the AWS control-plane calls the runtime makes, in the shape of the AWS
 * SDK's `client.send(new XCommand(input))`. The mock cloud implements it inside the simulation; a
 * future adapter implements it with the AWS SDK, so a subsystem written against `CloudApi` runs
 * against either.
 *
 *     api.send("FailoverDBCluster", { DBClusterIdentifier: "orders" }, (r) => {
 *       if (!r.ok && r.error.code === "InvalidDBClusterStateFault") retryLater();
 *     });
 *
 * Calls take effect when made and reply once, after the API latency, through the caller's timers:
 * a caller that crashed meanwhile never sees the reply (as a process that died never reads its
 * HTTP response), though the call took effect. Errors are results, never exceptions.
 */
import type { CloudResult } from "../cloud-result";
import type * as Ec2 from "./ec2-types";
import type * as Misc from "./misc-types";
import type * as Rds from "./rds-types";

/** Every operation: `[request, response]`, keyed by its AWS API name. */
export interface CloudOperations {
  // RDS
  DescribeDBClusters: [Rds.DescribeDBClustersRequest, Rds.DescribeDBClustersResponse];
  DescribeDBInstances: [Rds.DescribeDBInstancesRequest, Rds.DescribeDBInstancesResponse];
  FailoverDBCluster: [Rds.FailoverDBClusterRequest, Rds.FailoverDBClusterResponse];
  RebootDBInstance: [Rds.RebootDBInstanceRequest, Rds.RebootDBInstanceResponse];
  CreateDBInstance: [Rds.CreateDBInstanceRequest, Rds.CreateDBInstanceResponse];
  CreateDBClusterSnapshot: [Rds.CreateDBClusterSnapshotRequest, Rds.CreateDBClusterSnapshotResponse];
  DescribeDBClusterSnapshots: [Rds.DescribeDBClusterSnapshotsRequest, Rds.DescribeDBClusterSnapshotsResponse];
  RestoreDBClusterToPointInTime: [Rds.RestoreDBClusterToPointInTimeRequest, Rds.RestoreDBClusterToPointInTimeResponse];
  RestoreDBClusterFromSnapshot: [Rds.RestoreDBClusterFromSnapshotRequest, Rds.RestoreDBClusterFromSnapshotResponse];
  DescribeDBProxyTargets: [Rds.DescribeDBProxyTargetsRequest, Rds.DescribeDBProxyTargetsResponse];
  // EC2
  RunInstances: [Ec2.RunInstancesRequest, Ec2.RunInstancesResponse];
  StartInstances: [Ec2.InstanceIdsRequest, Ec2.StartInstancesResponse];
  StopInstances: [Ec2.InstanceIdsRequest, Ec2.StopInstancesResponse];
  TerminateInstances: [Ec2.InstanceIdsRequest, Ec2.TerminateInstancesResponse];
  DescribeInstances: [Ec2.DescribeInstancesRequest, Ec2.DescribeInstancesResponse];
  RequestSpotInstances: [Ec2.RequestSpotInstancesRequest, Ec2.RequestSpotInstancesResponse];
  CancelSpotInstanceRequests: [Ec2.CancelSpotInstanceRequestsRequest, Ec2.CancelSpotInstanceRequestsResponse];
  DescribeSpotInstanceRequests: [Ec2.DescribeSpotInstanceRequestsRequest, Ec2.DescribeSpotInstanceRequestsResponse];
  CreateCapacityReservation: [Ec2.CreateCapacityReservationRequest, Ec2.CreateCapacityReservationResponse];
  CancelCapacityReservation: [Ec2.CancelCapacityReservationRequest, Ec2.CancelCapacityReservationResponse];
  DescribeCapacityReservations: [Ec2.DescribeCapacityReservationsRequest, Ec2.DescribeCapacityReservationsResponse];
  DescribeAvailabilityZones: [Ec2.DescribeAvailabilityZonesRequest, Ec2.DescribeAvailabilityZonesResponse];
  DescribeVolumes: [Ec2.DescribeVolumesRequest, Ec2.DescribeVolumesResponse];
  // EventBridge
  PutEvents: [Misc.PutEventsRequest, Misc.PutEventsResponse];
  PutRule: [Misc.PutRuleRequest, Misc.PutRuleResponse];
  PutTargets: [Misc.PutTargetsRequest, Misc.PutTargetsResponse];
  // ConnectionRoute 53
  ChangeResourceRecordSets: [Misc.ChangeResourceRecordSetsRequest, Misc.ChangeResourceRecordSetsResponse];
  GetChange: [Misc.GetChangeRequest, Misc.GetChangeResponse];
  ListResourceRecordSets: [Misc.ListResourceRecordSetsRequest, Misc.ListResourceRecordSetsResponse];
  // KMS
  CreateKey: [Misc.CreateKeyRequest, Misc.KeyMetadataResponse];
  DescribeKey: [Misc.KeyIdRequest, Misc.KeyMetadataResponse];
  EnableKey: [Misc.KeyIdRequest, Misc.EmptyResponse];
  DisableKey: [Misc.KeyIdRequest, Misc.EmptyResponse];
  ScheduleKeyDeletion: [Misc.ScheduleKeyDeletionRequest, Misc.ScheduleKeyDeletionResponse];
  CancelKeyDeletion: [Misc.KeyIdRequest, Misc.EmptyResponse];
  // ElastiCache
  DescribeReplicationGroups: [Misc.DescribeReplicationGroupsRequest, Misc.DescribeReplicationGroupsResponse];
  TestFailover: [Misc.TestFailoverRequest, Misc.TestFailoverResponse];
}

export type OperationName = keyof CloudOperations;
export type RequestOf<K extends OperationName> = CloudOperations[K][0];
export type ResponseOf<K extends OperationName> = CloudOperations[K][1];
export type Reply<T> = (result: CloudResult<T>) => void;

/** The control-plane API one caller uses (see the file comment). */
export interface CloudApi {
  /** Who calls (an IAM role ARN or a component name); FIS API-error faults target callers by it. */
  readonly principal: string;
  /** Makes the call now; `reply` (optional) receives the result after the API latency. */
  send<K extends OperationName>(operation: K, request: RequestOf<K>, reply?: Reply<ResponseOf<K>>): void;
}

/**
 * How the mock implements each operation: synchronously, as a function of the request and the
 * caller's principal. `MockCloud.client` adds latency, tracing and FIS-injected API errors.
 */
export type OperationHandlers = {
  readonly [K in OperationName]: (request: RequestOf<K>, principal: string) => CloudResult<ResponseOf<K>>;
};

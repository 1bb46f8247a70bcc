// The mock region, built by hand or from a plan's topology

// The provider interface (the seam for an AWS SDK adapter), its results and AWS-shaped data
export type { CloudApi, CloudOperations, OperationHandlers, OperationName, Reply, RequestOf, ResponseOf } from "./api/cloud-api";
export type * as Ec2 from "./api/ec2-types";
export type * as AwsMisc from "./api/misc-types";
export type * as Rds from "./api/rds-types";
// Binding simulated actors to cloud resources, so cloud faults reach them
export { Bindings } from "./bindings";
export { CloudContext } from "./cloud-context";
export type { CloudError, CloudErrorCode, CloudResult } from "./cloud-result";
// Services, for subsystems that extend the mock (database, capacity, storage, cache)
export { type AutoScalingGroupSpec, AutoScalingService, autoScalingPrincipal } from "./ec2/auto-scaling";
export { CAPACITY_DEFAULTS, type CapacityOptions, CapacityPools, type ReservationRecord } from "./ec2/capacity-pools";
export { EbsService } from "./ec2/ebs";
export { Ec2Service, type InstanceRecord, type LaunchSpec } from "./ec2/ec2-service";
export { ElastiCacheService, type ReplicationGroupSpec } from "./elasticache";
export { EventBus, type EventRule, type EventTarget, type Subscription } from "./events/event-bus";
export { type EventPattern, matchesPattern, patternProblem } from "./events/event-pattern";
export { type CloudFromTopology, cloudFromTopology, firstWriterZone, regionOf } from "./from-topology";
export { KmsService } from "./kms";
export { type ClientOptions, MockCloud, type MockCloudOptions } from "./mock-cloud";
export { type DnsAnswer, DnsResolver, DnsService } from "./net/dns";
export { type ClientConnection, type ConnectionRoute, ConnectionService, type RouteError } from "./rds/connections";
export { choosePromotionTarget, type PromotionCandidate, sizeRank } from "./rds/promotion";
export { type ProxyRecord, ProxyService } from "./rds/proxy";
export type { ClusterRecord, DbInstanceRecord, SnapshotRecord } from "./rds/rds-records";
export { type ClusterSpec, type InstanceSpec, RDS_DEFAULTS, type RdsOptions, RdsService, type WriterListener } from "./rds/rds-service";
export { type RestoreRecord, Restores } from "./rds/restores";
// Timing profiles: every duration the cloud waits, as data
export {
  checkProfile,
  type Duration,
  type DurationRange,
  drawMs,
  FAST_PROFILE,
  REALISTIC_PROFILE,
  scaleProfile,
  type TailedDuration,
  TIMING_PROFILES,
  type TimingProfile,
} from "./timing-profile";
export { type ZoneChange, ZoneService, zoneIds } from "./zones";

/** EC2 shapes, named as in the AWS SDK (v3); times are virtual milliseconds. */

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

export type InstanceStateName = "pending" | "running" | "stopping" | "stopped" | "shutting-down" | "terminated";

export interface Instance {
  readonly InstanceId: string;
  readonly InstanceType: string;
  readonly Placement: { readonly AvailabilityZone: string };
  readonly State: { readonly Name: InstanceStateName };
  /** Why the instance last changed state when it was not asked to (e.g. `Server.SpotInstanceTermination`). */
  readonly StateReason?: { readonly Code: string; readonly Message: string };
  readonly InstanceLifecycle?: "spot";
  readonly SpotInstanceRequestId?: string;
  readonly CapacityReservationId?: string;
  readonly LaunchTime: number;
  readonly Tags: readonly Tag[];
}

export interface AvailabilityZoneInfo {
  readonly ZoneName: string;
  readonly ZoneId: string;
  readonly RegionName: string;
  /** `impaired` while the zone has no power or no network. */
  readonly State: "available" | "impaired";
}

export interface CapacityReservation {
  readonly CapacityReservationId: string;
  readonly InstanceType: string;
  readonly InstancePlatform: string;
  readonly AvailabilityZone: string;
  readonly TotalInstanceCount: number;
  readonly AvailableInstanceCount: number;
  readonly InstanceMatchCriteria: "open" | "targeted";
  readonly State: "pending" | "active" | "cancelled";
  readonly Tags: readonly Tag[];
}

export interface SpotInstanceRequest {
  readonly SpotInstanceRequestId: string;
  readonly State: "open" | "active" | "closed" | "cancelled";
  readonly Status: { readonly Code: string };
  readonly InstanceId?: string;
  readonly LaunchSpecification: { readonly InstanceType: string; readonly Placement?: { readonly AvailabilityZone: string } };
  readonly SpotPrice?: string;
}

export interface EbsVolume {
  readonly VolumeId: string;
  readonly AvailabilityZone: string;
  readonly State: "in-use" | "available" | "deleted";
  readonly Attachments: readonly { readonly InstanceId: string }[];
  /** `impaired` while I/O is paused (what DescribeVolumeStatus reports within 120 s). */
  readonly VolumeStatus: "ok" | "impaired";
}

export interface RunInstancesRequest {
  readonly InstanceType: string;
  readonly MinCount: number;
  readonly MaxCount: number;
  /** When absent: the zone with the most free slots for the type (first by name). */
  readonly Placement?: { readonly AvailabilityZone: string };
  readonly InstanceMarketOptions?: { readonly MarketType: "spot"; readonly SpotOptions?: { readonly MaxPrice?: string } };
  readonly CapacityReservationSpecification?: {
    /** `open` (default): use a matching open reservation if one has room; `none`: never. */
    readonly CapacityReservationPreference?: "open" | "none";
    readonly CapacityReservationTarget?: { readonly CapacityReservationId: string };
  };
  readonly TagSpecifications?: readonly { readonly ResourceType: "instance"; readonly Tags: readonly Tag[] }[];
}
export interface RunInstancesResponse {
  readonly Instances: readonly Instance[];
}

export interface InstanceIdsRequest {
  readonly InstanceIds: readonly string[];
}
export interface InstanceStateChange {
  readonly InstanceId: string;
  readonly PreviousState: { readonly Name: InstanceStateName };
  readonly CurrentState: { readonly Name: InstanceStateName };
}
export interface StartInstancesResponse {
  readonly StartingInstances: readonly InstanceStateChange[];
}
export interface StopInstancesResponse {
  readonly StoppingInstances: readonly InstanceStateChange[];
}
export interface TerminateInstancesResponse {
  readonly TerminatingInstances: readonly InstanceStateChange[];
}

export interface DescribeInstancesRequest {
  /** All instances when absent. */
  readonly InstanceIds?: readonly string[];
}
/** Simplified from AWS: instances are not grouped into reservations. */
export interface DescribeInstancesResponse {
  readonly Instances: readonly Instance[];
}

export interface RequestSpotInstancesRequest {
  readonly InstanceCount: number;
  readonly LaunchSpecification: { readonly InstanceType: string; readonly Placement?: { readonly AvailabilityZone: string } };
  readonly SpotPrice?: string;
}
export interface RequestSpotInstancesResponse {
  readonly SpotInstanceRequests: readonly SpotInstanceRequest[];
}

export interface CancelSpotInstanceRequestsRequest {
  readonly SpotInstanceRequestIds: readonly string[];
}
export interface CancelSpotInstanceRequestsResponse {
  readonly CancelledSpotInstanceRequests: readonly { readonly SpotInstanceRequestId: string; readonly State: "cancelled" }[];
}

export interface DescribeSpotInstanceRequestsRequest {
  readonly SpotInstanceRequestIds?: readonly string[];
}
export interface DescribeSpotInstanceRequestsResponse {
  readonly SpotInstanceRequests: readonly SpotInstanceRequest[];
}

export interface CreateCapacityReservationRequest {
  readonly InstanceType: string;
  /** @default "Linux/UNIX" */
  readonly InstancePlatform?: string;
  readonly AvailabilityZone: string;
  readonly InstanceCount: number;
  /** @default "open" (AWS's default) */
  readonly InstanceMatchCriteria?: "open" | "targeted";
  readonly TagSpecifications?: readonly { readonly ResourceType: "capacity-reservation"; readonly Tags: readonly Tag[] }[];
}
export interface CreateCapacityReservationResponse {
  readonly CapacityReservation: CapacityReservation;
}

export interface CancelCapacityReservationRequest {
  readonly CapacityReservationId: string;
}
export interface CancelCapacityReservationResponse {
  readonly Return: true;
}

export interface DescribeCapacityReservationsRequest {
  readonly CapacityReservationIds?: readonly string[];
}
export interface DescribeCapacityReservationsResponse {
  readonly CapacityReservations: readonly CapacityReservation[];
}

export type DescribeAvailabilityZonesRequest = Record<string, never>;
export interface DescribeAvailabilityZonesResponse {
  readonly AvailabilityZones: readonly AvailabilityZoneInfo[];
}

export interface DescribeVolumesRequest {
  readonly VolumeIds?: readonly string[];
}
export interface DescribeVolumesResponse {
  readonly Volumes: readonly EbsVolume[];
}

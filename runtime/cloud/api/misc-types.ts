/** EventBridge, ConnectionRoute 53, KMS and ElastiCache shapes, named as in the AWS SDK (v3). */

// --- EventBridge -------------------------------------------------------------------------------

/** An event as EventBridge delivers it to a target (the `detail-type` spelling is AWS's). */
export interface CloudEvent {
  readonly version: "0";
  readonly id: string;
  readonly "detail-type": string;
  readonly source: string;
  readonly account: string;
  /** When the event happened (virtual ms), not when it was delivered. */
  readonly time: number;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface PutEventsRequestEntry {
  readonly Source: string;
  readonly DetailType: string;
  /** A JSON object, as a string (as in the SDK). */
  readonly Detail: string;
  readonly Resources?: readonly string[];
  /** @default "default" */
  readonly EventBusName?: string;
}
export interface PutEventsRequest {
  readonly Entries: readonly PutEventsRequestEntry[];
}
export interface PutEventsResponse {
  readonly FailedEntryCount: number;
  readonly Entries: readonly ({ readonly EventId: string } | { readonly ErrorCode: string; readonly ErrorMessage: string })[];
}

export interface PutRuleRequest {
  readonly Name: string;
  /** An EventBridge event pattern, as a JSON string. */
  readonly EventPattern: string;
  /** @default "ENABLED" */
  readonly State?: "ENABLED" | "DISABLED";
  /** @default "default" */
  readonly EventBusName?: string;
}
export interface PutRuleResponse {
  readonly RuleArn: string;
}

export interface PutTargetsRequest {
  readonly Rule: string;
  readonly Targets: readonly { readonly Id: string; readonly Arn: string }[];
  /** @default "default" */
  readonly EventBusName?: string;
}
export interface PutTargetsResponse {
  readonly FailedEntryCount: number;
}

// --- ConnectionRoute 53 ----------------------------------------------------------------------------------

export type RecordType = "A" | "AAAA" | "CNAME" | "TXT";

export interface ResourceRecordSet {
  readonly Name: string;
  readonly Type: RecordType;
  /** Seconds, as in ConnectionRoute 53. */
  readonly TTL: number;
  readonly ResourceRecords: readonly { readonly Value: string }[];
}

export interface ChangeResourceRecordSetsRequest {
  readonly HostedZoneId: string;
  readonly ChangeBatch: {
    readonly Changes: readonly { readonly Action: "CREATE" | "UPSERT" | "DELETE"; readonly ResourceRecordSet: ResourceRecordSet }[];
  };
}
export interface ChangeInfo {
  readonly Id: string;
  readonly Status: "PENDING" | "INSYNC";
  readonly SubmittedAt: number;
}
export interface ChangeResourceRecordSetsResponse {
  readonly ChangeInfo: ChangeInfo;
}
export interface GetChangeRequest {
  readonly Id: string;
}
export interface GetChangeResponse {
  readonly ChangeInfo: ChangeInfo;
}
export interface ListResourceRecordSetsRequest {
  readonly HostedZoneId: string;
}
export interface ListResourceRecordSetsResponse {
  readonly ResourceRecordSets: readonly ResourceRecordSet[];
}

// --- KMS ---------------------------------------------------------------------------------------

export type KeyState = "Enabled" | "Disabled" | "PendingDeletion";

export interface KeyMetadata {
  readonly KeyId: string;
  readonly Arn: string;
  readonly KeyState: KeyState;
  readonly Enabled: boolean;
  readonly Description: string;
  /** When a key pending deletion is deleted (virtual ms). */
  readonly DeletionDate?: number;
}

export interface CreateKeyRequest {
  readonly Description?: string;
}
export interface KeyIdRequest {
  /** Key id, key ARN, or the key's Terraform address for keys loaded from a plan. */
  readonly KeyId: string;
}
export interface KeyMetadataResponse {
  readonly KeyMetadata: KeyMetadata;
}
export interface ScheduleKeyDeletionRequest {
  readonly KeyId: string;
  /** 7–30 days. @default 30 */
  readonly PendingWindowInDays?: number;
}
export interface ScheduleKeyDeletionResponse {
  readonly KeyId: string;
  readonly DeletionDate: number;
}
export type EmptyResponse = Record<string, never>;

// --- ElastiCache -------------------------------------------------------------------------------

export interface NodeGroupMember {
  readonly CacheClusterId: string;
  readonly PreferredAvailabilityZone: string;
  readonly CurrentRole: "primary" | "replica";
  /** Mock detail: `available`, or `unavailable` while its zone has no power. */
  readonly Status: "available" | "unavailable";
}

export interface ReplicationGroup {
  readonly ReplicationGroupId: string;
  readonly Status: "available" | "modifying";
  readonly AutomaticFailover: "enabled" | "disabled";
  readonly MultiAZ: "enabled" | "disabled";
  readonly NodeGroups: readonly { readonly NodeGroupId: string; readonly NodeGroupMembers: readonly NodeGroupMember[] }[];
}

export interface DescribeReplicationGroupsRequest {
  readonly ReplicationGroupId?: string;
}
export interface DescribeReplicationGroupsResponse {
  readonly ReplicationGroups: readonly ReplicationGroup[];
}
export interface TestFailoverRequest {
  readonly ReplicationGroupId: string;
  readonly NodeGroupId: string;
}
export interface TestFailoverResponse {
  readonly ReplicationGroup: ReplicationGroup;
}

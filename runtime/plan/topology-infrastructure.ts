/**
 * The parts of the topology around the databases: capacity, endpoints, events, backups, schedules
 * and drills. Plain data, as the rest of the topology. Values the plan leaves out carry the default
 * Terraform/AWS would apply (each field says which), so the mock cloud runs what `apply` would build.
 */
import type { ContingencyDesignation, Role } from "../../lib/contract/plan-contract";
import type { ProcessingNode } from "./processing-nodes";
import type { Link } from "./topology";
import type { StorageTopology } from "./topology-storage";

/** What every node built from a resource of ours carries from its tags. */
export interface Tagged {
  /** `resilience:role` tag, when present. */
  readonly role?: Role;
  /** `resilience:topology` tag, when present. */
  readonly topology?: string;
}

export interface CapacityReservationNode extends Tagged {
  readonly address: string;
  readonly instanceType: string;
  readonly availabilityZone?: string;
  readonly instanceCount: number;
  readonly platform: string;
  /** `open` unless set (the AWS default): any matching launch may use it. */
  readonly matchCriteria: "open" | "targeted";
}

/**
 * A contingency designation, from the `contingency_designations_<id>` output, or from
 * the pool's `resilience:designated-count` tag when a hand-written plan has no output (count mode).
 */
export interface ContingencyDesignationNode extends ContingencyDesignation {
  /** The output it was read from (absent when read from the tag). */
  readonly output?: string;
  readonly source: "output" | "tag";
  /** Name of the spot pool's Auto Scaling group. */
  readonly spotPool: string;
  /** Address of that group. */
  readonly pool: string;
  /** Interruptible-reservation mode: address of the lent reservation in the contingency zone. */
  readonly reservation?: string;
}

export interface LaunchTemplateNode {
  readonly address: string;
  readonly name?: string;
  readonly instanceType?: string;
  /** `capacity_reservation_specification`: a targeted reservation, or a preference (`open` | `none`). */
  readonly capacityReservation?: { readonly preference?: string; readonly target?: Link };
  /** `instance_market_options.market_type = "spot"`. */
  readonly spot: boolean;
}

export interface AutoScalingGroupNode extends Tagged {
  readonly address: string;
  readonly name?: string;
  readonly minSize: number;
  readonly maxSize: number;
  /** `desired_capacity`, else `min_size` (what AWS starts with). */
  readonly desiredCapacity: number;
  /** From `availability_zones`, or the zones of the `vpc_zone_identifier` subnets. */
  readonly zones: readonly string[];
  readonly launchTemplate?: Link;
  /** Launch template's type first, then the mixed policy's overrides. */
  readonly instanceTypes: readonly string[];
  /** Absent without a mixed instances policy (the group is all on-demand, or all spot per its template). */
  readonly mixed?: {
    /** Default 0. */
    readonly onDemandBase: number;
    /** Default 100 (AWS): everything above the base is on-demand unless lowered. */
    readonly onDemandPercentAboveBase: number;
    /** Default `lowest-price` (AWS); `price-capacity-optimized` is the recommended one. */
    readonly spotAllocationStrategy: string;
    readonly spotMaxPrice?: string;
  };
  /** `resilience:designated-count` tag of a contingency pool: instances designated for the failover. */
  readonly designatedCount?: number;
  /** Default false. */
  readonly capacityRebalance: boolean;
}

export interface EventTargetNode {
  readonly address: string;
  /** `target_id`, else the Terraform name (Terraform generates a unique id). */
  readonly targetId: string;
  readonly arn: Link;
}

export interface EventRuleNode extends Tagged {
  readonly address: string;
  /** `name`, else the Terraform name (Terraform would generate one). */
  readonly name: string;
  /** The parsed event pattern. */
  readonly eventPattern?: unknown;
  readonly scheduleExpression?: string;
  /** `state` (default `ENABLED`) or the deprecated `is_enabled` (default true). */
  readonly enabled: boolean;
  /** Default `default`. */
  readonly eventBus: string;
  readonly targets: readonly EventTargetNode[];
}

export interface BackupVaultNode {
  readonly address: string;
  readonly name: string;
  readonly kmsKey?: Link;
  /** The vault's region when it differs from the default provider's (a provider alias, or `region` in provider v6). */
  readonly region?: string;
  /** `aws_backup_vault_lock_configuration`: compliance mode when `changeable_for_days` is set, else governance. */
  readonly lock?: { readonly minRetentionDays?: number; readonly maxRetentionDays?: number; readonly mode: "governance" | "compliance" };
}

export interface BackupRuleNode {
  readonly name: string;
  readonly vault: Link;
  /** Default `cron(0 5 ? * * *)`: AWS Backup's default daily window starts 05:00 UTC. */
  readonly schedule: string;
  /** Default 480 (8 hours, AWS's default start window). */
  readonly startWindowMinutes: number;
  /** Default 10080 (7 days, AWS's default completion window). */
  readonly completionWindowMinutes: number;
  /** Absent: recovery points are kept until deleted. */
  readonly deleteAfterDays?: number;
  /** Absent: never moved to cold storage. */
  readonly coldStorageAfterDays?: number;
  /** Default false: continuous backup (point-in-time restore) is off. */
  readonly continuousBackup: boolean;
  readonly copyActions: readonly {
    readonly destinationVault: Link;
    readonly deleteAfterDays?: number;
    readonly coldStorageAfterDays?: number;
  }[];
}

export interface BackupPlanNode extends Tagged {
  readonly address: string;
  readonly name: string;
  readonly rules: readonly BackupRuleNode[];
}

export interface BackupSelectionNode {
  readonly address: string;
  readonly name: string;
  readonly plan: Link;
  /** Resources selected by ARN (our constructs select by ARN). */
  readonly resources: readonly Link[];
  readonly selectionTags: readonly { readonly key: string; readonly value: string }[];
}

export interface SnapshotScheduleNode extends Tagged {
  readonly address: string;
  readonly identifier?: string;
  /** `rate(12 hours)` or `cron(...)` expressions. */
  readonly definitions: readonly string[];
  /** Clusters associated through `aws_redshift_snapshot_schedule_association`. */
  readonly clusters: readonly Link[];
}

export interface ScheduledActionNode {
  readonly address: string;
  readonly name: string;
  /** `cron(...)` or `at(...)`. */
  readonly schedule: string;
  readonly action: "pause" | "resume" | "resize";
  readonly cluster: Link;
  /** Default true. */
  readonly enabled: boolean;
}

export interface FisActionNode {
  readonly name: string;
  readonly actionId: string;
  readonly description?: string;
  readonly startAfter: readonly string[];
  readonly parameters: Readonly<Record<string, string>>;
  /** Target key (e.g. `Clusters`) → target name. */
  readonly targets: Readonly<Record<string, string>>;
}

export interface FisTargetNode {
  readonly name: string;
  readonly resourceType: string;
  /** `ALL`, `COUNT(n)` or `PERCENT(n)`. */
  readonly selectionMode: string;
  readonly resources: readonly Link[];
  readonly resourceTags: Readonly<Record<string, string>>;
  readonly filters: readonly { readonly path: string; readonly values: readonly string[] }[];
  readonly parameters: Readonly<Record<string, string>>;
}

export interface FisTemplateNode extends Tagged {
  readonly address: string;
  readonly description: string;
  readonly actions: readonly FisActionNode[];
  readonly targets: readonly FisTargetNode[];
  /** Stop conditions other than `none` (CloudWatch alarms: not evaluated by the emulator). */
  readonly stopConditions: readonly { readonly source: string; readonly value?: string }[];
  /** Default `fail`: an action whose target resolves to nothing fails the experiment. */
  readonly emptyTargetResolution: "fail" | "skip";
}

export interface DnsRecordNode {
  readonly address: string;
  readonly name: string;
  readonly type: string;
  readonly zoneId: Link;
  /** Absent for alias records (an alias has no TTL of its own). */
  readonly ttlSeconds?: number;
  readonly values: readonly string[];
  readonly alias?: { readonly name: string };
  /** The plan resource whose endpoint the record names (`${aws_rds_cluster.x.endpoint}`, a proxy, …). */
  readonly pointsTo?: { readonly address: string };
}

export interface DbProxyNode extends Tagged {
  readonly address: string;
  readonly name: string;
  readonly engineFamily: string;
  /** Zones of the proxy's subnets. */
  readonly zones: readonly string[];
  /** The cluster (or instance) an `aws_db_proxy_target` registers. */
  readonly target?: Link;
}

/** The topology fields this file adds (and the storage ones, `topology-storage.ts`). */
export interface InfrastructureTopology extends StorageTopology {
  /** Hosts tagged `resilience:role = processing`; absent when the plan tags none. */
  readonly processingNodes?: readonly ProcessingNode[];
  /** Every region the plan names (provider blocks, aliases, per-resource `region`), sorted. */
  readonly regions: readonly string[];
  readonly capacityReservations: readonly CapacityReservationNode[];
  readonly launchTemplates: readonly LaunchTemplateNode[];
  readonly autoScalingGroups: readonly AutoScalingGroupNode[];
  /** Contingency capacity: capacity designated (not reserved) for a service in another zone; see `build-designations.ts`. */
  readonly contingencyDesignations: readonly ContingencyDesignationNode[];
  readonly eventRules: readonly EventRuleNode[];
  readonly backupVaults: readonly BackupVaultNode[];
  readonly backupPlans: readonly BackupPlanNode[];
  readonly backupSelections: readonly BackupSelectionNode[];
  readonly snapshotSchedules: readonly SnapshotScheduleNode[];
  readonly scheduledActions: readonly ScheduledActionNode[];
  readonly fisTemplates: readonly FisTemplateNode[];
  readonly dnsRecords: readonly DnsRecordNode[];
  readonly dbProxies: readonly DbProxyNode[];
}

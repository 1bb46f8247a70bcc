import {
  ENGINE_FAMILY,
  type Engine,
  type EngineFamily,
  GIB_PER_ACU,
  PROMOTION_TIER,
  SERVERLESS_INSTANCE_CLASS,
} from "../contract/plan-contract";
import { DEFAULT_DNS_TTL_SECONDS } from "../private/defaults";
import { FAMILY_LIMITS, type FamilyLimits } from "./families";
import { instanceMemoryGib } from "./instance-class";
import type { AuroraDatabaseProps, DatabaseSubnet, ElastiCacheDatabaseProps, MultiAzDatabaseProps } from "./props";

/** One placed node of the topology (an Aurora instance, an ElastiCache primary or replica), defaults applied. */
export interface ResolvedMember {
  /** `Writer`, the standby's id, `primary`, `replica-1`… */
  readonly name: string;
  /** Position among the standbys (or replicas); undefined for the writer. */
  readonly index?: number;
  /** The prop that holds the member's zone, for messages: `standbys[0].availabilityZone`. */
  readonly zoneField: string;
  /** The prop that holds the member's class, for messages. */
  readonly classField: string;
  /** Undefined when AWS picks the zone. */
  readonly availabilityZone?: string;
  readonly instanceClass: string;
  /** Memory the member can reach, in GiB; undefined when it cannot be sized (unknown class, token). */
  readonly capacityGib?: number;
  readonly role: "writer" | "failover" | "read";
  /** Aurora only. */
  readonly promotionTier?: number;
  /** Aurora Serverless v2 (`db.serverless`). */
  readonly serverless: boolean;
}

/** The topology after defaults: what the renderers emit and the rules check. */
export interface ResolvedDatabase {
  readonly engine: Engine;
  readonly family: EngineFamily;
  readonly limits: FamilyLimits;
  /** Cluster (or replication group) identifier. */
  readonly identifier: string;
  readonly subnets: readonly DatabaseSubnet[];
  /** The writer, coordinator or primary; its zone is undefined when AWS picks it. */
  readonly writer: ResolvedMember;
  /**
   * Standbys the user places by zone (Aurora standbys, ElastiCache replicas). A Multi-AZ DB
   * cluster's and Redshift's standbys are placed by AWS, one per other zone, so none are listed.
   */
  readonly standbys: readonly ResolvedMember[];
  readonly availabilityZones?: readonly string[];
  readonly backupWindow?: string;
  readonly maintenanceWindow?: string;
  readonly retentionDays: number;
  readonly dnsTtlSeconds?: number;
  readonly props: MultiAzDatabaseProps;
  /**
   * Terraform addresses of `aws_rds_cluster_instance`s in the stack that join this cluster; read
   * at synth, when the whole stack exists (a Multi-AZ DB cluster must have none).
   */
  readonly attachedInstances: () => readonly string[];
}

/** Applies every default in one visible place. */
export function resolveDatabase(
  props: MultiAzDatabaseProps,
  identifier: string,
  attachedInstances: () => readonly string[],
): ResolvedDatabase {
  const family = ENGINE_FAMILY[props.engine];
  const limits = FAMILY_LIMITS[family];
  const base = {
    engine: props.engine,
    family,
    limits,
    identifier,
    subnets: props.subnets,
    maintenanceWindow: props.preferredMaintenanceWindow,
    retentionDays: props.backupRetentionDays ?? limits.defaultRetentionDays,
    dnsTtlSeconds: props.dnsRecord ? (props.dnsRecord.ttlSeconds ?? DEFAULT_DNS_TTL_SECONDS) : undefined,
    props,
    attachedInstances,
  };
  switch (props.engine) {
    case "aurora-postgresql":
    case "aurora-mysql":
      return { ...base, ...auroraMembers(props), availabilityZones: props.availabilityZones, backupWindow: props.preferredBackupWindow };
    case "rds-multi-az-cluster":
      return {
        ...base,
        writer: awsPlaced("writer", props.instanceClass, "instanceClass"),
        standbys: [],
        availabilityZones: props.availabilityZones,
        backupWindow: props.preferredBackupWindow,
      };
    case "redshift":
      return { ...base, writer: awsPlaced("coordinator", props.nodeType, "nodeType", props.availabilityZone), standbys: [] };
    case "elasticache":
      return { ...base, ...cacheMembers(props), backupWindow: props.preferredBackupWindow };
  }
}

function auroraMembers(props: AuroraDatabaseProps): Pick<ResolvedDatabase, "writer" | "standbys"> {
  const capacity = (instanceClass: string) =>
    instanceClass === SERVERLESS_INSTANCE_CLASS
      ? props.serverlessV2Scaling && props.serverlessV2Scaling.maxCapacity * GIB_PER_ACU
      : instanceMemoryGib(instanceClass);
  const writer: ResolvedMember = {
    name: "Writer",
    zoneField: "writer.availabilityZone",
    classField: "writer.instanceClass",
    availabilityZone: props.writer.availabilityZone,
    instanceClass: props.writer.instanceClass,
    capacityGib: capacity(props.writer.instanceClass),
    role: "writer",
    promotionTier: PROMOTION_TIER.writer,
    serverless: props.writer.instanceClass === SERVERLESS_INSTANCE_CLASS,
  };
  const standbys = props.standbys.map((s, index): ResolvedMember => {
    // Same class as the writer, so a failover keeps capacity.
    const instanceClass = s.instanceClass ?? props.writer.instanceClass;
    return {
      name: s.id,
      index,
      zoneField: `standbys[${index}].availabilityZone`,
      classField: `standbys[${index}].instanceClass`,
      availabilityZone: s.availabilityZone,
      instanceClass,
      capacityGib: capacity(instanceClass),
      role: s.role,
      promotionTier: s.promotionTier ?? (s.role === "failover" ? PROMOTION_TIER.failover : PROMOTION_TIER.readMin),
      serverless: instanceClass === SERVERLESS_INSTANCE_CLASS,
    };
  });
  return { writer, standbys };
}

/** Every node of a replication group has the group's node type; automatic failover makes every replica a failover target. */
function cacheMembers(props: ElastiCacheDatabaseProps): Pick<ResolvedDatabase, "writer" | "standbys"> {
  const member = (name: string, zoneField: string, availabilityZone: string, role: ResolvedMember["role"], index?: number) => ({
    name,
    ...(index === undefined ? {} : { index }),
    zoneField,
    classField: "nodeType",
    availabilityZone,
    instanceClass: props.nodeType,
    role,
    serverless: false,
  });
  return {
    writer: member("primary", "primaryAvailabilityZone", props.primaryAvailabilityZone, "writer"),
    standbys: props.replicaAvailabilityZones.map((az, i) =>
      member(`replica-${i + 1}`, `replicaAvailabilityZones[${i}]`, az, "failover", i),
    ),
  };
}

function awsPlaced(name: string, instanceClass: string, classField: string, availabilityZone?: string): ResolvedMember {
  return {
    name,
    zoneField: "availabilityZone",
    classField,
    ...(availabilityZone === undefined ? {} : { availabilityZone }),
    instanceClass,
    role: "writer",
    serverless: false,
  };
}

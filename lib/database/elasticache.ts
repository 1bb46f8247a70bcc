import { type Role, TAG } from "../contract/plan-contract";
import { ElasticacheReplicationGroup, ElasticacheSubnetGroup, Token } from "../private/cdktf";
import {
  DEFAULT_CACHE_ENGINE,
  DEFAULT_CACHE_PORT,
  defaultFinalSnapshotIdentifier,
  FINAL_SNAPSHOT_IGNORE_CHANGES,
} from "../private/defaults";
import { ID } from "./construct-ids";
import type { ElastiCacheDatabaseProps } from "./props";
import type { AlarmSpec, EngineOutput, RenderInput } from "./render";
import { subnetGroupConfig } from "./subnet-group";
import { normalizeWindow } from "./windows";

/** What the ElastiCache renderer created. */
export interface ElastiCacheEngineResources {
  readonly kind: "elasticache";
  readonly subnetGroup: ElasticacheSubnetGroup;
  readonly replicationGroup: ElasticacheReplicationGroup;
}

/** One shard's placement: its primary's zone and one zone per replica. */
export interface ShardLayout {
  readonly primary: string;
  readonly replicas: readonly string[];
}

/**
 * Shard i rotates the zone list by i, so shard primaries spread over the zones: losing one zone
 * fails over only the shards whose primary lived there, and every shard keeps the same set of zones.
 */
export function shardLayouts(primary: string, replicas: readonly string[], shards: number): ShardLayout[] {
  const zones = [primary, ...replicas];
  return Array.from({ length: shards }, (_, i) => {
    const rotated = [...zones.slice(i % zones.length), ...zones.slice(0, i % zones.length)];
    return { primary: rotated[0] as string, replicas: rotated.slice(1) };
  });
}

/**
 * Renders an ElastiCache replication group with Multi-AZ and automatic failover: the primary
 * first in `preferred_cache_cluster_azs` and a replica per other listed zone (or, with shards,
 * one `node_group_configuration` per shard), encrypted at rest with the pair's key and in transit.
 */
export function renderElastiCache({
  scope,
  props,
  resolved,
  kmsKeyArn,
  tags,
}: RenderInput<ElastiCacheDatabaseProps>): EngineOutput<ElastiCacheEngineResources> {
  const identifier = resolved.identifier;
  const subnetGroup = new ElasticacheSubnetGroup(scope, ID.subnetGroup, subnetGroupConfig(identifier, props.subnets, tags));
  const shards = props.shards ?? 1;
  const replicas = props.replicaAvailabilityZones;
  const placement =
    shards === 1
      ? { numCacheClusters: 1 + replicas.length, preferredCacheClusterAzs: [props.primaryAvailabilityZone, ...replicas] }
      : {
          clusterMode: "enabled",
          numNodeGroups: shards,
          replicasPerNodeGroup: replicas.length,
          nodeGroupConfiguration: shardLayouts(props.primaryAvailabilityZone, replicas, shards).map((s, i) => ({
            nodeGroupId: String(i + 1).padStart(4, "0"),
            primaryAvailabilityZone: s.primary,
            replicaAvailabilityZones: [...s.replicas],
            replicaCount: s.replicas.length,
          })),
        };
  const replicationGroup = new ElasticacheReplicationGroup(scope, ID.primary, {
    replicationGroupId: identifier,
    description: `${identifier}: Multi-AZ with automatic failover (cdktf-resilience)`,
    engine: props.cacheEngine ?? DEFAULT_CACHE_ENGINE,
    engineVersion: props.engineVersion,
    nodeType: props.nodeType,
    port: props.port ?? DEFAULT_CACHE_PORT,
    parameterGroupName: props.parameterGroupName,
    subnetGroupName: subnetGroup.name,
    securityGroupIds: props.securityGroupIds ? [...props.securityGroupIds] : undefined,
    multiAzEnabled: true,
    automaticFailoverEnabled: true,
    ...placement,
    // The provider types `at_rest_encryption_enabled` as a string ("true"/"false").
    atRestEncryptionEnabled: "true",
    kmsKeyId: kmsKeyArn,
    transitEncryptionEnabled: true,
    snapshotRetentionLimit: resolved.retentionDays,
    snapshotWindow: props.preferredBackupWindow,
    maintenanceWindow: props.preferredMaintenanceWindow && normalizeWindow(props.preferredMaintenanceWindow),
    notificationTopicArn: props.alarmTopicArn,
    finalSnapshotIdentifier: defaultFinalSnapshotIdentifier(identifier),
    lifecycle: { ignoreChanges: [FINAL_SNAPSHOT_IGNORE_CHANGES] },
    tags: { ...tags, [TAG.role]: "cache" satisfies Role, [TAG.drillTarget]: identifier },
  });
  const endpoint = shards === 1 ? replicationGroup.primaryEndpointAddress : replicationGroup.configurationEndpointAddress;
  return {
    resources: { kind: "elasticache", subnetGroup, replicationGroup },
    writerEndpoint: endpoint,
    readerEndpoint: shards === 1 ? replicationGroup.readerEndpointAddress : undefined,
    alarms: shards === 1 && !Token.isUnresolved(identifier) ? replicationLagAlarms(identifier, 1 + replicas.length) : [],
  };
}

/**
 * One alarm per member cache cluster (`<group>-001`…, as ElastiCache names them): which member
 * is a replica changes with every failover, and only replicas report `ReplicationLag`, so the
 * primary's missing data does not breach.
 */
function replicationLagAlarms(identifier: string, members: number): AlarmSpec[] {
  return Array.from({ length: members }, (_, i) => {
    const member = `${identifier}-${String(i + 1).padStart(3, "0")}`;
    return {
      name: `replication-lag-${String(i + 1).padStart(3, "0")}`,
      description: `${member} lags its primary by more than 10 s while a replica: a failover to it would lose recent writes`,
      namespace: "AWS/ElastiCache",
      metricName: "ReplicationLag",
      dimensions: { CacheClusterId: member },
      statistic: "Maximum",
      comparison: "GreaterThanThreshold",
      threshold: 10,
      periodSeconds: 60,
      evaluationPeriods: 3,
      treatMissingData: "notBreaching",
    };
  });
}

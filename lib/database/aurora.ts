import { type Construct, DbSubnetGroup, KmsKey, RdsCluster, RdsClusterInstance } from "../private/cdktf";
import { DEFAULT_BACKUP_RETENTION_DAYS, defaultFinalSnapshotIdentifier, FINAL_SNAPSHOT_IGNORE_CHANGES } from "../private/defaults";
import { type Engine, TAG } from "../spec/contract";
import type { MultiAzDatabaseProps } from "./multi-az-database";
import type { ResolvedTopology } from "./resolve";

/** What the Aurora renderer created; the construct exposes it. */
export interface AuroraResources {
  readonly key?: KmsKey;
  readonly kmsKeyArn: string;
  readonly subnetGroup: DbSubnetGroup;
  readonly cluster: RdsCluster;
  readonly writer: RdsClusterInstance;
  readonly standbys: ReadonlyMap<string, RdsClusterInstance>;
}

const DEFAULT_MASTER_USERNAME: Readonly<Record<Engine, string>> = {
  "aurora-postgresql": "postgres",
  "aurora-mysql": "admin",
};

/**
 * Renders an Aurora cluster: writer at tier 0, failover standbys and readers with explicit
 * tiers, and the settings that must match across AZs (key, subnets, security groups) set once on
 * the cluster, which every instance inherits.
 */
export function renderAurora(
  scope: Construct,
  props: MultiAzDatabaseProps,
  topology: ResolvedTopology,
  identifier: string,
  topologyTag: string,
): AuroraResources {
  const key =
    props.kmsKeyArn === undefined
      ? new KmsKey(scope, "Key", {
          description: `Storage encryption for ${identifier} (cdktf-resilience)`,
          enableKeyRotation: true,
          deletionWindowInDays: 30,
          tags: { [TAG.topology]: topologyTag },
        })
      : undefined;
  const kmsKeyArn = props.kmsKeyArn ?? (key as KmsKey).arn;

  const subnetGroup = new DbSubnetGroup(scope, "SubnetGroup", {
    name: identifier,
    description: `Subnets of ${identifier} across ${new Set(props.subnets.map((s) => s.availabilityZone)).size} zones`,
    subnetIds: props.subnets.map((s) => s.subnetId),
    tags: { [TAG.topology]: topologyTag },
  });

  const cluster = new RdsCluster(scope, "Resource", {
    clusterIdentifier: identifier,
    engine: props.engine,
    engineVersion: props.engineVersion,
    databaseName: props.databaseName,
    masterUsername: props.masterUsername ?? DEFAULT_MASTER_USERNAME[props.engine],
    manageMasterUserPassword: true,
    iamDatabaseAuthenticationEnabled: true,
    storageEncrypted: true,
    kmsKeyId: kmsKeyArn,
    dbSubnetGroupName: subnetGroup.name,
    vpcSecurityGroupIds: props.securityGroupIds ? [...props.securityGroupIds] : undefined,
    backupRetentionPeriod: props.backupRetentionDays ?? DEFAULT_BACKUP_RETENTION_DAYS,
    copyTagsToSnapshot: true,
    deletionProtection: props.deletionProtection ?? true,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: defaultFinalSnapshotIdentifier(identifier),
    lifecycle: { ignoreChanges: [FINAL_SNAPSHOT_IGNORE_CHANGES] },
    tags: { [TAG.topology]: topologyTag },
  });

  const instance = (id: string, az: string, instanceClass: string, tier: number, role?: string) =>
    new RdsClusterInstance(scope, id, {
      identifier: `${identifier}-${id.toLowerCase()}`,
      clusterIdentifier: cluster.id,
      engine: props.engine,
      engineVersion: cluster.engineVersion,
      instanceClass,
      availabilityZone: az,
      promotionTier: tier,
      publiclyAccessible: false,
      tags: { [TAG.topology]: topologyTag, ...(role ? { [TAG.role]: role } : {}) },
    });

  const writer = instance("Writer", topology.writer.availabilityZone, topology.writer.instanceClass, 0, "coordinator");
  const standbys = new Map<string, RdsClusterInstance>();
  for (const s of topology.standbys) {
    const created = instance(s.id, s.availabilityZone, s.instanceClass, s.promotionTier, s.role === "failover" ? "supporting" : undefined);
    // Aurora makes the first instance that becomes available the writer; without this
    // dependency Terraform creates all instances at once and the writer's AZ is a coin toss.
    created.dependsOn = [writer.fqn];
    standbys.set(s.id, created);
  }
  return { key, kmsKeyArn, subnetGroup, cluster, writer, standbys };
}

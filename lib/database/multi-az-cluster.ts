import { type DbSubnetGroup, RdsCluster } from "../private/cdktf";
import { DEFAULT_MASTER_USERNAME, DEFAULT_MULTI_AZ_CLUSTER_STORAGE_TYPE } from "../private/defaults";
import { rdsSecureDefaults, rdsSubnetGroup } from "./aurora";
import { ID } from "./construct-ids";
import type { MultiAzClusterDatabaseProps } from "./props";
import type { EngineOutput, RenderInput } from "./render";
import { normalizeWindow } from "./windows";

/** What the Multi-AZ DB cluster renderer created: one resource, never an instance. */
export interface MultiAzClusterEngineResources {
  readonly kind: "rds-multi-az-cluster";
  readonly subnetGroup: DbSubnetGroup;
  readonly cluster: RdsCluster;
}

/**
 * Renders an RDS Multi-AZ DB cluster: `db_cluster_instance_class` and storage on the cluster
 * make RDS run a writer and two readable standbys, one per zone in three zones, all alike. No
 * `aws_rds_cluster_instance` is ever created (RDS rejects them; a rule catches any the stack adds).
 */
export function renderMultiAzCluster({
  scope,
  props,
  resolved,
  kmsKeyArn,
  tags,
}: RenderInput<MultiAzClusterDatabaseProps>): EngineOutput<MultiAzClusterEngineResources> {
  const identifier = resolved.identifier;
  const subnetGroup = rdsSubnetGroup(scope, identifier, props.subnets, tags);
  const cluster = new RdsCluster(scope, ID.primary, {
    clusterIdentifier: identifier,
    engine: props.databaseEngine,
    engineVersion: props.engineVersion,
    dbClusterInstanceClass: props.instanceClass,
    allocatedStorage: props.allocatedStorageGib,
    storageType: props.storageType ?? DEFAULT_MULTI_AZ_CLUSTER_STORAGE_TYPE,
    iops: props.iops,
    availabilityZones: props.availabilityZones ? [...props.availabilityZones] : undefined,
    databaseName: props.databaseName,
    masterUsername: props.masterUsername ?? DEFAULT_MASTER_USERNAME[props.databaseEngine],
    ...rdsSecureDefaults(identifier, kmsKeyArn, props),
    dbSubnetGroupName: subnetGroup.name,
    vpcSecurityGroupIds: props.securityGroupIds ? [...props.securityGroupIds] : undefined,
    dbClusterParameterGroupName: props.parameterGroupName,
    backupRetentionPeriod: resolved.retentionDays,
    preferredBackupWindow: props.preferredBackupWindow,
    preferredMaintenanceWindow: props.preferredMaintenanceWindow && normalizeWindow(props.preferredMaintenanceWindow),
    tags: { ...tags },
  });
  return {
    resources: { kind: "rds-multi-az-cluster", subnetGroup, cluster },
    writerEndpoint: cluster.endpoint,
    readerEndpoint: cluster.readerEndpoint,
    // A thunk: each attribute reference costs a captured stack trace, so it is built only with a proxy.
    proxyTarget: () => ({
      engineFamily: props.databaseEngine === "postgres" ? "POSTGRESQL" : "MYSQL",
      clusterIdentifier: cluster.id,
      secretArn: cluster.masterUserSecret.get(0).secretArn,
      dependsOn: [],
    }),
    rdsEventSource: identifier,
    alarms: [],
  };
}

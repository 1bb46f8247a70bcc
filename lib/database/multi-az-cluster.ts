import { type DbSubnetGroup, RdsCluster } from "../private/cdktf";
import { DEFAULT_MULTI_AZ_CLUSTER_STORAGE_TYPE } from "../private/defaults";
import { ID } from "./construct-ids";
import type { MultiAzClusterDatabaseProps } from "./props";
import { rdsClusterConfig } from "./rds-cluster-config";
import type { EngineOutput, RenderInput } from "./render";

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
export function renderMultiAzCluster(input: RenderInput<MultiAzClusterDatabaseProps>): EngineOutput<MultiAzClusterEngineResources> {
  const { scope, props, resolved } = input;
  const { subnetGroup, config } = rdsClusterConfig(input, props.databaseEngine);
  const cluster = new RdsCluster(scope, ID.primary, {
    ...config,
    engine: props.databaseEngine,
    dbClusterInstanceClass: props.instanceClass,
    allocatedStorage: props.allocatedStorageGib,
    storageType: props.storageType ?? DEFAULT_MULTI_AZ_CLUSTER_STORAGE_TYPE,
    iops: props.iops,
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
    rdsEventSource: resolved.identifier,
    alarms: [],
  };
}

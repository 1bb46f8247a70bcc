import { RedshiftCluster, RedshiftSubnetGroup } from "../private/cdktf";
import {
  DEFAULT_REDSHIFT_MASTER_USERNAME,
  DEFAULT_REDSHIFT_NODES,
  DEFAULT_REDSHIFT_PORT,
  defaultFinalSnapshotIdentifier,
  FINAL_SNAPSHOT_IGNORE_CHANGES,
} from "../private/defaults";
import { ID } from "./construct-ids";
import type { RedshiftDatabaseProps } from "./props";
import type { EngineOutput, RenderInput } from "./render";
import { subnetGroupConfig } from "./subnet-group";
import { normalizeWindow } from "./windows";

/** What the Redshift renderer created. */
export interface RedshiftEngineResources {
  readonly kind: "redshift";
  readonly subnetGroup: RedshiftSubnetGroup;
  /** Both halves of the pair: AWS runs the supporting cluster from this one resource. */
  readonly cluster: RedshiftCluster;
}

/**
 * Renders Redshift Multi-AZ: one `aws_redshift_cluster` with `multi_az`, which AWS runs as a
 * coordinating cluster in `availability_zone` and a supporting cluster of the same node type and
 * count in another zone of the subnet group. Node count, key, subnets, security groups
 * and parameter group are set once and so are the same on both halves.
 */
export function renderRedshift({
  scope,
  props,
  resolved,
  kmsKeyArn,
  tags,
}: RenderInput<RedshiftDatabaseProps>): EngineOutput<RedshiftEngineResources> {
  const identifier = resolved.identifier;
  const subnetGroup = new RedshiftSubnetGroup(scope, ID.subnetGroup, subnetGroupConfig(identifier, props.subnets, tags));
  const nodes = props.numberOfNodes ?? DEFAULT_REDSHIFT_NODES;
  // Redshift restores snapshots only (the rule table rejects the other kinds); user and database come from the snapshot.
  const restore = props.restoreFrom?.kind === "snapshot" ? props.restoreFrom : undefined;
  const cluster = new RedshiftCluster(scope, ID.primary, {
    clusterIdentifier: identifier,
    multiAz: true,
    nodeType: props.nodeType,
    numberOfNodes: nodes,
    clusterType: nodes === 1 ? "single-node" : "multi-node",
    availabilityZone: props.availabilityZone,
    clusterVersion: props.engineVersion,
    databaseName: restore ? undefined : props.databaseName,
    masterUsername: restore ? undefined : (props.masterUsername ?? DEFAULT_REDSHIFT_MASTER_USERNAME),
    snapshotIdentifier: restore?.snapshotIdentifier,
    manageMasterPassword: true,
    masterPasswordSecretKmsKeyId: kmsKeyArn,
    // The provider types `encrypted` as a string ("true"/"false").
    encrypted: "true",
    kmsKeyId: kmsKeyArn,
    clusterSubnetGroupName: subnetGroup.name,
    vpcSecurityGroupIds: props.securityGroupIds ? [...props.securityGroupIds] : undefined,
    clusterParameterGroupName: props.parameterGroupName,
    port: props.port ?? DEFAULT_REDSHIFT_PORT,
    publiclyAccessible: false,
    enhancedVpcRouting: true,
    automatedSnapshotRetentionPeriod: resolved.retentionDays,
    preferredMaintenanceWindow: props.preferredMaintenanceWindow && normalizeWindow(props.preferredMaintenanceWindow),
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: defaultFinalSnapshotIdentifier(identifier),
    lifecycle: {
      ignoreChanges: [FINAL_SNAPSHOT_IGNORE_CHANGES, ...(restore?.onSourceChange === "ignore" ? ["snapshot_identifier"] : [])],
    },
    tags: { ...tags },
  });
  return {
    resources: { kind: "redshift", subnetGroup, cluster },
    writerEndpoint: cluster.dnsName,
    alarms: [
      {
        name: "health",
        description: `${identifier} reports unhealthy (HealthStatus 0) or stops reporting: the coordinating cluster is down or failing over`,
        namespace: "AWS/Redshift",
        metricName: "HealthStatus",
        dimensions: { ClusterIdentifier: identifier },
        statistic: "Minimum",
        comparison: "LessThanThreshold",
        threshold: 1,
        periodSeconds: 60,
        evaluationPeriods: 3,
        treatMissingData: "breaching",
      },
    ],
  };
}

import { DbSubnetGroup } from "../private/cdktf";
import { DEFAULT_MASTER_USERNAME, defaultFinalSnapshotIdentifier, FINAL_SNAPSHOT_IGNORE_CHANGES } from "../private/defaults";
import { ID } from "./construct-ids";
import type { RdsCommonProps } from "./props";
import type { RenderInput } from "./render";
import { subnetGroupConfig } from "./subnet-group";
import { normalizeWindow } from "./windows";

/**
 * The `aws_rds_cluster` settings Aurora and Multi-AZ DB clusters share, with the secure defaults
 * of every construct: encrypted with the pair's key (the managed master secret too), IAM auth, a
 * managed password, deletion protection, a final snapshot whose identifier cannot collide, and
 * every setting that must match across zones (subnets, security groups, parameter group) once.
 * Creates the DB subnet group it names.
 */
export function rdsClusterConfig(input: RenderInput<RdsCommonProps>, databaseEngine: "postgres" | "mysql") {
  const { scope, props, resolved, kmsKeyArn, tags } = input;
  const identifier = resolved.identifier;
  const subnetGroup = new DbSubnetGroup(scope, ID.subnetGroup, subnetGroupConfig(identifier, props.subnets, tags));
  // A restore takes the master user and database from its source: never set them (the rule table rejects them).
  const restore = props.restoreFrom?.rdsClusterRestore();
  return {
    subnetGroup,
    config: {
      clusterIdentifier: identifier,
      engineVersion: props.engineVersion,
      availabilityZones: props.availabilityZones ? [...props.availabilityZones] : undefined,
      databaseName: restore ? undefined : props.databaseName,
      masterUsername: restore ? undefined : (props.masterUsername ?? DEFAULT_MASTER_USERNAME[databaseEngine]),
      snapshotIdentifier: restore?.snapshotIdentifier,
      restoreToPointInTime: restore?.restoreToPointInTime && { ...restore.restoreToPointInTime },
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: kmsKeyArn,
      iamDatabaseAuthenticationEnabled: true,
      storageEncrypted: true,
      kmsKeyId: kmsKeyArn,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: props.securityGroupIds ? [...props.securityGroupIds] : undefined,
      dbClusterParameterGroupName: props.parameterGroupName,
      backupRetentionPeriod: resolved.retentionDays,
      preferredBackupWindow: props.preferredBackupWindow,
      preferredMaintenanceWindow: props.preferredMaintenanceWindow && normalizeWindow(props.preferredMaintenanceWindow),
      copyTagsToSnapshot: true,
      deletionProtection: props.deletionProtection ?? true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: defaultFinalSnapshotIdentifier(identifier),
      lifecycle: { ignoreChanges: [FINAL_SNAPSHOT_IGNORE_CHANGES, ...(restore?.ignoreChanges ?? [])] },
      tags: { ...tags },
    },
  };
}

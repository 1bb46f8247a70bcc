import { DbSubnetGroup, RdsCluster, RdsClusterInstance } from "../private/cdktf";
import { DEFAULT_MASTER_USERNAME, defaultFinalSnapshotIdentifier, FINAL_SNAPSHOT_IGNORE_CHANGES } from "../private/defaults";
import { TAG } from "../spec/contract";
import { ID } from "./construct-ids";
import type { AuroraDatabaseProps } from "./props";
import type { EngineOutput, RenderInput } from "./render";
import { normalizeWindow } from "./windows";

/** What the Aurora renderer created. */
export interface AuroraEngineResources {
  readonly kind: "aurora";
  readonly subnetGroup: DbSubnetGroup;
  readonly cluster: RdsCluster;
  readonly writer: RdsClusterInstance;
  /** By standby id. */
  readonly standbys: ReadonlyMap<string, RdsClusterInstance>;
}

/**
 * Renders an Aurora cluster: writer at tier 0, failover standbys and readers with explicit
 * tiers, and the settings that must match across zones (key, subnets, security groups, parameter
 * groups) set once, on the cluster or identically on every instance.
 */
export function renderAurora({
  scope,
  props,
  resolved,
  kmsKeyArn,
  tags,
}: RenderInput<AuroraDatabaseProps>): EngineOutput<AuroraEngineResources> {
  const identifier = resolved.identifier;
  const subnetGroup = rdsSubnetGroup(scope, identifier, props.subnets, tags);
  const cluster = new RdsCluster(scope, ID.primary, {
    clusterIdentifier: identifier,
    engine: props.engine,
    engineVersion: props.engineVersion,
    availabilityZones: props.availabilityZones ? [...props.availabilityZones] : undefined,
    databaseName: props.databaseName,
    masterUsername: props.masterUsername ?? DEFAULT_MASTER_USERNAME[props.engine === "aurora-postgresql" ? "postgres" : "mysql"],
    ...rdsSecureDefaults(identifier, kmsKeyArn, props),
    dbSubnetGroupName: subnetGroup.name,
    vpcSecurityGroupIds: props.securityGroupIds ? [...props.securityGroupIds] : undefined,
    dbClusterParameterGroupName: props.parameterGroupName,
    backupRetentionPeriod: resolved.retentionDays,
    preferredBackupWindow: props.preferredBackupWindow,
    preferredMaintenanceWindow: props.preferredMaintenanceWindow && normalizeWindow(props.preferredMaintenanceWindow),
    serverlessv2ScalingConfiguration: props.serverlessV2Scaling && { ...props.serverlessV2Scaling },
    tags: { ...tags },
  });

  // Each attribute reference builds a token and captures a stack trace: take each once, share it.
  const clusterId = cluster.id;
  const engineVersion = cluster.engineVersion;
  const instance = (member: (typeof resolved.standbys)[number] | typeof resolved.writer, id: string, role?: string) =>
    new RdsClusterInstance(scope, id, {
      identifier: `${identifier}-${id.toLowerCase()}`,
      clusterIdentifier: clusterId,
      engine: props.engine,
      engineVersion,
      instanceClass: member.instanceClass,
      availabilityZone: member.availabilityZone,
      promotionTier: member.promotionTier,
      dbParameterGroupName: props.instanceParameterGroupName,
      publiclyAccessible: false,
      tags: { ...tags, ...(role ? { [TAG.role]: role } : {}) },
    });

  const writer = instance(resolved.writer, ID.writer, "coordinator");
  const standbys = new Map<string, RdsClusterInstance>();
  const writerAddress = writer.fqn;
  for (const s of resolved.standbys) {
    const created = instance(s, s.name, s.role === "failover" ? "supporting" : undefined);
    // Aurora makes the first instance that becomes available the writer; without this
    // dependency Terraform creates all instances at once and the writer's AZ is a coin toss.
    created.dependsOn = [writerAddress];
    standbys.set(s.name, created);
  }
  return {
    resources: { kind: "aurora", subnetGroup, cluster, writer, standbys },
    writerEndpoint: cluster.endpoint,
    readerEndpoint: cluster.readerEndpoint,
    // A thunk: each attribute reference costs a captured stack trace, so it is built only with a proxy.
    proxyTarget: () => ({
      engineFamily: props.engine === "aurora-postgresql" ? "POSTGRESQL" : "MYSQL",
      clusterIdentifier: clusterId,
      secretArn: cluster.masterUserSecret.get(0).secretArn,
      dependsOn: [writerAddress],
    }),
    rdsEventSource: identifier,
    alarms: [
      {
        name: "replica-lag",
        description: `A reader of ${identifier} lags the writer by more than 1 s: reads are stale and the failover path is degraded`,
        namespace: "AWS/RDS",
        metricName: "AuroraReplicaLagMaximum",
        dimensions: { DBClusterIdentifier: identifier },
        statistic: "Maximum",
        comparison: "GreaterThanThreshold",
        threshold: 1000,
        periodSeconds: 60,
        evaluationPeriods: 5,
        treatMissingData: "notBreaching",
      },
    ],
  };
}

/** The DB subnet group of both RDS families: one group, every zone. */
export function rdsSubnetGroup(
  scope: RenderInput<unknown>["scope"],
  identifier: string,
  subnets: AuroraDatabaseProps["subnets"],
  tags: Readonly<Record<string, string>>,
): DbSubnetGroup {
  return new DbSubnetGroup(scope, ID.subnetGroup, {
    name: identifier,
    description: `Subnets of ${identifier} across ${new Set(subnets.map((s) => s.availabilityZone)).size} zones`,
    subnetIds: subnets.map((s) => s.subnetId),
    tags: { ...tags },
  });
}

/**
 * The secure defaults both RDS families share (DESIGN.md §4): encrypted with the pair's key
 * (the managed master secret too), IAM auth, a managed password, deletion protection, and a final
 * snapshot whose identifier cannot collide.
 */
export function rdsSecureDefaults(identifier: string, kmsKeyArn: string, props: { readonly deletionProtection?: boolean }) {
  return {
    manageMasterUserPassword: true,
    masterUserSecretKmsKeyId: kmsKeyArn,
    iamDatabaseAuthenticationEnabled: true,
    storageEncrypted: true,
    kmsKeyId: kmsKeyArn,
    copyTagsToSnapshot: true,
    deletionProtection: props.deletionProtection ?? true,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: defaultFinalSnapshotIdentifier(identifier),
    lifecycle: { ignoreChanges: [FINAL_SNAPSHOT_IGNORE_CHANGES] },
  };
}

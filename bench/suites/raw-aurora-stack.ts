import {
  AwsProvider,
  CloudwatchEventRule,
  CloudwatchMetricAlarm,
  type Construct,
  DbSubnetGroup,
  Fn,
  KmsKey,
  RdsCluster,
  RdsClusterInstance,
  Subnet,
  TerraformOutput,
  TerraformStack,
  Vpc,
} from "../../lib/private/cdktf";

/**
 * The Aurora example written by hand with raw provider classes: the baseline our construct's
 * synth time is compared against (same resources, same attributes, no validation).
 */
export class RawAuroraStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const region = "us-east-1";
    new AwsProvider(this, "aws", { region });
    const vpc = new Vpc(this, "Network", {
      cidrBlock: "10.40.0.0/16",
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: "orders-isolated" },
    });
    const subnets = ["a", "b", "c"].map(
      (s, i) =>
        new Subnet(this, `Private-${s}`, {
          vpcId: vpc.id,
          availabilityZone: `${region}${s}`,
          cidrBlock: `10.40.${i * 16}.0/20`,
          tags: { Name: `orders-private-${s}` },
        }),
    );
    const tags = { "resilience:topology": "Orders" };
    const key = new KmsKey(this, "Key", {
      description: "Storage encryption for aurora-postgres-orders (cdktf-resilience)",
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      tags,
    });
    const group = new DbSubnetGroup(this, "SubnetGroup", {
      name: "aurora-postgres-orders",
      description: "Subnets of aurora-postgres-orders across 3 zones",
      subnetIds: subnets.map((s) => s.id),
      tags,
    });
    const cluster = new RdsCluster(this, "Cluster", {
      clusterIdentifier: "aurora-postgres-orders",
      engine: "aurora-postgresql",
      engineVersion: "16.4",
      databaseName: "orders",
      masterUsername: "postgres",
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: key.arn,
      iamDatabaseAuthenticationEnabled: true,
      storageEncrypted: true,
      kmsKeyId: key.arn,
      dbSubnetGroupName: group.name,
      backupRetentionPeriod: 7,
      copyTagsToSnapshot: true,
      deletionProtection: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `aurora-postgres-orders-final-${Fn.formatdate("YYYYMMDDhhmmss", Fn.timestamp())}`,
      lifecycle: { ignoreChanges: ["final_snapshot_identifier"] },
      tags,
    });
    const instance = (id: string, az: string, tier: number, role?: string) =>
      new RdsClusterInstance(this, id, {
        identifier: `aurora-postgres-orders-${id.toLowerCase()}`,
        clusterIdentifier: cluster.id,
        engine: "aurora-postgresql",
        engineVersion: cluster.engineVersion,
        instanceClass: "db.r6g.large",
        availabilityZone: az,
        promotionTier: tier,
        publiclyAccessible: false,
        tags: role ? { ...tags, "resilience:role": role } : tags,
      });
    const writer = instance("Writer", `${region}a`, 0, "coordinator");
    instance("standby-b", `${region}b`, 1, "supporting").dependsOn = [writer.fqn];
    instance("reporting-c", `${region}c`, 2).dependsOn = [writer.fqn];
    new CloudwatchEventRule(this, "FailoverEvents", {
      name: "aurora-postgres-orders-failover",
      description: "Failover events of aurora-postgres-orders: started, completed, failed (cdktf-resilience)",
      eventPattern: JSON.stringify({
        source: ["aws.rds"],
        "detail-type": ["RDS DB Cluster Event"],
        detail: { EventCategories: ["failover"], SourceIdentifier: ["aurora-postgres-orders"] },
      }),
      tags,
    });
    new CloudwatchMetricAlarm(this, "ReplicaLag", {
      alarmName: "aurora-postgres-orders-replica-lag",
      alarmDescription:
        "A reader of aurora-postgres-orders lags the writer by more than 1 s: reads are stale and the failover path is degraded",
      namespace: "AWS/RDS",
      metricName: "AuroraReplicaLagMaximum",
      dimensions: { DBClusterIdentifier: "aurora-postgres-orders" },
      statistic: "Maximum",
      comparisonOperator: "GreaterThanThreshold",
      threshold: 1000,
      period: 60,
      evaluationPeriods: 5,
      treatMissingData: "notBreaching",
      tags,
    });
    new TerraformOutput(this, "writer_endpoint", { value: cluster.endpoint });
    new TerraformOutput(this, "reader_endpoint", { value: cluster.readerEndpoint });
  }
}

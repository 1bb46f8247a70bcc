import { BackupRule, BackupSchedule, MultiAzDatabase } from "../lib";
import { AwsProvider, type Construct, Route53Zone, SecurityGroup, SnsTopic, TerraformOutput, TerraformStack } from "../lib/private/cdktf";
import { isolatedNetwork } from "./network";

/**
 * Aurora MySQL on Serverless v2 behind RDS Proxy and a private DNS name: the writer in zone a, a
 * Serverless v2 failover standby in zone b at tier 1 (so it scales with the writer and takes over
 * at its capacity), and failover events and alarms sent to an SNS topic. Clients connect to
 * `cart-db.internal.example.com`, which names the proxy: a failover moves neither.
 */
export class AuroraMysqlServerlessStack extends TerraformStack {
  readonly database: MultiAzDatabase;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const region = "eu-west-1";
    new AwsProvider(this, "aws", { region });
    const { vpc, subnets } = isolatedNetwork(this, { region, name: "cart", cidrSecondOctet: 41 });
    const clients = new SecurityGroup(this, "DatabaseClients", {
      vpcId: vpc.id,
      description: "MySQL from inside the VPC, to the proxy and the cluster",
      ingress: [{ protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["10.41.0.0/16"] }],
    });
    const zone = new Route53Zone(this, "InternalZone", { name: "internal.example.com", vpc: [{ vpcId: vpc.id }] });
    const alerts = new SnsTopic(this, "DatabaseAlerts", { name: "cart-db-alerts" });

    this.database = new MultiAzDatabase(this, "Cart", {
      engine: "aurora-mysql",
      engineVersion: "8.0.mysql_aurora.3.08.0",
      databaseName: "cart",
      subnets,
      securityGroupIds: [clients.id],
      writer: { availabilityZone: `${region}a`, instanceClass: "db.serverless" },
      standbys: [{ id: "standby-b", availabilityZone: `${region}b`, role: "failover" }],
      serverlessV2Scaling: { minCapacity: 0.5, maxCapacity: 16 },
      preferredBackupWindow: "02:00-02:30",
      preferredMaintenanceWindow: "sun:03:00-sun:04:00",
      proxy: {},
      dnsRecord: { zoneId: zone.zoneId, name: "cart-db.internal.example.com" },
      alarmTopicArn: alerts.arn,
    });

    // A locked vault: nobody can delete a recovery point younger than a week.
    new BackupSchedule(this, "Backups", { protects: [this.database], rules: [BackupRule.daily()], vaultLock: { minRetentionDays: 7 } });

    new TerraformOutput(this, "endpoint", { value: this.database.endpoint });
  }
}

import { Acknowledge, BackupRule, BackupSchedule, MultiAzDatabase, RestoreSource } from "../lib";
import { AwsProvider, type Construct, TerraformOutput, TerraformStack } from "../lib/private/cdktf";
import { isolatedNetwork } from "./network";

/**
 * Point-in-time restore without touching production (seed 003's clone): the `Orders` cluster,
 * backed up continuously, and `Analytics`, an Aurora copy-on-write clone of it at the latest
 * restorable time — it shares Orders' pages until either writes, so it is created in minutes
 * whatever the size. The clone keeps its data when Orders changes later (`onSourceChange: 'ignore'`).
 */
export class AuroraCloneStack extends TerraformStack {
  readonly source: MultiAzDatabase;
  readonly clone: MultiAzDatabase;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const region = "eu-west-1";
    new AwsProvider(this, "aws", { region });
    const { subnets } = isolatedNetwork(this, { region, name: "orders", cidrSecondOctet: 46 });
    const zone = (z: string) => `${region}${z}`;

    this.source = new MultiAzDatabase(this, "Orders", {
      engine: "aurora-postgresql",
      engineVersion: "16.4",
      databaseName: "orders",
      subnets,
      writer: { availabilityZone: zone("a"), instanceClass: "db.r6g.large" },
      standbys: [{ id: "standby-b", availabilityZone: zone("b"), role: "failover" }],
    });
    new BackupSchedule(this, "Backups", { protects: [this.source], rules: [BackupRule.continuous({ retentionDays: 35 })] });

    this.clone = new MultiAzDatabase(this, "Analytics", {
      engine: "aurora-postgresql",
      engineVersion: "16.4",
      subnets,
      writer: { availabilityZone: zone("b"), instanceClass: "db.r6g.large" },
      standbys: [{ id: "standby-c", availabilityZone: zone("c"), role: "failover" }],
      restoreFrom: RestoreSource.clone(this.source, { onSourceChange: "ignore" }),
    });
    Acknowledge.of(this.clone).add("RES-RDS-BACKUP-PLAN", "a disposable analytics clone: re-cloned from Orders, never restored");

    new TerraformOutput(this, "orders_endpoint", { value: this.source.endpoint });
    new TerraformOutput(this, "analytics_endpoint", { value: this.clone.endpoint });
  }
}

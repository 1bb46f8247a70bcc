import { BackupRule, BackupSchedule, MultiAzDatabase, ResiliencePolicy } from "../lib";
import { AwsProvider, type Construct, TerraformOutput, TerraformStack } from "../lib/private/cdktf";
import { isolatedNetwork } from "./network";

/**
 * An RDS for PostgreSQL Multi-AZ DB cluster: a writer and two readable standbys, one in each of
 * the three zones, on io1 storage with provisioned IOPS. RDS places the three instances and fails
 * over to a standby (typically in under 35 s); the stack adds none. AWS Backup keeps a nightly
 * snapshot for 35 days and a monthly one for a year (in cold storage after a month).
 */
export class MultiAzClusterStack extends TerraformStack {
  readonly database: MultiAzDatabase;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const region = "us-east-2";
    new AwsProvider(this, "aws", { region });
    const { subnets } = isolatedNetwork(this, { region, name: "ledger", cidrSecondOctet: 42 });

    this.database = new MultiAzDatabase(this, "Ledger", {
      engine: "rds-multi-az-cluster",
      databaseEngine: "postgres",
      engineVersion: "16.4",
      databaseName: "ledger",
      subnets,
      instanceClass: "db.r6gd.large",
      allocatedStorageGib: 400,
      storageType: "io1",
      iops: 3000,
      availabilityZones: [`${region}a`, `${region}b`, `${region}c`],
    });

    new BackupSchedule(this, "Backups", {
      protects: [this.database],
      rules: [BackupRule.daily(), BackupRule.monthly1Year()],
    });

    new ResiliencePolicy(this, "Objectives", {
      policyName: "ledger-mission-critical",
      tier: "MissionCritical",
      software: { rto: "2m", rpo: "0s" },
      hardware: { rto: "2m", rpo: "0s" },
      az: { rto: "2m", rpo: "0s" },
      databases: [this.database],
    });

    new TerraformOutput(this, "writer_endpoint", { value: this.database.endpoint });
    new TerraformOutput(this, "reader_endpoint", { value: this.database.readerEndpoint });
  }
}

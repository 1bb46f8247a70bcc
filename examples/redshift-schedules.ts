import { HibernationSchedule, MultiAzDatabase, SnapshotSchedule } from "../lib";
import { AwsProvider, type Construct, TerraformOutput, TerraformStack } from "../lib/private/cdktf";
import { isolatedNetwork } from "./network";

/**
 * A Redshift Multi-AZ warehouse used on weekdays (seed 003): snapshots every 4 hours, copied to
 * us-east-1, and hibernation over the weekend — paused Friday 18:00 UTC, resumed Monday 07:00 UTC —
 * so its compute is not billed while nobody queries it.
 */
export class RedshiftSchedulesStack extends TerraformStack {
  readonly warehouse: MultiAzDatabase;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const region = "us-west-2";
    new AwsProvider(this, "aws", { region });
    const { subnets } = isolatedNetwork(this, { region, name: "analytics", cidrSecondOctet: 45 });

    this.warehouse = new MultiAzDatabase(this, "Analytics", {
      engine: "redshift",
      nodeType: "ra3.xlplus",
      availabilityZone: `${region}a`,
      databaseName: "analytics",
      subnets,
      preferredMaintenanceWindow: "sat:06:00-sat:06:30",
    });

    new SnapshotSchedule(this, "Snapshots", { every: "4h", redshift: [this.warehouse], copyToRegion: { region: "us-east-1" } });
    new HibernationSchedule(this, "Weekends", { database: this.warehouse, pauseAt: "fri 18:00", resumeAt: "mon 07:00" });

    new TerraformOutput(this, "endpoint", { value: this.warehouse.endpoint });
  }
}

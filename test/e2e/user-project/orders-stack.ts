import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import { DrillScenario, FailoverDrill, MultiAzDatabase } from "cdktf-resilience";
import type { Construct } from "constructs";

/** Aurora PostgreSQL: the writer in us-east-1a, a same-size failover standby in us-east-1b. */
export class OrdersStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "us-east-1" });
    const orders = new MultiAzDatabase(this, "Orders", {
      engine: "aurora-postgresql",
      subnets: [
        { subnetId: "subnet-0a1", availabilityZone: "us-east-1a" },
        { subnetId: "subnet-0b2", availabilityZone: "us-east-1b" },
        { subnetId: "subnet-0c3", availabilityZone: "us-east-1c" },
      ],
      writer: { availabilityZone: "us-east-1a", instanceClass: "db.r6g.large" },
      standbys: [{ id: "standby-b", availabilityZone: "us-east-1b", role: "failover" }],
    });
    // The failover to rehearse, as an AWS FIS experiment; `cdktf-resilience drill` runs it locally.
    new FailoverDrill(this, "OrdersFailoverDrill", { scenario: DrillScenario.databaseFailover(orders) });
  }
}

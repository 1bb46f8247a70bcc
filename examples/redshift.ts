import { MultiAzDatabase, ResiliencePolicy } from "../lib";
import { AwsProvider, type Construct, TerraformOutput, TerraformStack } from "../lib/private/cdktf";
import { isolatedNetwork } from "./network";

/**
 * Redshift Multi-AZ (seed 000): the coordinating cluster of two RA3 nodes in zone a, and a
 * supporting cluster of the same shape that AWS runs in zone b or c, behind one endpoint. Node
 * count, key and network are set once and so are the same on both.
 */
export class RedshiftStack extends TerraformStack {
  readonly warehouse: MultiAzDatabase;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const region = "us-west-2";
    new AwsProvider(this, "aws", { region });
    const { subnets } = isolatedNetwork(this, { region, name: "warehouse", cidrSecondOctet: 43 });

    this.warehouse = new MultiAzDatabase(this, "Warehouse", {
      engine: "redshift",
      nodeType: "ra3.xlplus",
      numberOfNodes: 2,
      availabilityZone: `${region}a`,
      databaseName: "sales",
      subnets,
      preferredMaintenanceWindow: "sat:06:00-sat:06:30",
    });

    new ResiliencePolicy(this, "Objectives", {
      policyName: "warehouse-important",
      tier: "Important",
      software: { rto: "5m", rpo: "0s" },
      hardware: { rto: "5m", rpo: "0s" },
      az: { rto: "5m", rpo: "0s" },
      databases: [this.warehouse],
    });

    new TerraformOutput(this, "endpoint", { value: this.warehouse.endpoint });
  }
}

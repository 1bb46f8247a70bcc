import { ContingencyCapacity } from "../lib";
import { AwsProvider, type Construct, TerraformOutput, TerraformStack } from "../lib/private/cdktf";
import { isolatedNetwork } from "./network";

/**
 * Contingency capacity for a head node: one r6g.large reserved in zone a, one designated in zone
 * b and leased out as spot from $0.05/h until a failover takes it back. Emulate zone a's loss with
 * `cdktf-resilience emulate cdktf.out/stacks/contingency --scenario az-outage --az us-east-1a`.
 */
export class ContingencyStack extends TerraformStack {
  readonly capacity: ContingencyCapacity;

  constructor(scope: Construct, id: string, props: { readonly region?: string } = {}) {
    super(scope, id);
    const region = props.region ?? "us-east-1";
    new AwsProvider(this, "aws", { region });
    const { subnets } = isolatedNetwork(this, { region, name: "head", cidrSecondOctet: 60 });

    this.capacity = new ContingencyCapacity(this, "HeadNode", {
      primaryAvailabilityZone: `${region}a`,
      contingencyAvailabilityZone: `${region}b`,
      instanceType: "r6g.large",
      primaryCount: 1,
      designatedCount: 1,
      minimumBidPerHour: 0.05,
      contingencySubnets: subnets.filter((s) => s.availabilityZone === `${region}b`),
    });

    new TerraformOutput(this, "primary_reservation", { value: this.capacity.reservation.id });
  }
}

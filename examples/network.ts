import type { DatabaseSubnet } from "../lib";
import { type Construct, Subnet, Vpc } from "../lib/private/cdktf";

/**
 * An isolated VPC (no internet gateway, no NAT: nothing outside reaches the database) with one
 * private subnet in each of the zones a, b and c of the region.
 */
export function isolatedNetwork(
  scope: Construct,
  props: { readonly region: string; readonly name: string; readonly cidrSecondOctet: number },
) {
  const vpc = new Vpc(scope, "Network", {
    cidrBlock: `10.${props.cidrSecondOctet}.0.0/16`,
    enableDnsHostnames: true,
    enableDnsSupport: true,
    tags: { Name: `${props.name}-isolated` },
  });
  const subnets: DatabaseSubnet[] = ["a", "b", "c"].map((suffix, i) => ({
    subnetId: new Subnet(scope, `Private-${suffix}`, {
      vpcId: vpc.id,
      availabilityZone: `${props.region}${suffix}`,
      cidrBlock: `10.${props.cidrSecondOctet}.${i * 16}.0/20`,
      tags: { Name: `${props.name}-private-${suffix}` },
    }).id,
    availabilityZone: `${props.region}${suffix}`,
  }));
  return { vpc, subnets };
}

import { MultiAzDatabase } from "../lib";
import { AwsProvider, type Construct, Subnet, TerraformOutput, TerraformStack, Vpc } from "../lib/private/cdktf";

/** Props of the example stack; tests and benchmarks vary the region. */
export interface AuroraPostgresStackProps {
  readonly region?: string;
}

/**
 * The first example: an isolated VPC (no internet gateway, no NAT: nothing outside reaches the
 * database) with one private subnet in each of three zones, and an Aurora PostgreSQL cluster with
 * its writer in zone a, a same-size failover standby in zone b and a reporting reader in zone c.
 */
export class AuroraPostgresStack extends TerraformStack {
  readonly database: MultiAzDatabase;

  constructor(scope: Construct, id: string, props: AuroraPostgresStackProps = {}) {
    super(scope, id);
    const region = props.region ?? "us-east-1";
    new AwsProvider(this, "aws", { region });

    const vpc = new Vpc(this, "Network", {
      cidrBlock: "10.40.0.0/16",
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: "orders-isolated" },
    });
    const subnets = ["a", "b", "c"].map(
      (suffix, i) =>
        new Subnet(this, `Private-${suffix}`, {
          vpcId: vpc.id,
          availabilityZone: `${region}${suffix}`,
          cidrBlock: `10.40.${i * 16}.0/20`,
          tags: { Name: `orders-private-${suffix}` },
        }),
    );

    this.database = new MultiAzDatabase(this, "Orders", {
      engine: "aurora-postgresql",
      engineVersion: "16.4",
      databaseName: "orders",
      subnets: subnets.map((s, i) => ({ subnetId: s.id, availabilityZone: `${region}${"abc"[i]}` })),
      writer: { availabilityZone: `${region}a`, instanceClass: "db.r6g.large" },
      standbys: [
        { id: "standby-b", availabilityZone: `${region}b`, role: "failover" },
        { id: "reporting-c", availabilityZone: `${region}c`, role: "read", instanceClass: "db.r6g.large" },
      ],
    });

    new TerraformOutput(this, "writer_endpoint", { value: this.database.endpoint });
    new TerraformOutput(this, "reader_endpoint", { value: this.database.readerEndpoint });
  }
}

import { BackupRule, BackupSchedule, DrillScenario, FailoverDrill, MultiAzDatabase, ResiliencePolicy } from "../lib";
import { AwsProvider, type Construct, TerraformOutput, TerraformStack } from "../lib/private/cdktf";
import { isolatedNetwork } from "./network";

/** Props of the example stack; tests and benchmarks vary the region. */
export interface AuroraPostgresStackProps {
  readonly region?: string;
  /**
   * Only the network and the database: the synth benchmark compares that part with the same
   * resources written with raw provider classes.
   * @default false - the backup schedule and the drill are included
   */
  readonly databaseOnly?: boolean;
}

/**
 * The first example: an isolated VPC with one private subnet in each of three zones, and an
 * Aurora PostgreSQL cluster with its writer in zone a, a same-size failover standby in zone b and
 * a reporting reader in zone c; a nightly AWS Backup plan copied to us-west-2; and a drill that
 * takes zone a's power away.
 */
export class AuroraPostgresStack extends TerraformStack {
  readonly database: MultiAzDatabase;

  constructor(scope: Construct, id: string, props: AuroraPostgresStackProps = {}) {
    super(scope, id);
    const region = props.region ?? "us-east-1";
    new AwsProvider(this, "aws", { region });
    const { subnets } = isolatedNetwork(this, { region, name: "orders", cidrSecondOctet: 40 });

    this.database = new MultiAzDatabase(this, "Orders", {
      engine: "aurora-postgresql",
      engineVersion: "16.4",
      databaseName: "orders",
      subnets,
      writer: { availabilityZone: `${region}a`, instanceClass: "db.r6g.large" },
      standbys: [
        { id: "standby-b", availabilityZone: `${region}b`, role: "failover" },
        { id: "reporting-c", availabilityZone: `${region}c`, role: "read", instanceClass: "db.r6g.large" },
      ],
    });

    if (!props.databaseOnly) this.resilience(region);

    new TerraformOutput(this, "writer_endpoint", { value: this.database.endpoint });
    new TerraformOutput(this, "reader_endpoint", { value: this.database.readerEndpoint });
  }

  private resilience(region: string): void {
    // The recovery objectives, in Resilience Hub's shape: `cdktf-resilience assess` measures them.
    new ResiliencePolicy(this, "Objectives", {
      policyName: "orders-critical",
      tier: "Critical",
      software: { rto: "1m", rpo: "0s" },
      hardware: { rto: "1m", rpo: "0s" },
      // 200 seeds of az-outage measured p99 42 s and a worst seed of 105 s: 2m holds in all of them.
      az: { rto: "2m", rpo: "0s" },
      databases: [this.database],
    });

    // Recovery points outside the cluster: nightly, kept 35 days, copied to a vault in another Region.
    new BackupSchedule(this, "Backups", {
      protects: [this.database],
      rules: [BackupRule.daily({ at: "03:00" })],
      copyTo: [{ region: region === "us-west-2" ? "us-east-2" : "us-west-2" }],
    });

    // The outage this stack is built to survive, as an FIS experiment: `cdktf-resilience drill` runs it locally.
    new FailoverDrill(this, "ZoneADrill", {
      scenario: DrillScenario.azPowerInterruption({ availabilityZone: `${region}a`, databases: [this.database] }),
    });
  }
}

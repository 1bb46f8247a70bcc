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
      // A writer reboot restarts its engine in place: 200 seeds measured p99 32 s.
      software: { rto: "1m", rpo: "0s" },
      // A lost writer (its host, or its zone) means detection, a failover AWS puts "typically under
      // 120 seconds", and a DNS record update "typically under 30 seconds" for clients of the
      // cluster endpoint: 200 seeds measured p99 64 s and a worst seed of 131 s, so 3m, not 1m or 2m.
      hardware: { rto: "3m", rpo: "0s" },
      az: { rto: "3m", rpo: "0s" },
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

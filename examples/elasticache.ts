import { MultiAzDatabase, ResiliencePolicy } from "../lib";
import { AwsProvider, type Construct, TerraformOutput, TerraformStack } from "../lib/private/cdktf";
import { isolatedNetwork } from "./network";

/**
 * A Valkey replication group with Multi-AZ and automatic failover: the primary in zone a and a
 * replica in each of zones b and c, encrypted at rest and in transit, snapshots kept 15 days.
 */
export class ElastiCacheStack extends TerraformStack {
  readonly cache: MultiAzDatabase;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const region = "ap-southeast-2";
    new AwsProvider(this, "aws", { region });
    const { subnets } = isolatedNetwork(this, { region, name: "sessions", cidrSecondOctet: 44 });

    this.cache = new MultiAzDatabase(this, "Sessions", {
      engine: "elasticache",
      nodeType: "cache.r7g.large",
      subnets,
      primaryAvailabilityZone: `${region}a`,
      replicaAvailabilityZones: [`${region}b`, `${region}c`],
      preferredBackupWindow: "01:00-02:00",
      preferredMaintenanceWindow: "sun:03:00-sun:04:00",
    });

    // Sessions may be cut off for a minute and lose a few seconds of writes: replication is
    // asynchronous, so a failover loses what the promoted replica had not applied (RPO 0 is not on
    // offer), and detection + promotion + the endpoint's DNS update + clients' cached answers take
    // tens of seconds (`assess` measures both; docs/emulator/recovery-objectives.md).
    new ResiliencePolicy(this, "Objectives", {
      policyName: "sessions-core",
      tier: "CoreServices",
      software: { rto: "1m", rpo: "5s" },
      hardware: { rto: "1m", rpo: "5s" },
      az: { rto: "1m", rpo: "5s" },
      databases: [this.cache],
    });

    new TerraformOutput(this, "primary_endpoint", { value: this.cache.endpoint });
    new TerraformOutput(this, "reader_endpoint", { value: this.cache.readerEndpoint });
  }
}

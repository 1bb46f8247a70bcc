import { describe, expect, test } from "vitest";
import { EXAMPLES } from "../examples";
import { Testing } from "../lib/private/cdktf";
import { synth, warningsOf } from "../lib/testing";
import { planFromJson } from "../runtime/plan";
import { synthAuroraExample, synthExample } from "./helpers/examples";

describe("example: aurora-postgres", () => {
  const text = synthAuroraExample();
  const json = JSON.parse(text) as { resource: Record<string, Record<string, Record<string, unknown>>> };

  test("synthesized plan matches the snapshot", () => {
    expect(text).toMatchSnapshot();
  });

  test("three private subnets, one per zone, in an isolated VPC", () => {
    const zones = Object.values(json.resource.aws_subnet ?? {}).map((s) => s.availability_zone);
    expect(zones).toEqual(["us-east-1a", "us-east-1b", "us-east-1c"]);
    expect(json.resource.aws_internet_gateway).toBeUndefined();
    expect(json.resource.aws_nat_gateway).toBeUndefined();
  });

  test("writer in a (tier 0), same-class failover standby in b (tier 1), reader in c (tier 2)", () => {
    const instances = Object.values(json.resource.aws_rds_cluster_instance ?? {}).map((i) => [
      i.availability_zone,
      i.promotion_tier,
      i.instance_class,
    ]);
    expect(instances.sort()).toEqual([
      ["us-east-1a", 0, "db.r6g.large"],
      ["us-east-1b", 1, "db.r6g.large"],
      ["us-east-1c", 2, "db.r6g.large"],
    ]);
  });

  test("the runtime sees the same topology the construct built", () => {
    const t = planFromJson(json, "example");
    expect(t.region).toBe("us-east-1");
    expect(t.zones.map((z) => z.name)).toEqual(["us-east-1a", "us-east-1b", "us-east-1c"]);
    const [db] = t.databases;
    expect(t.databases).toHaveLength(1);
    expect(db).toMatchObject({
      kind: "aurora",
      engine: "aurora-postgresql",
      identifier: "aurora-postgres-orders",
      storageEncrypted: true,
      topology: "Orders",
      zones: ["us-east-1a", "us-east-1b", "us-east-1c"],
    });
    expect(db?.kmsKey).toEqual({ address: expect.stringMatching(/^aws_kms_key\.Orders_Key_/) });
    expect(db?.instances.map((i) => [i.role, i.availabilityZone, i.promotionTier, i.promotionTierExplicit, i.roleSource])).toEqual([
      ["writer", "us-east-1a", 0, true, "tag"],
      ["failover", "us-east-1b", 1, true, "promotion-tier"],
      ["read", "us-east-1c", 2, true, "promotion-tier"],
    ]);
    // The database's key, and the keys of the backup vault and of its copy in us-west-2.
    expect(t.kmsKeys.map((k) => [k.address.replace(/_[0-9A-F]{8}$/, ""), k.rotation])).toEqual([
      ["aws_kms_key.Backups_CopyKey-us-west-2", true],
      ["aws_kms_key.Backups_Key", true],
      ["aws_kms_key.Orders_Key", true],
    ]);
    expect(t.opaque.map((o) => o.type).sort()).toEqual([
      "aws_cloudwatch_metric_alarm",
      "aws_cloudwatch_metric_alarm",
      "aws_iam_role",
      "aws_iam_role",
      "aws_iam_role_policy",
      "aws_iam_role_policy_attachment",
      "aws_iam_role_policy_attachment",
      "aws_vpc",
    ]);
    // The backup plan: nightly at 03:00, copied to the vault in us-west-2, selecting the cluster by reference.
    expect(t.backupVaults.map((v) => v.region ?? "us-east-1")).toEqual(["us-west-2", "us-east-1"]);
    expect(t.backupPlans.map((p) => p.rules.map((r) => [r.schedule, r.deleteAfterDays, r.copyActions.length]))).toEqual([
      [["cron(0 3 * * ? *)", 35, 1]],
    ]);
    expect(t.backupSelections.map((s) => s.resources)).toEqual([[{ address: db?.address }]]);
    // The drill is read as an experiment the emulator can run: its targets point at the plan's cluster by reference.
    expect(t.fisTemplates.map((f) => [f.actions.map((a) => a.actionId), f.targets.map((x) => [x.resourceType, x.resources])])).toEqual([
      [
        ["aws:network:disrupt-connectivity", "aws:rds:failover-db-cluster"],
        [
          ["aws:ec2:subnet", []],
          ["aws:rds:cluster", [{ address: db?.address }]],
        ],
      ],
    ]);
    expect(t.eventRules.map((r) => [r.name, r.eventPattern])).toEqual([
      [
        "aurora-postgres-orders-failover",
        {
          source: ["aws.rds"],
          "detail-type": ["RDS DB Cluster Event"],
          detail: { EventCategories: ["failover"], SourceIdentifier: ["aurora-postgres-orders"] },
        },
      ],
    ]);
  });
});

describe("every example synthesizes with validations on, warns of nothing, and the runtime sees its topology", () => {
  test.each(EXAMPLES.map((e) => [e.name, e] as const))("%s", (name, example) => {
    const stack = example.create(Testing.app());
    const t = planFromJson(JSON.parse(synth(stack)), name);
    expect(warningsOf(stack)).toEqual([]);
    // One database per example, two in aurora-clone (the source and its clone), none in contingency (capacity only).
    expect(t.databases).toHaveLength(name === "aurora-clone" ? 2 : name === "contingency" ? 0 : 1);
    for (const db of t.databases) {
      expect(db.storageEncrypted).toBe(true);
      expect(db.kmsKey).toEqual({ address: expect.stringMatching(/^aws_kms_key\./) });
      expect(db.zones).toHaveLength(3);
      // A writer, and a failover member in another zone (or one AWS places in another zone).
      const writer = db.instances.find((i) => i.role === "writer");
      const failover = db.instances.filter((i) => i.role === "failover");
      expect(writer).toBeDefined();
      expect(
        failover.some((f) =>
          f.availabilityZone
            ? f.availabilityZone !== writer?.availabilityZone
            : (f.candidateZones ?? []).some((z) => z !== writer?.availabilityZone),
        ),
      ).toBe(true);
    }
  });

  test("Redshift: the coordinator in zone a and the supporting cluster, same node type and count, elsewhere (failover pair acceptance 3)", () => {
    const t = planFromJson(JSON.parse(synthExample("redshift")), "redshift");
    expect(
      t.databases[0]?.instances.map((i) => [i.member, i.role, i.availabilityZone ?? i.candidateZones, i.instanceClass, i.nodeCount]),
    ).toEqual([
      ["coordinator", "writer", "us-west-2a", "ra3.xlplus", 2],
      ["supporting", "failover", ["us-west-2b", "us-west-2c"], "ra3.xlplus", 2],
    ]);
    expect(t.databases[0]).toMatchObject({ kind: "redshift", multiAz: true });
  });

  test("Multi-AZ DB cluster: three members over the three listed zones, no cluster instance", () => {
    const json = JSON.parse(synthExample("multi-az-cluster"));
    expect(json.resource.aws_rds_cluster_instance).toBeUndefined();
    const [db] = planFromJson(json, "multi-az-cluster").databases;
    expect(db?.kind).toBe("rds-multi-az-cluster");
    expect(db?.instances.map((i) => [i.member, i.role, i.candidateZones])).toEqual([
      ["writer", "writer", ["us-east-2a", "us-east-2b", "us-east-2c"]],
      ["standby-1", "failover", ["us-east-2a", "us-east-2b", "us-east-2c"]],
      ["standby-2", "failover", ["us-east-2a", "us-east-2b", "us-east-2c"]],
    ]);
  });

  test("ElastiCache: primary in a, replicas in b and c, promoted automatically", () => {
    const [db] = planFromJson(JSON.parse(synthExample("elasticache")), "elasticache").databases;
    expect(db).toMatchObject({ kind: "elasticache", multiAz: true, automaticFailover: true, shards: 1 });
    expect(db?.instances.map((i) => [i.role, i.availabilityZone])).toEqual([
      ["writer", "ap-southeast-2a"],
      ["failover", "ap-southeast-2b"],
      ["failover", "ap-southeast-2c"],
    ]);
  });

  test("Aurora Serverless v2: the tier-1 standby scales with the writer; the proxy and DNS name are the endpoint", () => {
    const json = JSON.parse(synthExample("aurora-mysql-serverless"));
    const [db] = planFromJson(json, "aurora-mysql-serverless").databases;
    expect(db?.serverlessV2).toEqual({ minCapacity: 0.5, maxCapacity: 16 });
    expect(db?.instances.map((i) => [i.role, i.promotionTier, i.scalesWithWriter])).toEqual([
      ["writer", 0, undefined],
      ["failover", 1, true],
    ]);
    expect(json.output.endpoint.value).toMatch(/^\$\{aws_route53_record\.Cart_DnsRecord_\w+\.fqdn\}$/);
  });

  test("Redshift schedules: the runtime sees snapshots every 4 hours copied to us-east-1, and the weekend pause and resume of the warehouse (storage control plane)", () => {
    const t = planFromJson(JSON.parse(synthExample("redshift-schedules")), "redshift-schedules");
    const warehouse = { address: t.databases[0]?.address };
    expect(t.snapshotSchedules.map((s) => [s.definitions, s.clusters])).toEqual([[["rate(4 hours)"], [warehouse]]]);
    expect(t.snapshotCopies.map((c) => [c.cluster, c.destinationRegion, c.retentionDays])).toEqual([[warehouse, "us-east-1", 7]]);
    expect(t.scheduledActions.map((a) => [a.action, a.schedule, a.cluster, a.enabled])).toEqual([
      ["pause", "cron(0 18 ? * FRI *)", warehouse, true],
      ["resume", "cron(0 7 ? * MON *)", warehouse, true],
    ]);
  });

  test("Aurora clone: the runtime sees the analytics cluster as a copy-on-write clone of Orders at the latest restorable time", () => {
    const t = planFromJson(JSON.parse(synthExample("aurora-clone")), "aurora-clone");
    const byTopology = (name: string) => t.databases.find((d) => d.topology === name)?.address;
    expect(t.restores).toEqual([
      {
        address: byTopology("Analytics"),
        kind: "clone",
        source: { address: byTopology("Orders") },
        latest: true,
        ignoresSourceChanges: true,
      },
    ]);
    expect(t.backupPlans[0]?.rules.map((r) => [r.continuousBackup, r.deleteAfterDays])).toEqual([[true, 35]]);
  });
});

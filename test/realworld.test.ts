/**
 * Real plans, honest verdicts: each configuration of `test/fixtures/realworld/` (public examples,
 * see its README) with the topology and the verdicts AWS and Terraform would give, each argued in
 * a comment from their documentation. The CLI runs in-process, as users run it.
 *
 * Terraform facts the rows lean on:
 * - [count] `count = n` makes `type.name[0..n-1]`; [for_each] a map makes `type.name["key"]`,
 *   walked in lexical key order; `count = 0` makes nothing.
 *   https://developer.hashicorp.com/terraform/language/meta-arguments/count,
 *   https://developer.hashicorp.com/terraform/language/meta-arguments/for_each
 * - [optional] an object attribute declared `optional(type)` and left out is null; with a default,
 *   the default. https://developer.hashicorp.com/terraform/language/expressions/type-constraints#optional-object-type-attributes
 * - [data] data sources are read when Terraform plans, with the provider: a file alone does not fix
 *   `data.aws_availability_zones.available.names`, nor a `count` built from it.
 *   https://developer.hashicorp.com/terraform/language/data-sources
 * - [modules] a module call's resources are in the module's source, not in the calling file; a
 *   saved plan lists them all (`terraform show -json`). https://developer.hashicorp.com/terraform/internals/json-format
 * - [tier] a `promotion_tier` left unset is sent as 0 (the provider's default).
 *   https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster_instance#promotion_tier
 * AWS facts:
 * - [failover] Aurora promotes the replica with the lowest promotion tier (then the largest) when
 *   the writer fails, and "typically" recovers in under 30 s; a reboot restarts the writer in place.
 *   https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html
 * - [az] without an `availability_zone`, RDS places an instance in "a random, system-chosen
 *   Availability Zone". https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
 * - [autoscaling] Aurora Auto Scaling keeps at least `min_capacity` replicas; each it adds has the
 *   primary's instance class and promotion tier 15. https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Integrating.AutoScaling.html
 * - [global] a global database has one primary region where data is written and read-only
 *   secondaries. https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html
 * - [multi-az-instance] a Multi-AZ DB instance keeps a synchronous standby in another zone that
 *   serves no reads. https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html
 * - [multi-az-cluster] a Multi-AZ DB cluster has a writer and two readable standbys in three zones.
 *   https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.html
 */
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadPlan } from "../runtime/plan";
import { runCli } from "./helpers/run-cli";

const DIR = join(__dirname, "fixtures/realworld");

interface Member {
  readonly instance: string;
  readonly role: "writer" | "failover" | "read";
  readonly tier?: number;
  readonly class: string;
}

interface Row {
  readonly file: string;
  /** Databases, their region and members; undefined when the file is refused. */
  readonly databases?: readonly {
    readonly address: string;
    readonly kind: string;
    readonly region: string;
    readonly global?: string;
    readonly members: readonly Member[];
  }[];
  /**
   * Exit codes: inspect, check, emulate az-outage, emulate writer-crash (0 is the verdict `held`:
   * the scenario reached the plan's databases and every invariant held). `drill` is 2 for every
   * file here: none of these configurations declares an `aws_fis_experiment_template`, so there is
   * no experiment to run (docs/reference/exit-codes.md); the FIS plans are in realworld-fis.test.ts.
   */
  readonly exit: { readonly inspect: number; readonly check: number; readonly azOutage: number; readonly writerCrash: number };
  /** Error-severity rules `check` reports (by rule id). */
  readonly checkErrors?: readonly string[];
  /** A line of the message for exit 2. */
  readonly refusal?: RegExp;
}

const INCOMPLETE = /^Cannot judge .*: the verdict depends on \d+ values? the plan does not fix:/m;
const RECIPE = "terraform plan -out p && terraform show -json p > plan.json";

const ROWS: readonly Row[] = [
  {
    // [for_each] over instances {1, 2, 3}; [optional] promotion_tier null for 1 and 2 → [tier] 0;
    // 3 sets promotion_tier 15. The writer is the lowest tier first in key order. The subnets'
    // count comes from data.aws_availability_zones [data]: emulate must refuse, naming the recipe.
    // check: the example sets skip_final_snapshot = true and publicly_accessible = true on "1".
    file: "aurora-postgresql.tf.json",
    databases: [
      {
        address: "aws_rds_cluster.aurora__this[0]",
        kind: "aurora",
        region: "eu-west-1",
        members: [
          { instance: 'aws_rds_cluster_instance.aurora__this["1"]', role: "writer", tier: 0, class: "db.r8g.2xlarge" },
          { instance: 'aws_rds_cluster_instance.aurora__this["2"]', role: "failover", tier: 0, class: "db.r8g.2xlarge" },
          { instance: 'aws_rds_cluster_instance.aurora__this["3"]', role: "read", tier: 15, class: "db.r8g.large" },
        ],
      },
    ],
    exit: { inspect: 0, check: 1, azOutage: 2, writerCrash: 2 },
    checkErrors: ["RES-RDS-FINAL-SNAPSHOT", "RES-RDS-PUBLIC-ACCESS"],
    refusal: INCOMPLETE,
  },
  {
    // Same module, MySQL: instance classes large / 2xlarge / xlarge (tier 15), [for_each] [tier].
    file: "aurora-mysql.tf.json",
    databases: [
      {
        address: "aws_rds_cluster.aurora__this[0]",
        kind: "aurora",
        region: "eu-west-1",
        members: [
          { instance: 'aws_rds_cluster_instance.aurora__this["1"]', role: "writer", tier: 0, class: "db.r8g.large" },
          { instance: 'aws_rds_cluster_instance.aurora__this["2"]', role: "failover", tier: 0, class: "db.r8g.2xlarge" },
          { instance: 'aws_rds_cluster_instance.aurora__this["3"]', role: "read", tier: 15, class: "db.r8g.xlarge" },
        ],
      },
    ],
    exit: { inspect: 0, check: 1, azOutage: 2, writerCrash: 2 },
    checkErrors: ["RES-RDS-FINAL-SNAPSHOT", "RES-RDS-PUBLIC-ACCESS"],
    refusal: INCOMPLETE,
  },
  {
    // [multi-az-cluster]: engine postgres with db_cluster_instance_class → writer + two standbys
    // whose zones RDS picks. Subnets from a data source [data] → emulate refuses.
    file: "aurora-multi-az-cluster.tf.json",
    databases: [
      {
        address: "aws_rds_cluster.aurora__this[0]",
        kind: "rds-multi-az-cluster",
        region: "eu-west-1",
        members: [
          { instance: "writer", role: "writer", class: "db.c6gd.large" },
          { instance: "standby-1", role: "failover", class: "db.c6gd.large" },
          { instance: "standby-2", role: "failover", class: "db.c6gd.large" },
        ],
      },
    ],
    exit: { inspect: 0, check: 1, azOutage: 2, writerCrash: 2 },
    checkErrors: ["RES-RDS-FINAL-SNAPSHOT"],
    refusal: INCOMPLETE,
  },
  {
    // Serverless v2: two clusters, instances "one" and "two" of class db.serverless [for_each] [tier].
    file: "aurora-serverless-v2.tf.json",
    databases: ["mysql", "postgresql"].map((engine) => ({
      address: `aws_rds_cluster.aurora_${engine}__this[0]`,
      kind: "aurora",
      region: "eu-west-1",
      members: [
        { instance: `aws_rds_cluster_instance.aurora_${engine}__this["one"]`, role: "writer" as const, tier: 0, class: "db.serverless" },
        { instance: `aws_rds_cluster_instance.aurora_${engine}__this["two"]`, role: "failover" as const, tier: 0, class: "db.serverless" },
      ],
    })),
    exit: { inspect: 0, check: 1, azOutage: 2, writerCrash: 2 },
    checkErrors: ["RES-RDS-FINAL-SNAPSHOT", "RES-RDS-FINAL-SNAPSHOT"],
    refusal: INCOMPLETE,
  },
  {
    // One instance plus [autoscaling] min_capacity 1: AWS keeps one replica of the writer's class
    // (db.r8g.large) at tier 15, so the cluster has a failover target AWS runs.
    file: "aurora-autoscaling.tf.json",
    databases: [
      {
        address: "aws_rds_cluster.aurora__this[0]",
        kind: "aurora",
        region: "eu-west-1",
        members: [
          { instance: 'aws_rds_cluster_instance.aurora__this["1"]', role: "writer", tier: 0, class: "db.r8g.large" },
          { instance: "autoscaled-1", role: "read", tier: 15, class: "db.r8g.large" },
        ],
      },
    ],
    exit: { inspect: 0, check: 1, azOutage: 2, writerCrash: 2 },
    checkErrors: ["RES-RDS-FINAL-SNAPSHOT"],
    refusal: INCOMPLETE,
  },
  {
    // [global]: the primary (master_username set, the secondary depends_on it) writes in
    // eu-west-1; the secondary in us-east-1 (provider v6 region) is read-only: no writer.
    file: "aurora-global-cluster.tf.json",
    databases: [
      {
        address: "aws_rds_cluster.aurora_primary__this[0]",
        kind: "aurora",
        region: "eu-west-1",
        global: "primary",
        members: [
          { instance: 'aws_rds_cluster_instance.aurora_primary__this["0"]', role: "writer", tier: 0, class: "db.r8g.large" },
          { instance: 'aws_rds_cluster_instance.aurora_primary__this["1"]', role: "failover", tier: 0, class: "db.r8g.large" },
        ],
      },
      {
        address: "aws_rds_cluster.aurora_secondary__this[0]",
        kind: "aurora",
        region: "us-east-1",
        global: "secondary",
        members: [
          { instance: 'aws_rds_cluster_instance.aurora_secondary__this["0"]', role: "read", tier: 0, class: "db.r8g.large" },
          { instance: 'aws_rds_cluster_instance.aurora_secondary__this["1"]', role: "read", tier: 0, class: "db.r8g.large" },
        ],
      },
    ],
    exit: { inspect: 0, check: 1, azOutage: 2, writerCrash: 2 },
    checkErrors: ["RES-RDS-FINAL-SNAPSHOT", "RES-RDS-FINAL-SNAPSHOT"],
    refusal: INCOMPLETE,
  },
  {
    // [modules]: nothing of what the file describes is in it; every command refuses with the recipe.
    file: "aurora-postgresql-modules.tf.json",
    exit: { inspect: 2, check: 2, azOutage: 2, writerCrash: 2 },
    refusal: /^Cannot read plan .*: it calls 3 modules \(aurora, kms, vpc\)/,
  },
  {
    // The same example as Terraform plans it (zones eu-west-1a–c known): [for_each] [tier] as
    // above, at Terraform's module addresses. [az] RDS picks the instances' zones; the emulator
    // spreads them (and says so) and [failover] Aurora promotes the same-size tier-0 replica "2"
    // in another zone: every invariant holds. A reboot restarts the writer in place.
    file: "aurora-postgresql.plan.json",
    databases: [
      {
        address: "module.aurora.aws_rds_cluster.this[0]",
        kind: "aurora",
        region: "eu-west-1",
        members: [
          { instance: 'module.aurora.aws_rds_cluster_instance.this["1"]', role: "writer", tier: 0, class: "db.r8g.2xlarge" },
          { instance: 'module.aurora.aws_rds_cluster_instance.this["2"]', role: "failover", tier: 0, class: "db.r8g.2xlarge" },
          { instance: 'module.aurora.aws_rds_cluster_instance.this["3"]', role: "read", tier: 15, class: "db.r8g.large" },
        ],
      },
    ],
    exit: { inspect: 0, check: 1, azOutage: 0, writerCrash: 0 },
    checkErrors: ["RES-RDS-FINAL-SNAPSHOT", "RES-RDS-PUBLIC-ACCESS"],
  },
  {
    // [count]: cluster_size = 2 → default[0], default[1], class db.r4.large, no tier set ([tier] 0,
    // the module sets promotion_tier 0 explicitly). Subnets are literal ids outside the plan, so
    // [az] RDS picks the zones; the emulator spreads them and notes it; [failover] the other
    // tier-0 instance of the same size takes over. check: storage_encrypted false, skip_final_snapshot true.
    file: "cloudposse-rds-cluster.tf.json",
    databases: [
      {
        address: "aws_rds_cluster.rds_cluster_aurora_postgres__primary[0]",
        kind: "aurora",
        region: "us-west-1",
        members: [
          { instance: "aws_rds_cluster_instance.rds_cluster_aurora_postgres__default[0]", role: "writer", tier: 0, class: "db.r4.large" },
          { instance: "aws_rds_cluster_instance.rds_cluster_aurora_postgres__default[1]", role: "failover", tier: 0, class: "db.r4.large" },
        ],
      },
    ],
    exit: { inspect: 0, check: 1, azOutage: 0, writerCrash: 0 },
    checkErrors: ["RES-RDS-ENCRYPTION", "RES-RDS-FINAL-SNAPSHOT"],
  },
  {
    // [multi-az-instance]: module "db" sets multi_az = true → primary + standby of the same class;
    // "db_default" leaves it false → one instance. Subnets from a data source [data] → emulate refuses.
    file: "rds-multi-az-instance.tf.json",
    databases: [
      {
        address: "aws_db_instance.db__db_instance__this[0]",
        kind: "rds-instance",
        region: "eu-west-1",
        members: [
          { instance: "primary", role: "writer", class: "db.t4g.large" },
          { instance: "standby", role: "failover", class: "db.t4g.large" },
        ],
      },
      {
        address: "aws_db_instance.db_default__db_instance__this[0]",
        kind: "rds-instance",
        region: "eu-west-1",
        members: [{ instance: "primary", role: "writer", class: "db.t4g.large" }],
      },
    ],
    exit: { inspect: 0, check: 1, azOutage: 2, writerCrash: 2 },
    checkErrors: ["RES-RDS-FINAL-SNAPSHOT", "RES-RDS-MULTI-AZ"],
    refusal: INCOMPLETE,
  },
  {
    // [multi-az-instance] master; the replica (replicate_source_db) is a read replica, left out.
    file: "rds-replica-postgres.tf.json",
    databases: [
      {
        address: "aws_db_instance.master__db_instance__this[0]",
        kind: "rds-instance",
        region: "eu-west-1",
        members: [
          { instance: "primary", role: "writer", class: "db.t4g.large" },
          { instance: "standby", role: "failover", class: "db.t4g.large" },
        ],
      },
    ],
    exit: { inspect: 0, check: 1, azOutage: 2, writerCrash: 2 },
    refusal: INCOMPLETE,
  },
  {
    // One Valkey node, no automatic failover (num_cache_clusters 1). check: Multi-AZ off.
    file: "elasticache-valkey-replication-group.tf.json",
    databases: [
      {
        address: "aws_elasticache_replication_group.elasticache__this[0]",
        kind: "elasticache",
        region: "eu-west-1",
        members: [{ instance: "node-001", role: "writer", class: "cache.t4g.small" }],
      },
    ],
    exit: { inspect: 0, check: 1, azOutage: 2, writerCrash: 2 },
    checkErrors: ["RES-ELASTICACHE-MULTI-AZ"],
    refusal: INCOMPLETE,
  },
];

describe.each(ROWS)("$file", (row) => {
  const file = join(DIR, row.file);

  test.runIf(row.databases !== undefined)("topology: writer, standbys, tiers, classes and regions", () => {
    const t = loadPlan(file);
    expect(
      t.databases.map((d) => ({
        address: d.address,
        kind: d.kind,
        region: d.region ?? t.region,
        ...(d.global ? { global: d.global.role } : {}),
        members: d.instances.map((i) => ({
          instance: d.kind === "aurora" && i.addedBy === undefined ? i.address : i.member,
          role: i.role,
          ...(i.promotionTier !== undefined ? { tier: i.promotionTier } : {}),
          class: i.instanceClass,
        })),
      })),
    ).toEqual(row.databases);
  });

  test(`inspect exits ${row.exit.inspect}, check ${row.exit.check}`, async () => {
    const inspect = await runCli("inspect", file);
    expect(inspect.code).toBe(row.exit.inspect);
    if (row.exit.inspect === 2) {
      expect(inspect.stderr).toMatch(row.refusal as RegExp);
      expect(inspect.stderr).toContain(RECIPE);
    }
    const check = await runCli("check", file, "--json");
    expect(check.code).toBe(row.exit.check);
    if (row.checkErrors)
      expect(
        (JSON.parse(check.stdout).findings as { severity: string; ruleId: string }[])
          .filter((f) => f.severity === "error")
          .map((f) => f.ruleId)
          .sort(),
      ).toEqual([...row.checkErrors].sort());
  });

  test(`emulate az-outage exits ${row.exit.azOutage}, writer-crash ${row.exit.writerCrash}`, async () => {
    for (const [scenario, expected] of [
      ["az-outage", row.exit.azOutage],
      ["writer-crash", row.exit.writerCrash],
    ] as const) {
      const r = await runCli("emulate", file, "--scenario", scenario, "--seed", "1", "--profile", "fast", "--json");
      expect([scenario, r.code]).toEqual([scenario, expected]);
      if (expected === 2) {
        // Refused before anything runs: no result document, the reason and the recipe on stderr.
        expect(r.stdout).toBe("");
        expect(r.stderr).toMatch(row.refusal as RegExp);
        expect(r.stderr).toContain(RECIPE);
      }
      if (expected === 0) {
        // Held, and judged: the scenario reached every database of the plan.
        const doc = JSON.parse(r.stdout) as { verdict: string; modelled: { resource: string; struck: boolean }[] };
        expect([scenario, doc.verdict]).toEqual([scenario, "held"]);
        for (const d of row.databases ?? [])
          expect(doc.modelled.filter((m) => m.resource === d.address).map((m) => m.struck)).toContain(true);
      }
    }
  });

  test("drill exits 2: the file holds no FIS experiment template", async () => {
    const r = await runCli("drill", file, "--seed", "1", "--profile", "fast");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(row.exit.inspect === 2 ? (row.refusal as RegExp) : /has no aws_fis_experiment_template/);
  });
});

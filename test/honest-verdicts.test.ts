/**
 * No verdict without evidence: a run says "Every invariant held" only when its scenario reached
 * something the plan holds and the emulator models; otherwise it exits 2 saying why. Sections of
 * the result appear only for what the plan holds (or the scenario asks for), naming it; a database
 * without a standby says exactly that, as the policy pack does.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ContingencyStack } from "../examples/contingency";
import { MultiAzDatabase } from "../lib/database/multi-az-database";
import { DrillScenario } from "../lib/drills/drill-scenario";
import { FailoverDrill } from "../lib/drills/failover-drill";
import { Testing } from "../lib/private/cdktf";
import { synth } from "../lib/testing";
import { emulate } from "../runtime/emulation";
import { parsePlan, planFromJson } from "../runtime/plan/load-plan";
import { MINIMAL, newStack } from "./helpers/databases";
import { runCli } from "./helpers/run-cli";

const FIXTURES = join(__dirname, "fixtures");
const FAST = ["--seed", "3", "--profile", "fast"];

function planFile(doc: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), "honest-")), "cdk.tf.json");
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

/** An Aurora cluster whose instances sit in the given zones (explicit resources, no count). */
function aurora(zones: readonly string[], extra: Record<string, unknown> = {}) {
  return {
    provider: { aws: [{ region: "us-east-1" }] },
    resource: {
      aws_rds_cluster: { orders: { cluster_identifier: "orders", engine: "aurora-postgresql", storage_encrypted: true } },
      aws_rds_cluster_instance: Object.fromEntries(
        zones.map((z, i) => [
          `i${i}`,
          {
            identifier: `orders-${i}`,
            cluster_identifier: "${aws_rds_cluster.orders.id}",
            engine: "aurora-postgresql",
            instance_class: "db.r6g.large",
            availability_zone: z,
          },
        ]),
      ),
      ...extra,
    },
  };
}

describe("nothing to emulate", () => {
  test("a plan whose only database is one the emulator does not model (DynamoDB): exit 2, never 'Every invariant held'", async () => {
    const file = planFile({
      provider: { aws: [{ region: "us-east-1" }] },
      resource: { aws_dynamodb_table: { main: { name: "main", hash_key: "id", billing_mode: "PAY_PER_REQUEST" } } },
    });
    const r = await runCli("emulate", file, "--scenario", "az-outage", ...FAST);
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain("Every invariant held");
    expect(r.stderr).toMatch(
      /^Not judged: nothing to emulate: the plan holds no database, contingency service or processing node the emulator models \(it holds 1 aws_dynamodb_table\)/,
    );
  });

  test("an aws_db_instance with multi_az = true is judged: the zone outage reaches it and its standby takes over (exit 0)", async () => {
    // RDS keeps a synchronous standby in another zone and fails over to it when the primary's zone is lost
    // (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html).
    const file = planFile({
      provider: { aws: [{ region: "us-east-1" }] },
      resource: { aws_db_instance: { main: { identifier: "main", engine: "postgres", instance_class: "db.m6g.large", multi_az: true } } },
    });
    const r = await runCli("emulate", file, "--scenario", "az-outage", ...FAST, "--json");
    const doc = JSON.parse(r.stdout) as {
      verdict: string;
      modelled: { resource: string; struck: boolean }[];
      failovers: { resource: string }[];
    };
    expect([r.code, doc.verdict]).toEqual([0, "held"]);
    expect(doc.modelled).toContainEqual(expect.objectContaining({ resource: "aws_db_instance.main", struck: true }));
    expect(doc.failovers.map((f) => f.resource)).toEqual(["aws_db_instance.main"]);
  });

  test("a file with only module blocks: exit 2, never 'Every invariant held'", async () => {
    const file = planFile({ module: { db: { source: "terraform-aws-modules/rds-aurora/aws", name: "orders" } } });
    for (const command of [
      ["emulate", file, "--scenario", "az-outage", ...FAST],
      ["drill", file, ...FAST],
    ]) {
      const r = await runCli(...command);
      expect(r.code).toBe(2);
      expect(r.stdout).not.toContain("Every invariant held");
    }
  });

  test("a scenario that reaches nothing the plan holds: exit 2, and no --report or --trace is written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "honest-out-"));
    const r = await runCli(
      "emulate",
      join(FIXTURES, "hand-written-elasticache.tf.json"),
      "--scenario",
      "spot-reclaim",
      ...FAST,
      "--report",
      join(dir, "r.html"),
      "--trace",
      join(dir, "t.txt"),
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("NOT JUDGED: nothing to emulate: spot-reclaim struck nothing");
    expect([existsSync(join(dir, "r.html")), existsSync(join(dir, "t.txt"))]).toEqual([false, false]);
  });

  test("with --trace - a run that judged nothing prints no trace: the summary stays on stdout, the reason on stderr", async () => {
    const r = await runCli(
      "emulate",
      join(FIXTURES, "hand-written-elasticache.tf.json"),
      "--scenario",
      "spot-reclaim",
      ...FAST,
      "--trace",
      "-",
    );
    expect(r.code).toBe(2);
    // A trace line starts with its virtual time and step; the summary starts with the plan.
    expect(r.stdout).toMatch(/^Plan {6}/);
    expect(r.stdout).not.toMatch(/^\d+ \d+ /m);
    expect(r.stdout).toContain("NOT JUDGED: nothing to emulate: spot-reclaim struck nothing");
    expect(r.stderr).toMatch(/^Not judged: nothing to emulate/);
  });
});

describe("FIS experiments that resolve no target fail, as AWS FIS fails them", () => {
  test("a FailoverDrill over a database whose subnets are given as literal ids: exit 2, naming the subnets target", async () => {
    // MultiAzDatabase takes existing subnets by id: the plan has no aws_subnet for FIS's subnet target to resolve.
    const stack = newStack();
    const orders = new MultiAzDatabase(stack, "Orders", MINIMAL.aurora);
    new FailoverDrill(stack, "Drill", {
      scenario: DrillScenario.azPowerInterruption({ availabilityZone: "us-east-1a", databases: [orders] }),
    });
    const r = await runCli("drill", planFile(JSON.parse(synth(stack))), ...FAST);
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain("Every invariant held");
    expect(r.stderr).toMatch(/target subnets .*resolved to no resource.*subnets written as literal ids/s);
  });

  test("a FailoverDrill of an ElastiCache database: FIS's tag target resolves to that replication group alone, and the drill is judged", async () => {
    const stack = newStack();
    new MultiAzDatabase(stack, "Orders", MINIMAL.aurora);
    const sessions = new MultiAzDatabase(stack, "Sessions", MINIMAL.elasticache);
    new MultiAzDatabase(stack, "Carts", { ...MINIMAL.elasticache, clusterIdentifier: "carts" });
    new FailoverDrill(stack, "Drill", { scenario: DrillScenario.databaseFailover(sessions) });
    const r = await runCli("drill", planFile(JSON.parse(synth(stack))), ...FAST, "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const [drill] = JSON.parse(r.stdout).drills;
    expect(drill.verdict).toBe("held");
    // Only Sessions fails over: the other replication group (Carts) carries a different drill-target tag.
    expect(
      drill.failovers.map((f: { resource: string; fromAz: string }) => [
        f.resource.split(".")[0],
        f.resource.includes("Sessions"),
        f.fromAz,
      ]),
    ).toEqual([["aws_elasticache_replication_group", true, "us-east-1a"]]);
  });

  test("a drill whose subnets are literal ids: the subnet target resolves nothing, the command says why and exits 2", async () => {
    // FailoverDrill.azPowerInterruption's shape: the zone's subnets lose connectivity, the cluster fails over.
    const doc = aurora(["us-east-1a", "us-east-1b"], {
      aws_db_subnet_group: { orders: { name: "orders", subnet_ids: ["subnet-0aaa1111", "subnet-0bbb2222"] } },
      aws_fis_experiment_template: {
        zone_a: {
          description: "AZ power interruption in us-east-1a",
          role_arn: "arn:aws:iam::123456789012:role/fis",
          stop_condition: [{ source: "none" }],
          target: [
            {
              name: "subnets",
              resource_type: "aws:ec2:subnet",
              selection_mode: "ALL",
              parameters: { availabilityZoneIdentifier: "us-east-1a" },
            },
            {
              name: "cluster-0",
              resource_type: "aws:rds:cluster",
              selection_mode: "ALL",
              resource_arns: ["${aws_rds_cluster.orders.arn}"],
            },
          ],
          action: [
            {
              name: "disrupt-network",
              action_id: "aws:network:disrupt-connectivity",
              parameter: [
                { key: "duration", value: "PT30M" },
                { key: "scope", value: "all" },
              ],
              target: [{ key: "Subnets", value: "subnets" }],
            },
            { name: "failover-0", action_id: "aws:rds:failover-db-cluster", target: [{ key: "Clusters", value: "cluster-0" }] },
          ],
        },
      },
    });
    const r = await runCli("drill", planFile(doc), ...FAST);
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain("Every invariant held");
    expect(r.stderr).toMatch(
      /target subnets .*resolved to no resource.*the plan has no aws_subnet resources; subnets written as literal ids/s,
    );
  });
});

describe("sections appear for what the plan holds, and name it", () => {
  const handWritten = parsePlan(readFileSync(join(FIXTURES, "hand-written-aurora.tf.json"), "utf8"), "aurora.tf.json");

  test("an AZ outage of an Aurora plan reports its failover and its writer's cache, and no restore it never asked for", () => {
    const { result } = emulate({ topology: handWritten, scenario: "az-outage", seed: 1, profile: "fast" });
    expect(result.restores).toEqual([]);
    expect(result.cache?.database).toBe("aws_rds_cluster.this");
    expect(result.invariants.some((i) => i.id.startsWith("storage/"))).toBe(false);
    expect(result.modelled.map((m) => [m.resource, m.component])).toEqual([
      ["aws_rds_cluster.this", "mock-cloud"],
      ["aws_rds_cluster.this", "database"],
      ["aws_rds_cluster.this", "buffer-cache"],
    ]);
  });

  test("a point-in-time restore asked for by the scenario names the database it restored", () => {
    const { result } = emulate({ topology: handWritten, scenario: "pitr-restore", seed: 1 });
    expect(result.restores.map((r) => [r.database, r.kind, r.verified])).toEqual([["aws_rds_cluster.this", "pitr", true]]);
  });

  test("a Multi-AZ DB cluster gets no buffer cache section: the survivable cache is Aurora's", () => {
    const t = parsePlan(readFileSync(join(FIXTURES, "hand-written-multi-az-cluster.tf.json"), "utf8"));
    const { result } = emulate({ topology: t, scenario: "writer-crash", seed: 1, profile: "fast" });
    expect(result.cache).toBeUndefined();
    expect(result.modelled.some((m) => m.component === "buffer-cache")).toBe(false);
  });
});

describe("check and emulate agree on whether a database has somewhere to fail over to", () => {
  test.each([
    ["one instance", ["us-east-1a"], /it has one instance \(aws_rds_cluster_instance\.i0 in us-east-1a\)/, /nothing to fail over to/],
    ["every instance in one zone", ["us-east-1a", "us-east-1a"], /all 2 instances are in us-east-1a/, /all 2 instances are in us-east-1a/],
  ])("%s: check fails RES-RDS-MULTI-AZ and emulate says it has no standby (exit 1 both)", async (_name, zones, emulated, checked) => {
    const file = planFile(aurora(zones));
    const check = await runCli("check", file);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(new RegExp(`RES-RDS-MULTI-AZ[^\\n]*${checked.source}`));
    const run = await runCli("emulate", file, "--scenario", "writer-crash", ...FAST);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/aws_rds_cluster\.orders has no standby to fail over to: /);
    expect(run.stderr).toMatch(emulated);
    expect(run.stderr).not.toContain("not PAIRED");
  });

  test("two instances in two zones: neither complains", async () => {
    const file = planFile(aurora(["us-east-1a", "us-east-1b"]));
    expect((await runCli("check", file)).stdout).not.toContain("RES-RDS-MULTI-AZ");
    expect((await runCli("emulate", file, "--scenario", "writer-crash", ...FAST)).code).toBe(0);
  });

  test("an ElastiCache group without automatic failover loses its zone's primary: it has no standby, and says why", async () => {
    const r = await runCli(
      "emulate",
      join(FIXTURES, "hand-written-elasticache.tf.json"),
      "--scenario",
      "az-outage",
      "--az",
      "ap-southeast-2a",
      ...FAST,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /aws_elasticache_replication_group\.lonely shard 0001 has no standby to fail over to .*automatic_failover_enabled is off/,
    );
  });
});

describe("drill runs every template it can, and its exit code never hides one it could not", () => {
  const unsupported = {
    description: "load test",
    role_arn: "arn:aws:iam::123456789012:role/fis",
    stop_condition: [{ source: "none" }],
    target: [{ name: "hosts", resource_type: "aws:ec2:instance", selection_mode: "ALL", resource_tag: [{ key: "Load", value: "yes" }] }],
    action: [
      {
        name: "load",
        action_id: "aws:ssm:send-command",
        parameter: [
          { key: "documentArn", value: "arn:aws:ssm:us-east-1::document/AWS-RunShellScript" },
          { key: "duration", value: "PT5M" },
        ],
        target: [{ key: "Instances", value: "hosts" }],
      },
    ],
  };
  const failover = {
    description: "failover",
    role_arn: "arn:aws:iam::123456789012:role/fis",
    stop_condition: [{ source: "none" }],
    target: [{ name: "c", resource_type: "aws:rds:cluster", selection_mode: "ALL", resource_arns: ["${aws_rds_cluster.orders.arn}"] }],
    action: [{ name: "failover", action_id: "aws:rds:failover-db-cluster", target: [{ key: "Clusters", value: "c" }] }],
  };

  test("one template held and one is not modelled: the other ran, exit 2 (not 0)", async () => {
    const file = planFile(
      aurora(["us-east-1a", "us-east-1b"], { aws_fis_experiment_template: { a_failover: failover, b_load: unsupported } }),
    );
    const r = await runCli("drill", file, ...FAST, "--json");
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).drills.map((d: { verdict: string }) => d.verdict)).toEqual(["held", "not-run"]);
  });

  test("one template violated an invariant and one is not modelled: exit 1, the stronger news", async () => {
    const file = planFile(aurora(["us-east-1a"], { aws_fis_experiment_template: { a_failover: failover, b_load: unsupported } }));
    const r = await runCli("drill", file, ...FAST, "--json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).drills.map((d: { verdict: string }) => d.verdict)).toEqual(["violated", "not-run"]);
  });
});

test("a contingency service whose primary reservation cannot be created fails the run instead of passing with nothing tested", () => {
  const t = planFromJson(JSON.parse(synth(new ContingencyStack(Testing.app(), "contingency"))), "plan");
  // More instances than the mock's zone holds: the reservation is not created, so the head node never starts.
  const starved = { ...t, capacityReservations: t.capacityReservations.map((r) => ({ ...r, instanceCount: 1_000_000 })) };
  const { result, report } = emulate({ topology: starved, scenario: "az-outage", seed: 1, profile: "fast" });
  expect(report.failure?.invariant).toBe("contingency/head-node-started");
  expect(report.failure?.message).toMatch(/HeadNode: its primary reservation aws_ec2_capacity_reservation\.\S+ .* could not be created/);
  expect(result.verdict).toBe("violated");
});

/**
 * A campaign runs a scenario on a plan only when the scenario can reach something the plan holds:
 * the ElastiCache scenarios are not run on the Aurora example, writer-crash is not run on the
 * ElastiCache example, and each skip is reported (summary, --json, result files, merge) with its
 * reason, never dropped. The expected skips are derived from the plans' Terraform resource types
 * and what each scenario strikes on AWS, not from the campaign's own look-ahead.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import type { CampaignSummary } from "../runtime/campaign/campaign";
import type { CampaignResult } from "../runtime/campaign/result-file";
import { defaultRegistry } from "../runtime/emulation/default-registry";
import { cliIn } from "./helpers/cli";
import { synthExample } from "./helpers/examples";

/**
 * What each scenario strikes, as Terraform resource types (any one suffices), from what the
 * scenario does on AWS: ElastiCache's FIS power interruption, node failure, engine crash and
 * TestFailover act on a replication group; an RDS reboot or host failure on a DB instance; spot
 * interruptions and the contingency paths on a capacity reservation whose zone leases spot capacity.
 * Scenarios not listed strike a zone, its volumes, or a database's backups: every example here holds one.
 */
const STRIKES: Readonly<Record<string, readonly string[]>> = {
  "cache-az-power": ["aws_elasticache_replication_group"],
  "cache-node-failure": ["aws_elasticache_replication_group"],
  "cache-engine-crash": ["aws_elasticache_replication_group"],
  "cache-test-failover": ["aws_elasticache_replication_group"],
  "writer-crash": ["aws_rds_cluster_instance", "aws_db_instance"],
  "instance-failure": ["aws_rds_cluster_instance", "aws_db_instance"],
  "spot-reclaim": ["aws_ec2_capacity_reservation"],
  "spot-price-spike": ["aws_ec2_capacity_reservation"],
  "head-node-failure": ["aws_ec2_capacity_reservation"],
  "contingency-supplement": ["aws_ec2_capacity_reservation"],
  "lease-downgrade": ["aws_ec2_capacity_reservation"],
  "second-failover": ["aws_ec2_capacity_reservation"],
};

const PLANS = ["aurora-postgres", "elasticache"] as const;
const scenarios = defaultRegistry()
  .scenarios()
  .map((s) => s.name);
let dir: string;
const types = new Map<string, Set<string>>();

/** The scenarios a plan cannot exercise: those striking only resource types the plan has none of. */
const expectedNotRun = (plan: string) =>
  scenarios.filter((s) => STRIKES[s] !== undefined && !STRIKES[s]?.some((t) => types.get(plan)?.has(t)));

const base = ["--seeds", "1", "--profile", "fast", "--parallel", "1"];
const readResult = (file: string) => JSON.parse(readFileSync(join(dir, file), "utf8")) as CampaignResult;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "campaign-not-run-"));
  for (const name of PLANS) {
    const text = synthExample(name);
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, "cdk.tf.json"), text);
    types.set(name, new Set(Object.keys((JSON.parse(text) as { resource?: object }).resource ?? {})));
  }
}, 120_000);

describe("campaign runs only the scenarios a plan can exercise", () => {
  test("Aurora and ElastiCache examples: each skips exactly the scenarios whose targets it lacks, runs and judges the rest; 2 shards merge into the same", () => {
    // The oracle itself: the Aurora example has no replication group, the ElastiCache one no DB instance.
    expect(expectedNotRun("aurora-postgres")).toEqual(expect.arrayContaining(["cache-az-power", "cache-test-failover"]));
    expect(expectedNotRun("elasticache")).toEqual(expect.arrayContaining(["writer-crash", "instance-failure"]));
    expect(expectedNotRun("elasticache")).not.toContain("cache-az-power");

    const whole = cliIn(dir, "campaign", ...PLANS, ...base, "--json", "--result", "whole.json");
    expect([whole.code, whole.stderr]).toEqual([0, ""]);
    const summary = JSON.parse(whole.stdout) as CampaignSummary;
    for (const plan of PLANS) {
      const skipped = summary.notRun.filter((x) => x.plan === plan);
      expect(skipped.map((x) => x.scenario)).toEqual(expectedNotRun(plan));
      for (const x of skipped) expect(x.why, `${plan} ${x.scenario}`).toMatch(/^nothing to emulate: /);
      const ran = summary.rows.filter((r) => r.plan === plan);
      expect(ran.map((r) => r.scenario)).toEqual(scenarios.filter((s) => !expectedNotRun(plan).includes(s)));
      // Everything run was judged: the look-ahead skipped nothing it could have judged, kept nothing it could not.
      for (const r of ran)
        expect({ plan, scenario: r.scenario, runs: r.runs, notJudged: r.notJudged }).toEqual({
          plan,
          scenario: r.scenario,
          runs: 1,
          notJudged: 0,
        });
    }
    // The ElastiCache example runs the ElastiCache scenarios.
    const cacheRows = summary.rows.filter((r) => r.plan === "elasticache" && r.scenario.startsWith("cache-")).map((r) => r.scenario);
    expect(cacheRows).toEqual(["cache-az-power", "cache-node-failure", "cache-engine-crash", "cache-test-failover"]);
    expect(summary.runs).toBe(PLANS.length * scenarios.length - summary.notRun.length);
    expect(summary.violations).toBe(0);

    // The result file says the same, and numbers only the runs that ran.
    const result = readResult("whole.json");
    expect(result.notRun).toEqual(summary.notRun);
    expect(result.units).toBe(summary.runs);
    expect(result.runs.map((r) => r.unit)).toEqual(Array.from({ length: summary.runs }, (_, i) => i));

    // Two shards agree on what not to run, and merge into the unsharded summary.
    for (const k of [1, 2]) {
      const part = cliIn(dir, "campaign", ...PLANS, ...base, "--shard", `${k}/2`);
      expect([part.code, part.stderr]).toEqual([0, ""]);
      expect(readResult(`campaign-shard-${k}-of-2.json`).notRun).toEqual(summary.notRun);
    }
    const merged = cliIn(dir, "campaign", "merge", "campaign-shard-1-of-2.json", "campaign-shard-2-of-2.json", "--json");
    expect([merged.code, merged.stderr]).toEqual([0, ""]);
    const { mode: _m, ...mergedSummary } = JSON.parse(merged.stdout) as CampaignSummary;
    const { mode: _w, ...wholeSummary } = summary;
    expect(mergedSummary).toEqual(wholeSummary);

    // The human summary names each one: "not run on <plan>: <scenario>: <reason>".
    const text = cliIn(dir, "campaign", "merge", "campaign-shard-1-of-2.json", "campaign-shard-2-of-2.json");
    for (const x of summary.notRun) expect(text.stdout).toContain(`not run on ${x.plan}: ${x.scenario}: ${x.why}`);
    expect(text.stdout.trim().split("\n").at(-1)).toBe(
      `seeds: ${summary.runs}, violations: 0, not judged: 0, not run: ${summary.notRun.length} scenarios on a plan`,
    );
  }, 300_000);

  test("--total spreads its budget over the pairs that run, not over every plan × scenario", () => {
    const runnable = scenarios.length - expectedNotRun("elasticache").length;
    // One run more than one seed of each runnable pair: two seeds each (over every pair it would be one).
    const r = cliIn(dir, "campaign", "elasticache", "--total", String(runnable + 1), "--profile", "fast", "--parallel", "1", "--json");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const s = JSON.parse(r.stdout) as CampaignSummary;
    expect(s.seeds).toBe(2);
    expect(s.runs).toBe(2 * runnable);
  }, 300_000);

  test("shards that disagree on what was not run are refused by merge", () => {
    const file = readResult("campaign-shard-2-of-2.json");
    writeFileSync(join(dir, "tampered.json"), JSON.stringify({ ...file, notRun: file.notRun.slice(1) }));
    const r = cliIn(dir, "campaign", "merge", "campaign-shard-1-of-2.json", "tampered.json");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tampered\.json has a different list of scenarios not run/);
  });

  test("--scenario naming one the plan cannot run: exit 2, the plan and why, nothing written", () => {
    const r = cliIn(
      dir,
      "campaign",
      "aurora-postgres",
      ...base,
      "--scenario",
      "az-outage",
      "--scenario",
      "cache-engine-crash",
      "--result",
      "named.json",
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^--scenario cache-engine-crash cannot run on aurora-postgres: nothing to emulate: [^\n]+\.\nFix: leave --scenario cache-engine-crash out/,
    );
    expect(() => readFileSync(join(dir, "named.json"))).toThrow();
  });

  test("a plan with no modelled resource runs only group-crash (its own invented groups) and lists the rest as not run", () => {
    mkdirSync(join(dir, "network-only"));
    const network = {
      provider: { aws: [{ region: "us-east-1" }] },
      resource: {
        aws_vpc: { main: { cidr_block: "10.0.0.0/16" } },
        aws_subnet: { a: { vpc_id: "${aws_vpc.main.id}", cidr_block: "10.0.1.0/24", availability_zone: "us-east-1a" } },
      },
    };
    writeFileSync(join(dir, "network-only", "cdk.tf.json"), JSON.stringify(network));
    const r = cliIn(dir, "campaign", "network-only", ...base, "--json");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const s = JSON.parse(r.stdout) as CampaignSummary;
    expect(s.rows.map((x) => x.scenario)).toEqual(["group-crash"]);
    expect(s.notRun.map((x) => x.scenario)).toEqual(scenarios.filter((x) => x !== "group-crash"));
    expect(s.notRun.find((x) => x.scenario === "az-outage")?.why).toMatch(/the plan holds no database/);
  });
});

/**
 * The emulator's tools as users run them (the built binary): replay, drill, campaign, and
 * emulate --report. Bad input: exit 2, one paragraph with the fix, nothing on stdout, nothing written.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { type CampaignSummary, runCampaign } from "../runtime/campaign/campaign";
import { replayCommand } from "../runtime/campaign/replay-command";
import { formatCampaign } from "../runtime/cli/campaign";
import { cli } from "./helpers/cli";
import { synthAuroraExample, writePlan } from "./helpers/examples";

const HAND_WRITTEN = join(__dirname, "fixtures", "hand-written-aurora.tf.json");
let plan: string;
let drillAddress: string;

beforeAll(() => {
  plan = writePlan(synthAuroraExample());
  const doc = JSON.parse(readFileSync(plan, "utf8"));
  drillAddress = `aws_fis_experiment_template.${Object.keys(doc.resource.aws_fis_experiment_template)[0]}`;
});

const lines = (text: string) => text.split("\n").filter(Boolean);
const fresh = (name: string) => join(mkdtempSync(join(tmpdir(), "cli-tools-")), name);

describe("replay", () => {
  test("prints the run's trace; the same seed gives the same lines, and they hash to emulate's traceHash", async () => {
    const args = [plan, "--scenario", "az-outage", "--seed", "7", "--profile", "fast"];
    const r = cli("replay", ...args);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(cli("replay", ...args).stdout).toBe(r.stdout);
    const { createHash } = await import("node:crypto");
    const { traceHash } = JSON.parse(cli("emulate", ...args, "--json").stdout);
    expect(createHash("sha256").update(r.stdout).digest("hex")).toBe(traceHash);
    expect(r.stdout).toMatch(/^\d+ \d+ fault world power-loss zone:us-east-1a begin$/m);
  });

  test("filters by kind, subject, text and virtual time window", () => {
    const base = [plan, "--scenario", "az-outage", "--seed", "7", "--profile", "fast"];
    const all = cli("replay", ...base)
      .stdout.trim()
      .split("\n");
    const faults = cli("replay", ...base, "--kind", "fault")
      .stdout.trim()
      .split("\n");
    expect(faults).toEqual(all.filter((l) => l.split(" ")[2] === "fault"));
    expect(faults.length).toBeGreaterThan(1);
    const writer = cli("replay", ...base, "--subject", "writer", "--grep", "status=")
      .stdout.trim()
      .split("\n");
    expect(writer).toEqual(all.filter((l) => (l.split(" ")[3] ?? "").includes("writer") && l.includes("status=")));
    const times = all.map((l) => Number(l.split(" ")[0]));
    const later = times.filter((t) => t > 0);
    const mid = later[Math.floor(later.length / 2)] as number;
    const window = lines(cli("replay", ...base, "--from", "1", "--to", String(mid)).stdout);
    expect(window).toEqual(all.filter((_l, i) => (times[i] as number) >= 1 && (times[i] as number) <= mid));
    expect(window.length).toBeGreaterThan(0);
    expect(window.length).toBeLessThan(later.length);
    expect(lines(cli("replay", ...base, "--to", "1s").stdout)).toEqual(all.filter((_, i) => (times[i] as number) <= 1000));
    // Six CLI processes, each loading the runtime: 30 s is not enough when the 2-core machine runs other work.
  }, 120_000);

  test.each<[string, string[], RegExp]>([
    [
      "a time without meaning",
      ["--from", "soon"],
      /^--from soon is not a virtual time\.[\s\S]*Fix: pass milliseconds or a number with a unit, e\.g\. --from 90s/,
    ],
    [
      "a window the wrong way round",
      ["--from", "2m", "--to", "1m"],
      /^--from 2m is after --to 1m\.[\s\S]*Fix: pass a --from time at or before --to/,
    ],
    ["a missing scenario", ["--scenario", "meteor"], /^Unknown scenario "meteor"\./],
  ])("bad input: %s → exit 2", (_name, extra, message) => {
    const args = extra[0] === "--scenario" ? [plan, ...extra, "--seed", "1"] : [plan, "--scenario", "az-outage", "--seed", "1", ...extra];
    const r = cli("replay", ...args);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toMatch(message);
  });
});

describe("drill", () => {
  test("runs every FIS template of the plan locally: the zone-a drill fails the writer over out of zone a", () => {
    const r = cli("drill", plan, "--seed", "3", "--json");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const doc = JSON.parse(r.stdout);
    expect(doc.plan).toBe(plan);
    expect(doc.drills.map((d: { template: string }) => d.template)).toEqual([drillAddress]);
    const [drill] = doc.drills;
    expect(drillAddress.endsWith(`.${drill.scenario}`)).toBe(true);
    expect(drill.failovers).toMatchObject([{ fromAz: "us-east-1a" }]);
    expect(drill.failovers[0].toAz).not.toBe("us-east-1a");
    expect(drill.invariants.every((i: { ok: boolean }) => i.ok)).toBe(true);
  });

  test("is emulate with the template as the scenario: same seed, same result", () => {
    const drill = JSON.parse(cli("drill", plan, "--seed", "3", "--template", drillAddress, "--json").stdout).drills[0];
    const emulated = JSON.parse(cli("emulate", plan, "--scenario", drillAddress, "--seed", "3", "--json").stdout);
    expect(drill).toEqual({ template: drillAddress, ...emulated });
  });

  test("the summary names the template and the failover", () => {
    const r = cli("drill", plan, "--seed", "3");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`== ${drillAddress}`);
    expect(r.stdout).toMatch(/Failovers\n {2}aws_rds_cluster\.Orders_\w+: us-east-1a -> us-east-1[bc]/);
  });

  test.each<[string, () => string[], RegExp]>([
    [
      "a plan without templates",
      () => [HAND_WRITTEN],
      /has no aws_fis_experiment_template\.[\s\S]*Fix: add a FailoverDrill to the stack and synthesize again/,
    ],
    [
      "an unknown template",
      () => [plan, "--template", "aws_fis_experiment_template.Nope"],
      /is not an FIS template of this plan\.[\s\S]*Fix: pass one of aws_fis_experiment_template\.ZoneADrill/,
    ],
    ["a missing plan", () => ["/nonexistent/cdk.tf.json"], /^Cannot read plan \/nonexistent\/cdk\.tf\.json/],
  ])("bad input: %s → exit 2", (_name, args, message) => {
    const r = cli("drill", ...args(), "--seed", "1");
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toMatch(message);
  });
});

describe("emulate --report", () => {
  test("writes one HTML file with the verdict, the replay command and the timeline", () => {
    const file = fresh("report.html");
    const r = cli("emulate", plan, "--scenario", "az-outage", "--seed", "42", "--report", file);
    expect(r.code).toBe(0);
    const html = readFileSync(file, "utf8");
    expect(html).toContain("Every invariant held.");
    expect(html).toContain(`cdktf-resilience emulate ${plan} --scenario az-outage --seed 42 --profile realistic`);
    expect(html.match(/<svg class="timeline"/g)?.length).toBeGreaterThanOrEqual(2);
  });

  test("an unwritable report path is refused before the run, and nothing is written", () => {
    const missingDir = join(fresh("x"), "no", "such", "dir", "r.html");
    const r = cli("emulate", plan, "--scenario", "az-outage", "--seed", "1", "--report", missingDir);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toMatch(
      /^--report \S+r\.html is in a folder that does not exist \(\S+dir\)\.\nFix: create \S+dir first, or write the file elsewhere/,
    );
    expect(existsSync(missingDir)).toBe(false);
  });

  test("a directory as the report path is refused", () => {
    const dir = fresh("d");
    mkdirSync(dir);
    const r = cli("emulate", plan, "--scenario", "az-outage", "--seed", "1", "--report", dir);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toMatch(/^--report \S+ is a folder\.\nFix: name a file, e\.g\. --report \S+report\.html/);
  });
});

describe("campaign", () => {
  test("runs seeds × scenarios, prints a table and ends with the seeds line", () => {
    const r = cli(
      "campaign",
      plan,
      "--seeds",
      "3",
      "--scenario",
      "az-outage",
      "--scenario",
      "writer-crash",
      "--profile",
      "fast",
      "--parallel",
      "1",
    );
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toMatch(
      /│ plan +│ scenario +│ runs +│ violations +│ not judged +│ failovers +│ worst client outage +│ virtual hours +│/,
    );
    expect(r.stdout).toMatch(/│ az-outage +│ 3 +│ 0 +│ 0 +│ 3 +│/);
    expect(r.stdout.trim().split("\n").at(-1)).toBe("seeds: 6, violations: 0, not judged: 0");
  });

  test("--total spreads a budget of runs evenly: ⌈runs ÷ (plans × scenarios)⌉ seeds each", () => {
    const r = cli(
      "campaign",
      plan,
      "--total",
      "5",
      "--scenario",
      "az-outage",
      "--scenario",
      "writer-crash",
      "--profile",
      "fast",
      "--parallel",
      "1",
    );
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toMatch(/│ writer-crash +│ 3 +│ 0 +│ 0 +│/);
    expect(r.stdout.trim().split("\n").at(-1)).toBe("seeds: 6, violations: 0, not judged: 0");
  });

  test("BUGGIFY second faults are on in campaigns (replayable with --buggify) and off with buggify: false", async () => {
    const o = { plans: [plan], scenarios: ["az-outage"], seeds: 30, profile: "fast" as const };
    const fired = (c: CampaignSummary) =>
      Object.entries(c.coverage)
        .filter(([id, p]) => id.startsWith("buggify:") && p.hits > 0)
        .map(([id]) => id);
    const on = await runCampaign(o);
    expect(on.violations).toBe(0);
    expect(fired(on)).toEqual(expect.arrayContaining(["buggify:rds-failover-target-reboots", "buggify:rds-readers-reboot-as-writer-lost"]));
    expect(on.coverage["rds failover target lost before the failover completed"]?.hits).toBeGreaterThan(0);
    expect(fired(await runCampaign({ ...o, buggify: false }))).toEqual([]);
  }, 60_000);

  test("a failing seed of a buggified campaign replays with --buggify", () => {
    expect(replayCommand({ plan: "p.json", scenario: "az-outage", seed: 9, profile: "realistic", buggify: true })).toBe(
      "cdktf-resilience replay p.json --scenario az-outage --seed 9 --profile realistic --buggify",
    );
    const r = cli("emulate", plan, "--scenario", "az-outage", "--seed", "9", "--profile", "fast", "--buggify");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--buggify");
  });

  test("the summary does not depend on how many worker threads ran it", async () => {
    const o = { plans: [plan], scenarios: ["az-outage", "writer-crash"], seeds: 4, profile: "fast" as const };
    const one = await runCampaign({ ...o, parallel: 1 });
    const two = await runCampaign({ ...o, parallel: 2 });
    expect({ ...two, mode: "" }).toEqual({ ...one, mode: "" });
    expect(one.runs).toBe(8);
  });

  test.each<[string, string[], RegExp]>([
    ["zero seeds", ["--seeds", "0"], /^--seeds 0 is not a whole number from 1 to 1000000\.\nFix: pass e\.g\. --seeds 4$/m],
    ["seeds that are not a number", ["--seeds", "many"], /^--seeds many is not a whole number/],
    [
      "both --seeds and --total",
      ["--seeds", "2", "--total", "10"],
      /^--seeds\/--total 2 and 10 is not a campaign size: exactly one of the two says how many runs\.\nFix: pass --seeds <n> \(per plan and scenario\) or --total <runs>/m,
    ],
    ["neither --seeds nor --total", [], /^--seeds\/--total \(neither given\) is not a campaign size/],
    ["zero workers", ["--seeds", "1", "--parallel", "0"], /^--parallel 0 is not a whole number from 1 to 256\./],
    [
      "an unknown scenario",
      ["--seeds", "1", "--scenario", "meteor"],
      /^--scenario meteor is not a named scenario[\s\S]*Fix: pass one of az-outage/,
    ],
  ])("bad input: %s → exit 2, no run started", (_name, extra, message) => {
    const r = cli("campaign", plan, ...extra);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toMatch(message);
  });

  test("failing seeds are listed with their replay command", () => {
    const summary: CampaignSummary = {
      seeds: 2,
      runs: 2,
      violations: 1,
      notJudged: 0,
      notRun: [],
      rows: [
        {
          plan: "p.json",
          scenario: "az-outage",
          runs: 2,
          violations: 1,
          notJudged: 0,
          failovers: 1,
          clientOutageMsMax: 24_700,
          virtualHours: 2.5,
        },
      ],
      failures: [
        {
          unit: { plan: "p.json", scenario: "az-outage", seed: 9, profile: "fast" },
          kind: "invariant",
          invariant: "single-writer",
          message: "two writers",
          atMs: 1000,
          replay: "cdktf-resilience replay p.json --scenario az-outage --seed 9 --profile fast",
        },
      ],
      coverage: {},
      mode: "worker threads",
    };
    const text = formatCampaign(summary);
    expect(text).toContain(
      "  az-outage seed 9: invariant single-writer: two writers\n    replay: cdktf-resilience replay p.json --scenario az-outage --seed 9 --profile fast",
    );
    expect(text.trim().split("\n").at(-1)).toBe("seeds: 2, violations: 1, not judged: 0");
  });
});

test("the report write is atomic: a failed run leaves an existing report untouched", () => {
  const file = fresh("keep.html");
  writeFileSync(file, "previous");
  const r = cli("emulate", plan, "--scenario", "meteor", "--seed", "1", "--report", file);
  expect(r.code).toBe(2);
  expect(readFileSync(file, "utf8")).toBe("previous");
});

test.each<[string, string[]]>([
  ["replay", ["--scenario", "--seed", "--profile", "--buggify", "--kind", "--subject", "--grep", "--from", "--to"]],
  ["drill", ["--template", "--seed", "--profile", "--json"]],
  ["campaign", ["--seeds", "--total", "--no-buggify", "--parallel", "--scenario", "--first-seed", "--profile", "--json", "--no-progress"]],
  [
    "campaign",
    ["--shard", "env/n", "JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX", "CDKTF_RESILIENCE_SHARD_INDEX", "--result", "merge"],
  ],
  ["campaign merge", ["<files...>", "--json", "--result"]],
  ["emulate", ["--scenario", "--seed", "--profile", "--az", "--json", "--trace", "--report"]],
  ["assess", ["--seeds", "--first-seed", "--parallel", "--strict", "--json", "--report <file>", "HTML page", "--force"]],
])("%s --help describes the command and each option", (command, options) => {
  const r = cli(...command.split(" "), "--help");
  expect([r.code, r.stderr]).toEqual([0, ""]);
  expect(r.stdout).toMatch(new RegExp(`^Usage: cdktf-resilience ${command} `));
  for (const o of options) expect(r.stdout).toContain(o);
});

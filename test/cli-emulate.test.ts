import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { CACHE_INVARIANTS } from "../runtime/checkers/cache-survival";
import { run } from "../runtime/cli/main";
import { defaultRegistry, registerBuiltIns } from "../runtime/emulation/default-registry";
import { EmulationRegistry } from "../runtime/scenarios/registry";
import { cli, cliIn } from "./helpers/cli";
import { docBlock } from "./helpers/docs";
import { synthAuroraExample, synthesizedProject, writePlan } from "./helpers/examples";

const FIXTURES = join(__dirname, "fixtures");
const HAND_WRITTEN = join(FIXTURES, "hand-written-aurora.tf.json");
const CONTINGENCY = join(FIXTURES, "hand-written-contingency.tf.json");
let plan: string;

beforeAll(() => {
  plan = writePlan(synthAuroraExample());
});

const emulate = (...args: string[]) => cli("emulate", ...args);
const CLOUD_INVARIANTS = ["cloud/capacity-books-balance", "cloud/spot-notice-before-reclaim", "cloud/writer-after-recovery"];

describe("cdktf-resilience emulate (built binary)", () => {
  test("--json prints exactly the documented JSON result for an az-outage of the example, and exits 0", () => {
    const r = emulate(plan, "--scenario", "az-outage", "--seed", "1", "--json");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual([
      "seed",
      "scenario",
      "profile",
      "virtualDurationMs",
      "events",
      "traceHash",
      "invariants",
      "failovers",
      "revocations",
      "restores",
      "clients",
      "recovery",
      "cache",
      "modelled",
      "notRun",
      "experiment",
      "verdict",
    ]);
    // what did not run, and why: the example holds no contingency designation, processing node nor
    // ElastiCache replication group, and an AZ outage asks for no restore; the writer stopped, so the buffer cache ran
    expect(doc.notRun.map((n: { component: string }) => n.component)).toEqual([
      "storage",
      "contingency-capacity",
      "processing-groups",
      "replication-group",
    ]);
    expect(doc.notRun[0].why).toMatch(/pitr-restore, clone and hibernate-wake .*EBS volumes.*az-outage does neither/);
    expect(doc).toMatchObject({
      seed: 1,
      scenario: "az-outage",
      profile: "realistic",
      revocations: [],
    });
    // lead-in, experiment and quiet phase, plus the fault's seeded offset within one 5 s probe period
    expect(doc.virtualDurationMs - (2 + 60 + 15) * 60_000).toBeGreaterThanOrEqual(0);
    expect(doc.virtualDurationMs - (2 + 60 + 15) * 60_000).toBeLessThan(5_000);
    // an AZ outage asks for no restore, and the example holds none: no restores, no storage invariants
    expect(doc.restores).toEqual([]);
    expect(doc.traceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.failovers).toMatchObject([{ fromAz: "us-east-1a", toAz: "us-east-1b" }]);
    expect(doc.invariants).toHaveLength(CLOUD_INVARIANTS.length + 16 + CACHE_INVARIANTS.length);
    expect(doc.invariants.every((i: { ok: boolean }) => i.ok)).toBe(true);
    expect(doc.invariants.map((i: { id: string }) => i.id).slice(-CACHE_INVARIANTS.length)).toEqual([...CACHE_INVARIANTS]);
    // what it judged: the cluster, reached by the zone's power loss
    expect(doc.verdict).toBe("held");
    expect(doc.experiment).toMatchObject({ state: "completed", struck: { zones: ["us-east-1a"] } });
    expect(doc.modelled.every((m: { struck: boolean }) => m.struck)).toBe(true);
    expect(doc.failovers[0]).toMatchObject({ model: "failover-pair", lostAckedWrites: 0, repairedWith: { az: "us-east-1a" } });
    // the writer's zone lost power: the promoted writer's cache is its own, cold for this workload
    expect(doc.cache).toMatchObject({ kept: 0, backendReadsDuringRecovery: 0 });
    // what the clients saw: the totals are the run's buckets; every failure falls in an incident
    const [clients] = doc.clients;
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(doc.clients).toHaveLength(1);
    expect(clients).toMatchObject({ database: doc.failovers[0].resource, acknowledgedWritesLost: 0 });
    expect([sum(clients.run.succeeded), sum(clients.run.failed)]).toEqual([clients.succeeded, clients.failed]);
    expect(clients.failed).toBeGreaterThan(0);
    expect(sum(clients.incidents.flatMap((i: { failed: number[] }) => i.failed))).toBe(clients.failed);
    // and it agrees with the control plane's timings: no request succeeded while no writer served,
    // from the detection of the loss to the new writer (buckets wholly inside that span)
    const [incident] = clients.incidents;
    const { detectedAtMs, completedAtMs } = doc.failovers[0];
    const inside = incident.succeeded.filter((_: number, i: number) => {
      const from = incident.fromMs + i * incident.bucketMs;
      return from >= detectedAtMs && from + incident.bucketMs <= completedAtMs;
    });
    expect(inside.length).toBeGreaterThan(0);
    expect(inside.every((n: number) => n === 0)).toBe(true);
    expect(incident.fromMs).toBeLessThan(detectedAtMs);
  });

  test("the same command twice prints byte-identical JSON, trace hash included", () => {
    const args = [plan, "--scenario", "az-outage", "--seed", "42", "--profile", "fast", "--json"];
    const first = emulate(...args).stdout;
    expect(emulate(...args).stdout).toBe(first);
    expect(JSON.parse(first).profile).toBe("fast");
  });

  test("without --json a short summary: what ran, each invariant, the failover, and the replay command", () => {
    const r = emulate(HAND_WRITTEN, "--scenario", "az-outage", "--seed", "7");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Scenario  az-outage (seed 7, profile realistic)");
    expect(r.stdout).toMatch(/Ran {7}1h17m0[0-4]\.\d{3}s of virtual time, \d+ events, trace [0-9a-f]{16}/);
    expect(r.stdout).toContain("  ok   cloud/writer-after-recovery (1 checks)");
    expect(r.stdout).toContain(
      "  aws_rds_cluster.this: eu-west-1a -> eu-west-1b (aws_rds_cluster_instance.one -> aws_rds_cluster_instance.three)",
    );
    expect(r.stdout).toContain("Note: aws_rds_cluster_instance.two has no availability_zone");
    expect(r.stdout).toContain(`Replay: cdktf-resilience emulate ${HAND_WRITTEN} --scenario az-outage --seed 7 --profile realistic`);
    expect(r.stdout.trimEnd().split("\n").at(-2)).toBe("Every invariant held.");
  });

  test("--trace writes one line per event; its SHA-256 is the trace hash, and the outage is visible in it", () => {
    const file = join(mkdtempSync(join(tmpdir(), "emulate-")), "trace.txt");
    const r = emulate(plan, "--scenario", "az-outage", "--seed", "3", "--az", "use1-az2", "--json", "--trace", file);
    const trace = readFileSync(file, "utf8");
    expect(createHash("sha256").update(trace).digest("hex")).toBe(JSON.parse(r.stdout).traceHash);
    expect(trace).toMatch(/^12[0-4]\d{3} \d+ fault world power-loss zone:us-east-1b begin$/m);
    expect(trace).toMatch(/^\d+ \d+ fis az-outage completed$/m);
  });

  test("an FIS template of the plan and a JSON scenario file run like named scenarios", () => {
    expect(JSON.parse(emulate(CONTINGENCY, "--scenario", "drill", "--seed", "1", "--json").stdout)).toMatchObject({
      scenario: "drill",
      failovers: [{ toAz: "us-east-1b" }],
    });
    const file = emulate(
      CONTINGENCY,
      "--scenario",
      join(FIXTURES, "scenarios/writer-reboot-then-spot.json"),
      "--seed",
      "1",
      "--profile",
      "fast",
      "--json",
    );
    expect([file.code, JSON.parse(file.stdout).scenario]).toEqual([0, "reboot-then-spot"]);
  });

  test("a stack directory works as well as the file; --help lists the options", () => {
    expect(emulate(dirname(plan), "--scenario", "writer-crash", "--seed", "1", "--profile", "fast").code).toBe(0);
    expect(emulate("--help")).toMatchObject({ code: 0, stdout: expect.stringContaining("--scenario <name|file>") });
  });
});

describe("docs: Emulate an outage and the JSON result show real output", () => {
  test("the summary, the JSON document and the trace excerpt are what the command prints for the synthesized example", () => {
    const cwd = synthesizedProject({ "aurora-postgres": readFileSync(plan, "utf8") });
    const bin = (...args: string[]) => cliIn(cwd, "emulate", "cdktf.out/stacks/aurora-postgres", ...args).stdout;
    const page = "docs/emulator/emulate.md";
    expect(bin("--scenario", "az-outage", "--seed", "1")).toBe(docBlock(page, "Emulate an outage", 0).text);
    const json = docBlock("docs/reference/json-result.md", "`emulate --json`", 0);
    expect(json.lang).toBe("json");
    expect(JSON.parse(bin("--scenario", "az-outage", "--seed", "1", "--json"))).toEqual(JSON.parse(json.text));
    bin("--scenario", "az-outage", "--seed", "1", "--trace", "trace.txt");
    const trace = readFileSync(join(cwd, "trace.txt"), "utf8");
    const excerpt = docBlock(page, "Emulate an outage", 1).text;
    expect(excerpt).toMatch(/^12[0-4]\d{3} /);
    for (const line of excerpt.trimEnd().split("\n")) expect(trace).toContain(`${line}\n`);
  });
});

describe("a violated invariant: exit 1, the result still printed, the failure with its replay command on stderr", () => {
  test("a component whose invariant fails makes the run fail", async () => {
    const registry = new EmulationRegistry();
    registerBuiltIns(registry);
    registry.registerComponent({
      name: "planted",
      description: "a liveness check that never holds",
      attach: (ctx) => ctx.sim.checkers.add({ id: "planted-never-converges", atEnd: () => "pending: the planted check never converges" }),
    });
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(
      ["emulate", plan, "--scenario", "writer-crash", "--seed", "9", "--profile", "fast", "--json"],
      { out: (t) => out.push(t), err: (t) => err.push(t) },
      { registry },
    );
    expect(code).toBe(1);
    expect(JSON.parse(out.join("")).invariants.at(-1)).toMatchObject({ id: "planted-never-converges", ok: false });
    expect(err.join("")).toContain('liveness failure: invariant "planted-never-converges" violated');
    expect(err.join("")).toContain(`replay: cdktf-resilience replay ${plan} --scenario writer-crash --seed 9 --profile fast`);
  });
});

describe("seeds and scenarios are the same across commands", () => {
  test("without --seed, emulate, replay and drill all run seed 1 and say so", () => {
    const withSeed = cli("emulate", HAND_WRITTEN, "--scenario", "az-outage", "--seed", "1", "--profile", "fast", "--json");
    const without = cli("emulate", HAND_WRITTEN, "--scenario", "az-outage", "--profile", "fast", "--json");
    expect(without.code).toBe(0);
    expect(JSON.parse(without.stdout)).toEqual(JSON.parse(withSeed.stdout));
    expect(cli("emulate", HAND_WRITTEN, "--scenario", "writer-crash", "--profile", "fast").stdout).toContain(
      "Scenario  writer-crash (seed 1, profile fast)",
    );
    const replayed = cli("replay", HAND_WRITTEN, "--scenario", "az-outage", "--profile", "fast");
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toBe(cli("replay", HAND_WRITTEN, "--scenario", "az-outage", "--profile", "fast", "--seed", "1").stdout);
    const drill = cli("drill", plan, "--profile", "fast");
    expect([drill.code, drill.stdout]).toEqual([0, expect.stringContaining("(seed 1, profile fast)")]);
  }, 90_000); // seven CLI processes, each loading the plan: 30 s was too little on a loaded 2-core machine

  test("--help of emulate and replay names every scenario the registry has, and every exit code", () => {
    const names = defaultRegistry()
      .scenarios()
      .map((s) => s.name);
    expect(names).toContain("group-crash");
    for (const command of ["emulate", "replay"]) {
      const help = cli(command, "--help").stdout.replace(/\s+/g, " ");
      for (const name of names) expect(help).toContain(`${name},`);
      for (const code of ["0", "1", "2", "70"]) expect(help).toMatch(new RegExp(`Exit codes:.* ${code} `));
    }
  });

  test("inspect lists the zones --az accepts", () => {
    const zones = /^Zones {3}(.*)$/m
      .exec(cli("inspect", plan).stdout)?.[1]
      ?.split(", ")
      .map((z) => z.split(" ")[0]);
    const refused = cli("emulate", plan, "--scenario", "az-outage", "--az", "mars-1a");
    const accepted = /expected one of (.*)$/m.exec(refused.stderr)?.[1]?.split(", ");
    expect(zones).toEqual(["us-east-1a", "us-east-1b", "us-east-1c"]);
    expect(accepted).toEqual(zones);
  });
});

describe("bad input: exit 2, one paragraph naming the problem and the fix, nothing written", () => {
  test.each<[string, () => string[], RegExp]>([
    [
      "a missing plan",
      () => ["/nonexistent/cdk.tf.json", "--scenario", "az-outage", "--seed", "1"],
      /^Cannot read plan \/nonexistent\/cdk\.tf\.json: no such file or directory\.\nFix: /,
    ],
    [
      "a malformed plan",
      () => [writePlan('{"resource":{"aws_autoscaling_group":{"g":{}}}}'), "--scenario", "az-outage", "--seed", "1"],
      /is not a valid Terraform JSON plan \(2 problems\):\n- \$\.resource\.aws_autoscaling_group\.g\.min_size: it is missing/,
    ],
    [
      "an unknown scenario",
      () => [HAND_WRITTEN, "--scenario", "meteor", "--seed", "1"],
      /^Unknown scenario "meteor"\.\n.*\nFix: pass one of az-outage, writer-crash, instance-failure, spot-reclaim, disk-stall, pitr-restore, clone, hibernate-wake, spot-price-spike, head-node-failure, contingency-supplement, lease-downgrade, second-failover, group-crash, cache-az-power, cache-node-failure, cache-engine-crash, cache-test-failover, or the path/,
    ],
    [
      "a seed that is not a whole number",
      () => [HAND_WRITTEN, "--scenario", "az-outage", "--seed", "1.5"],
      /^--seed 1\.5 is not a seed\.\n- --seed: found "1\.5"; expected an integer from 0 to 9007199254740991\nFix: pass a whole number/,
    ],
    ["a negative seed", () => [HAND_WRITTEN, "--scenario", "az-outage", "--seed", "-3"], /^--seed -3 is not a seed\./],
    ["a seed beyond 2^53", () => [HAND_WRITTEN, "--scenario", "az-outage", "--seed", "9007199254740993"], /is not a seed/],
    [
      "an unknown profile",
      () => [HAND_WRITTEN, "--scenario", "az-outage", "--seed", "1", "--profile", "slow"],
      /error: option '--profile <profile>' argument 'slow' is invalid\. Allowed choices are realistic, fast\./,
    ],
    [
      "a zone outside the region",
      () => [HAND_WRITTEN, "--scenario", "az-outage", "--seed", "1", "--az", "us-east-1a"],
      /^--az us-east-1a is not a zone of the plan's region eu-west-1\./,
    ],
    [
      "a scenario file that cannot run",
      () => [HAND_WRITTEN, "--scenario", join(FIXTURES, "hand-written-aurora.tf.json"), "--seed", "1"],
      /hand-written-aurora\.tf\.json is not a runnable scenario \(2 problems\):\n- \$\.actions: it is missing; expected an object of actions by name\n- \$: unknown fields '\/\/', 'provider', 'variable', 'resource'/,
    ],
  ])("%s", (_name, args, message) => {
    const traceFile = join(mkdtempSync(join(tmpdir(), "emulate-bad-")), "trace.txt");
    const r = emulate(...args(), "--trace", traceFile);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toMatch(message);
    expect(existsSync(traceFile)).toBe(false);
  });
});

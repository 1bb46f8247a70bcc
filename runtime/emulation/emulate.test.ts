import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { scenarioErrorOf } from "../../test/helpers/scenario-error";
import { CACHE_INVARIANTS } from "../checkers/cache-survival";
import { parsePlan } from "../plan/load-plan";
import { EmulationRegistry } from "../scenarios/registry";
import { registerBuiltIns } from "./default-registry";
import { emulate } from "./emulate";

const fixtures = join(__dirname, "../../test/fixtures");
const contingency = parsePlan(readFileSync(join(fixtures, "hand-written-contingency.tf.json"), "utf8"), "contingency.tf.json");

describe("an emulation run", () => {
  test("the result has exactly the documented fields, in order, with empty sections nobody filled, then what it judged", () => {
    const { result } = emulate({ topology: contingency, scenario: "disk-stall", seed: 3, profile: "fast" });
    expect(Object.keys(result)).toEqual([
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
      "modelled",
      "notRun",
      "experiment",
      "verdict",
    ]);
    expect(result).toMatchObject({ seed: 3, scenario: "disk-stall", profile: "fast", failovers: [], revocations: [], restores: [] });
    // disk-stall pauses the EBS volumes of zone a: the storage hosts' logs live there, so it is judged.
    expect(result.verdict).toBe("held");
    expect(result.experiment.struck.zones).toEqual(["us-east-1a"]);
    // The mock cloud's invariants, then the failover pair's over the plan's Aurora cluster.
    expect(result.invariants.map((i) => [i.id, i.ok])).toEqual([
      ["cloud/capacity-books-balance", true],
      ["cloud/spot-notice-before-reclaim", true],
      ["cloud/writer-after-recovery", true],
      ...[
        "failover-pair/one-coordinator",
        "failover-pair/epoch-only-rises",
        "failover-pair/no-acknowledged-write-lost",
        "failover-pair/commits-gapless-and-once",
        "failover-pair/available-zones-only",
        "failover-pair/endpoint-on-coordinator",
        "failover-pair/no-stale-results",
        "failover-pair/one-outcome-per-request",
        "failover-pair/standby-capacity-in-advance",
        "failover-pair/config-converges",
        "failover-pair/enabled-keys-only",
        "failover-pair/legal-role-transitions",
        "failover-pair/writes-resume-and-re-pair",
        "failover-pair/standby-shares-load",
        "failover-pair/results-show-only-sent-writes",
        "failover-pair/writes-flow-through-one-zone-out",
      ].map((id) => [id, true]),
      // No cache invariant: disk-stall never stops the writer, so its cache never ran (see notRun).
      ...[
        "storage/restore-equals-source",
        "storage/volumes-independent",
        "storage/log-backup-complete",
        "storage/partitions-cover-source",
        "storage/hibernation-keeps-name",
        "storage/restore-to-asked-point",
        "storage/backup-cadence",
        "storage/task-order",
        "storage/failures-are-events",
        "storage/retries-bounded",
        "storage/one-recovery-per-incident",
        "storage/name-points-to-instance",
        "storage/suspension-bounded",
        "storage/backup-complete-after-resume",
        "storage/workflows-end",
        "storage/restore-from-archive",
        "storage/persisted-logs-archived",
        "storage/clone-shares-blocks",
        "storage/host-log-durable",
      ].map((id) => [id, true]),
    ]);
    expect(result.invariants.filter((i) => CACHE_INVARIANTS.includes(i.id))).toEqual([]);
    expect(result.notRun.find((n) => n.component === "buffer-cache")?.why).toMatch(/never stopped in this scenario/);
  });

  test("zonal scenarios strike the first writer's zone unless told otherwise (by zone name or id)", () => {
    const zoneOf = (az?: string) => {
      const lines: string[] = [];
      emulate({
        topology: contingency,
        scenario: "az-outage",
        seed: 1,
        profile: "fast",
        ...(az ? { az } : {}),
        trace: { sink: (l) => lines.push(l) },
      });
      return lines.find((l) => l.includes(" fault world power-loss zone:"))?.split("zone:")[1];
    };
    expect([zoneOf(), zoneOf("us-east-1c"), zoneOf("use1-az2")]).toEqual(["us-east-1a begin", "us-east-1c begin", "us-east-1b begin"]);
  });

  test("the plan's FIS template runs as a scenario, by its Terraform name or address", () => {
    const lines: string[] = [];
    const { result } = emulate({ topology: contingency, scenario: "drill", seed: 5, trace: { sink: (l) => lines.push(l) } });
    expect(result.scenario).toBe("drill");
    expect(lines.filter((l) => / fis (failover|interrupt) start /.test(l)).map((l) => l.split(" ").slice(2, 6).join(" "))).toEqual([
      "fis failover start action=aws:rds:failover-db-cluster",
      "fis interrupt start action=aws:ec2:send-spot-instance-interruptions",
    ]);
    expect(result.failovers).toMatchObject([
      {
        resource: "aws_rds_cluster.orders",
        fromInstance: "aws_rds_cluster_instance.writer",
        toInstance: "aws_rds_cluster_instance.standby",
      },
    ]);
    expect(emulate({ topology: contingency, scenario: "aws_fis_experiment_template.drill", seed: 5 }).result.traceHash).toBe(
      result.traceHash,
    );
  });

  test("a JSON scenario file runs under its own name", () => {
    const { result } = emulate({
      topology: contingency,
      scenario: join(fixtures, "scenarios/writer-reboot-then-spot.json"),
      seed: 2,
      profile: "fast",
    });
    expect([result.scenario, result.invariants.every((i) => i.ok)]).toEqual(["reboot-then-spot", true]);
  });

  test("an unknown scenario or zone is bad input naming what exists", () => {
    expect(scenarioErrorOf(() => emulate({ topology: contingency, scenario: "meteor", seed: 1 }))).toBe(
      [
        'Unknown scenario "meteor".',
        '- scenario: "meteor" is not a scenario name, an FIS template of this plan, or a .json file; expected one of az-outage, writer-crash, instance-failure, spot-reclaim, disk-stall, pitr-restore, clone, hibernate-wake, spot-price-spike, head-node-failure, contingency-supplement, lease-downgrade, second-failover, group-crash, cache-az-power, cache-node-failure, cache-engine-crash, cache-test-failover, drill',
        "Fix: pass one of az-outage, writer-crash, instance-failure, spot-reclaim, disk-stall, pitr-restore, clone, hibernate-wake, spot-price-spike, head-node-failure, contingency-supplement, lease-downgrade, second-failover, group-crash, cache-az-power, cache-node-failure, cache-engine-crash, cache-test-failover, drill, or the path of a JSON scenario file (an FIS experiment template)",
      ].join("\n"),
    );
    expect(scenarioErrorOf(() => emulate({ topology: contingency, scenario: "az-outage", seed: 1, az: "eu-west-1a" }))).toMatch(
      /^--az eu-west-1a is not a zone of the plan's region us-east-1\.\n- az: found "eu-west-1a"; expected one of us-east-1a, us-east-1b, us-east-1c\n/,
    );
    expect(() => emulate({ topology: contingency, scenario: "az-outage", seed: -1 })).toThrow(/seed must be an integer/);
  });

  test("a plan template the emulator cannot run is bad input listing its problems", () => {
    const broken = {
      ...contingency,
      fisTemplates: [
        {
          ...(contingency.fisTemplates[0] as (typeof contingency.fisTemplates)[0]),
          actions: [{ name: "x", actionId: "aws:s3:bucket-pause-replication", startAfter: [], parameters: {}, targets: {} }],
        },
      ],
    };
    expect(scenarioErrorOf(() => emulate({ topology: broken, scenario: "drill", seed: 1 }))).toMatch(
      /^aws_fis_experiment_template\.drill is not a runnable scenario \(1 problem\):\n- aws_fis_experiment_template\.drill\.actions\.x\.actionId: "aws:s3:bucket-pause-replication" is an AWS FIS action the emulator does not model/,
    );
  });
});

describe("the registry: how later subsystems join a run", () => {
  test("the scenario is built first, components attach before it runs, and their contributions fill the result sections in attach order", () => {
    const registry = new EmulationRegistry();
    registerBuiltIns(registry);
    const order: string[] = [];
    registry.registerComponent({
      name: "storage",
      description: "restores",
      attach: (ctx) => {
        order.push(`attach at ${ctx.sim.nowMs} az=${ctx.az}`);
        ctx.contribute("storage", () => ({ restores: [{ kind: "pitr", source: "orders", target: "copy", pointMs: 0, verified: true }] }));
      },
    });
    registry.registerComponent({
      name: "cache",
      description: "cache section",
      attach: (ctx) =>
        ctx.contribute("cache", () => ({
          cache: {
            entriesBefore: 10,
            kept: 9,
            invalidated: 1,
            hitRatioBefore: 0.9,
            hitRatioAfterFirst10k: 0.8,
            backendReadsDuringRecovery: 0,
            timeToAvailableMs: 5,
          },
        })),
    });
    registry.registerScenario({
      name: "nothing",
      description: "waits",
      build: () => {
        order.push("build");
        return {
          description: "",
          emptyTargetResolution: "skip",
          targets: [],
          actions: [{ name: "w", actionId: "aws:fis:wait", startAfter: [], parameters: { duration: "PT1M" }, targets: {} }],
        };
      },
    });
    const { result } = emulate({ topology: contingency, scenario: "nothing", seed: 1, profile: "fast", registry });
    // Built first, so a component can attach only when the scenario asks for what it models.
    expect(order).toEqual(["build", "attach at 0 az=us-east-1a"]);
    expect(result.restores).toEqual([{ kind: "pitr", source: "orders", target: "copy", pointMs: 0, verified: true }]);
    expect(Object.keys(result).slice(-8, -5)).toEqual(["restores", "clients", "cache"]);
    // The scenario only waits: it reaches nothing the plan holds, so nothing is judged.
    expect(result.verdict).toBe("not-judged");
    expect(result.notJudged).toMatch(
      /^nothing to emulate: nothing struck nothing; none of it reaches what this run models \(aws_rds_cluster\./,
    );
  });

  test("names are one word and unique, and one component owns each single section", () => {
    const r = new EmulationRegistry();
    registerBuiltIns(r);
    expect(() =>
      r.registerScenario({
        name: "az-outage",
        description: "",
        build: () => ({ description: "", emptyTargetResolution: "skip", targets: [], actions: [] }),
      }),
    ).toThrow(/already|registered/);
    expect(() => r.registerComponent({ name: "Two Words", description: "", attach: () => {} })).toThrow(/one lower-case word/);
    const groups = { recoveries: 1, appRestarts: 0, pagesReturned: 2 };
    r.registerComponent({ name: "a", description: "", attach: (ctx) => ctx.contribute("a", () => ({ groups })) });
    r.registerComponent({ name: "b", description: "", attach: (ctx) => ctx.contribute("b", () => ({ groups })) });
    expect(() => emulate({ topology: contingency, scenario: "disk-stall", seed: 1, profile: "fast", registry: r })).toThrow(
      'a and b both contribute "groups"; one component owns each section',
    );
  });
});

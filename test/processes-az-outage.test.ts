/**
 * Issue 12's topology hook: a plan marks processing nodes with `processingNodeTags()`
 * (`resilience:role = processing`), the loader reads them with their zones, and `emulate
 * --scenario az-outage` places their groups on hosts in those zones: the hosts in the lost zone
 * abort their jobs (`host-lost`) and their groups restart in a surviving zone when the node can run
 * there (an Auto Scaling group over two zones) or are reported lost (an instance in one zone);
 * groups in other zones finish their jobs. Plans without processing nodes behave as before.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { processingNodeTags } from "../lib/processing/processing-node";
import { emulate, emulateInternal } from "../runtime/emulation/emulate";
import { parsePlan, planFromJson } from "../runtime/plan/load-plan";
import { isPlanError } from "../runtime/plan/plan-error";
import { docBlocks } from "./helpers/docs";

const FIXTURE = readFileSync(join(__dirname, "fixtures/hand-written-contingency.tf.json"), "utf8");
const plain = parsePlan(FIXTURE, "contingency.tf.json");

/** The fixture plus three processing nodes: an instance in a, an instance in c, an ASG over a and b. */
function withProcessing(extraTags: Record<string, string> = {}) {
  const doc = JSON.parse(FIXTURE) as { resource: Record<string, Record<string, unknown>> };
  doc.resource.aws_instance = {
    etl_a: {
      ami: "ami-1",
      instance_type: "r6i.large",
      subnet_id: "${aws_subnet.a.id}",
      tags: { ...processingNodeTags({ groups: 2 }), ...extraTags },
    },
    etl_c: { ami: "ami-1", instance_type: "r6i.large", availability_zone: "us-east-1c", tags: processingNodeTags() },
  };
  const asgTags = processingNodeTags({ groups: 3, computeProcesses: 2 });
  (doc.resource.aws_autoscaling_group as Record<string, unknown>).workers = {
    min_size: 1,
    max_size: 1,
    vpc_zone_identifier: ["${aws_subnet.a.id}", "${aws_subnet.b.id}"],
    launch_template: { id: "${aws_launch_template.head.id}" },
    tag: Object.entries(asgTags).map(([key, value]) => ({ key, value, propagate_at_launch: true })),
  };
  return planFromJson(doc, "processing.tf.json");
}

describe("processing nodes in a plan", () => {
  test("the loader reads every node tagged processing, with its zones, groups and compute processes", () => {
    expect(withProcessing().processingNodes).toEqual([
      {
        address: "aws_autoscaling_group.workers",
        type: "aws_autoscaling_group",
        zones: ["us-east-1a", "us-east-1b"],
        groups: 3,
        computeProcesses: 2,
      },
      { address: "aws_instance.etl_a", type: "aws_instance", zones: ["us-east-1a"], groups: 2, computeProcesses: 3 },
      { address: "aws_instance.etl_c", type: "aws_instance", zones: ["us-east-1c"], groups: 1, computeProcesses: 3 },
    ]);
    expect(plain.processingNodes).toBeUndefined();
  });

  test("a groups tag that is not a whole number in range is a plan problem naming the tag", () => {
    let caught: unknown;
    try {
      withProcessing({ "resilience:processing-groups": "many" });
    } catch (e) {
      caught = e;
    }
    expect(isPlanError(caught)).toBe(true);
    expect(String((caught as Error).message)).toMatch(/aws_instance\.etl_a\.tags\["resilience:processing-groups"\].*found "many"/s);
  });
});

describe("emulate --scenario az-outage with processing nodes", () => {
  const topology = withProcessing();

  test("hosts in the lost zone abort their jobs; the ASG's groups restart in b; the instance's are lost; c runs on", () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 6; seed++) {
      const { result } = emulate({ topology, scenario: "az-outage", seed, profile: "fast", az: "us-east-1a" });
      expect(result.invariants.filter((i) => !i.ok)).toEqual([]);
      expect(result.invariants.map((i) => i.id)).toContain("crash-containment/groups-survive-zone-loss");
      const hosts = result.groups?.hosts ?? [];
      const byNode = Object.fromEntries(hosts.map((h) => [h.node, h]));
      expect(byNode["aws_instance.etl_a"]).toEqual({ node: "aws_instance.etl_a", zone: "us-east-1a", groups: 2, state: "lost" });
      expect(byNode["aws_instance.etl_c"]).toEqual({ node: "aws_instance.etl_c", zone: "us-east-1c", groups: 1, state: "up" });
      const asg = byNode["aws_autoscaling_group.workers"];
      // the ASG's host is in a or b (seeded); in a it is replaced in b, in b it was never touched
      if (asg?.zone === "us-east-1a") expect(asg).toMatchObject({ state: "relocated", relocatedTo: "us-east-1b" });
      else expect(asg).toMatchObject({ zone: "us-east-1b", state: "up" });
      seen.add(asg?.state ?? "none");
      const inLostZone = hosts.filter((h) => h.zone === "us-east-1a").reduce((n, h) => n + h.groups, 0);
      expect(result.groups?.jobsAbortedHostLost).toBe(inLostZone);
      // the loss is not a crash: no group recovery and no application restart anywhere
      expect(result.groups).toMatchObject({ recoveries: 0, appRestarts: 0 });
    }
    expect([...seen].sort()).toEqual(["relocated", "up"]);
  });

  test("same seed, same result", () => {
    const run = () => emulate({ topology, scenario: "az-outage", seed: 9, profile: "fast", az: "us-east-1a" }).result;
    expect(run()).toEqual(run());
  });

  test("an outage of a zone without processing hosts leaves every group up", () => {
    const { result } = emulate({ topology, scenario: "az-outage", seed: 2, profile: "fast", az: "us-east-1b" });
    expect(result.invariants.filter((i) => !i.ok)).toEqual([]);
    const states = (result.groups?.hosts ?? []).filter((h) => h.zone !== "us-east-1b").map((h) => h.state);
    expect(states.every((s) => s === "up")).toBe(true);
  });

  test("with BUGGIFY, a host that stayed up sees a second fault, alone or elevated; every invariant holds, and an engine that restarts for every fault (planted) is found", () => {
    const reached = { alone: 0, elevated: 0 };
    let planted: number | undefined;
    for (let seed = 1; seed <= 40 && (!reached.alone || !reached.elevated || planted === undefined); seed++) {
      const run = (mutants: string[]) =>
        emulateInternal({ topology, scenario: "az-outage", seed, profile: "fast", az: "us-east-1a", buggify: true, mutants });
      const { result, report } = run([]);
      const hit = (site: string) => (report.coverage[`buggify:${site}`]?.hits ?? 0) > 0;
      if (!hit("processing-host-group-fault") && !hit("processing-host-elevated-fault")) continue;
      expect(result.invariants.filter((i) => i.id.startsWith("crash-containment/") && !i.ok)).toEqual([]);
      if (hit("processing-host-elevated-fault")) {
        reached.elevated++;
        expect(result.groups?.appRestarts).toBeGreaterThan(0);
        continue;
      }
      reached.alone++;
      expect(result.groups).toMatchObject({ recoveries: 1, appRestarts: 0 });
      const failed = run(["processes.restartEveryFault"])
        .result.invariants.filter((i) => !i.ok)
        .map((i) => i.id);
      expect(failed).toContain("crash-containment/app-restart-iff-elevated");
      planted ??= seed;
    }
    expect(reached.alone).toBeGreaterThan(0);
    expect(reached.elevated).toBeGreaterThan(0);
    expect(planted).toBeDefined();
  });

  test("a plan without processing nodes: az-outage has no groups section and no processes checkers", () => {
    const { result } = emulate({ topology: plain, scenario: "az-outage", seed: 3, profile: "fast" });
    expect(result.groups).toBeUndefined();
    expect(result.invariants.some((i) => i.id.startsWith("crash-containment/"))).toBe(false);
  });
});

describe("docs/emulator/crash-containment.md: processing nodes and zone outages", () => {
  test("the groups section shown is what az-outage reports for that plan and seed (line breaks aside)", () => {
    const shown = docBlocks("docs/emulator/crash-containment.md", "Processing nodes and zone outages").find((b) => b.lang === "json");
    const { result } = emulate({ topology: withProcessing(), scenario: "az-outage", seed: 2, az: "us-east-1a" });
    expect(JSON.parse(shown?.text ?? "null")).toEqual(result.groups);
  });
});

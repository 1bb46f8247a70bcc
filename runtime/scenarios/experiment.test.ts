import { describe, expect, test } from "vitest";
import { cloudWorld, ordersCluster } from "../../test/helpers/cloud";
import { parsePlan } from "../plan/load-plan";
import type { Topology } from "../plan/topology";
import { type ExperimentTemplate, experimentProblems, experimentSchedule, runExperiment, scaledMs } from "./experiment";

const none = { resources: [], resourceTags: {}, filters: [], parameters: {} };
const zones = new Set(["us-east-1a", "us-east-1b", "us-east-1c"]);
const known = (z: string) => zones.has(z);
const emptyTopology = (): Topology => parsePlan("{}");

const chain: ExperimentTemplate = {
  description: "wait, then fail over, while another wait runs",
  emptyTargetResolution: "fail",
  targets: [{ ...none, name: "cluster", resourceType: "aws:rds:cluster", selectionMode: "ALL" }],
  actions: [
    { name: "settle", actionId: "aws:fis:wait", startAfter: [], parameters: { duration: "PT1M" }, targets: {} },
    { name: "failover", actionId: "aws:rds:failover-db-cluster", startAfter: ["settle"], parameters: {}, targets: { Clusters: "cluster" } },
    { name: "long", actionId: "aws:fis:wait", startAfter: [], parameters: { duration: "PT5M" }, targets: {} },
  ],
};

describe("FIS experiments", () => {
  test("actions start at once or after the actions they name; the experiment ends with its last action", () => {
    const plan = experimentSchedule(chain, scaledMs(1));
    expect(Object.fromEntries(plan.actions)).toEqual({
      settle: { startMs: 0, durationMs: 60_000 },
      failover: { startMs: 60_000, durationMs: 0 },
      long: { startMs: 0, durationMs: 300_000 },
    });
    expect(plan.totalMs).toBe(300_000);
    expect(experimentSchedule(chain, scaledMs(1_000)).totalMs).toBe(300);
  });

  test("a run resolves targets at start, runs each action at its time, and traces it", () => {
    const { sim, cloud, traced } = cloudWorld();
    ordersCluster(cloud);
    runExperiment("drill", chain, { sim, cloud, topology: emptyTopology(), random: sim.env.random.fork("scenario") }, 1_000);
    sim.runFor(400_000);
    expect(traced("fis")).toEqual([
      "1000 fis drill start actions=3 planned=300000ms",
      "1000 fis settle start action=aws:fis:wait targets=- for=60000ms",
      "1000 fis long start action=aws:fis:wait targets=- for=300000ms",
      "61000 fis failover start action=aws:rds:failover-db-cluster targets=orders for=0ms",
      "301000 fis drill completed",
    ]);
    expect(cloud.rds.clusters.get("orders")?.writer).toBe("s");
  });

  test("empty targets fail the experiment by default, or skip their actions when asked", () => {
    const run = (mode: "fail" | "skip") => {
      const { sim, cloud, traced } = cloudWorld();
      runExperiment(
        "drill",
        { ...chain, emptyTargetResolution: mode },
        { sim, cloud, topology: emptyTopology(), random: sim.env.random.fork("scenario") },
        0,
      );
      sim.runFor(400_000);
      return traced("fis");
    };
    expect(run("fail")).toEqual(["0 fis drill failed reason=no-targets actions=failover"]);
    expect(run("skip")).toEqual([
      "0 fis drill start actions=3 planned=300000ms skipped=failover",
      "0 fis settle start action=aws:fis:wait targets=- for=60000ms",
      "0 fis long start action=aws:fis:wait targets=- for=300000ms",
      "60000 fis failover skipped action=aws:rds:failover-db-cluster reason=no-targets",
      "300000 fis drill completed",
    ]);
  });

  test("every problem of a template is reported with its path and what was expected", () => {
    const bad: ExperimentTemplate = {
      description: "",
      emptyTargetResolution: "fail",
      targets: [
        { ...none, name: "t", resourceType: "aws:s3:bucket", selectionMode: "SOME" },
        { ...none, name: "db", resourceType: "aws:rds:db", selectionMode: "ALL" },
        { ...none, name: "typo", resourceType: "aws:rds:clusters", selectionMode: "ALL" },
      ],
      actions: [
        { name: "a", actionId: "aws:lambda:invocation-error", startAfter: [], parameters: {}, targets: {} },
        { name: "d", actionId: "aws:rds:failover-db-clusters", startAfter: [], parameters: {}, targets: {} },
        {
          name: "b",
          actionId: "aws:rds:failover-db-cluster",
          startAfter: ["zzz"],
          parameters: { force: "yes" },
          targets: { Clusters: "db" },
        },
        {
          name: "c",
          actionId: "aws:ec2:api-insufficient-instance-capacity-error",
          startAfter: [],
          parameters: { duration: "30 minutes", availabilityZoneIdentifiers: "us-east-1x" },
          targets: {},
        },
      ],
    };
    const problems = experimentProblems(bad, known);
    const types =
      "aws:ec2:instance, aws:ec2:spot-instance, aws:ec2:subnet, aws:ec2:ebs-volume, aws:ec2:autoscaling-group, aws:rds:cluster, aws:rds:db, aws:elasticache:replicationgroup, aws:iam:role";
    expect(problems.map((p) => `${p.path}: ${p.message}; expected ${p.expected}`)).toEqual([
      `$.targets.t.resourceType: "aws:s3:bucket" is an AWS FIS resource type the emulator does not model; expected one of ${types}`,
      '$.targets.t.selectionMode: found "SOME"; expected ALL, COUNT(n) with n ≥ 1, or PERCENT(n) with n from 1 to 100',
      `$.targets.typo.resourceType: "aws:rds:clusters" is not an AWS FIS resource type; expected one of ${types}`,
      expect.stringMatching(
        /^\$\.actions\.a\.actionId: "aws:lambda:invocation-error" is an AWS FIS action the emulator does not model; expected one of aws:rds:failover-db-cluster, /,
      ),
      expect.stringMatching(
        /^\$\.actions\.d\.actionId: "aws:rds:failover-db-clusters" is not an AWS FIS action \(see the FIS actions reference\); expected one of /,
      ),
      "$.actions.b.parameters.force: is not a parameter of this action; expected one of: (no parameters)",
      '$.actions.b.targets.Clusters: target "db" is of type aws:rds:db; expected a target of type aws:rds:cluster',
      '$.actions.b.startAfter: names "zzz", which the template does not define; expected names of other actions of the template',
      '$.actions.c.parameters.duration: "30 minutes" is not an ISO-8601 duration; write it like PT30M, PT2M30S, PT1H or P1DT2H; expected an ISO-8601 duration such as PT30M from 60 s to 43200 s',
      "$.actions.c.parameters.availabilityZoneIdentifiers: names us-east-1x, not a zone of this plan's region; expected comma-separated zone names or ids of the plan's region",
      "$.actions.c.targets.Roles: it is missing; expected the name of a target of resource type aws:iam:role",
    ]);
    // Valid for FIS but not modelled is told apart from a mistake: drill reports the first kind per template.
    expect(problems.filter((p) => p.unsupported).map((p) => p.path)).toEqual(["$.targets.t.resourceType", "$.actions.a.actionId"]);
  });

  test("a startAfter cycle is a problem", () => {
    const cyclic: ExperimentTemplate = {
      ...chain,
      actions: [
        { name: "x", actionId: "aws:fis:wait", startAfter: ["y"], parameters: { duration: "PT1M" }, targets: {} },
        { name: "y", actionId: "aws:fis:wait", startAfter: ["x"], parameters: { duration: "PT1M" }, targets: {} },
      ],
    };
    expect(experimentProblems(cyclic, known)).toEqual([
      { path: "$.actions", message: "startAfter forms a cycle", expected: "an order in which every action can start" },
    ]);
  });
});

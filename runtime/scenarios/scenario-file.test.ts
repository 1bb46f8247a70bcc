import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { isScenarioError, type ScenarioError } from "./scenario-error";
import { loadScenarioFile, scenarioFromJson } from "./scenario-file";

const zones = (z: string) => ["us-east-1a", "us-east-1b", "use1-az1"].includes(z);
const fixture = join(__dirname, "../../test/fixtures/scenarios/writer-reboot-then-spot.json");

function problems(json: unknown): string[] {
  try {
    scenarioFromJson(json, "bad.json", zones);
  } catch (e) {
    if (isScenarioError(e)) return (e as ScenarioError).problems.map((p) => `${p.path}: ${p.message}; expected ${p.expected}`);
    throw e;
  }
  throw new Error("expected a ScenarioError");
}

describe("scenario files (FIS experiment templates in the FIS API's JSON form)", () => {
  test("a valid file becomes an experiment: targets, actions in order, and its name", () => {
    const s = loadScenarioFile(fixture, zones);
    expect(s.name).toBe("reboot-then-spot");
    expect(s.template.actions.map((a) => [a.name, a.actionId, a.startAfter])).toEqual([
      ["reboot", "aws:rds:reboot-db-instances", []],
      ["settle", "aws:fis:wait", []],
      ["interrupt", "aws:ec2:send-spot-instance-interruptions", ["settle"]],
    ]);
    expect(s.template.targets[0]).toEqual({
      name: "writer",
      resourceType: "aws:rds:db",
      selectionMode: "ALL",
      resources: [{ external: "aws_rds_cluster_instance.writer" }],
      resourceTags: {},
      filters: [],
      parameters: {},
    });
    expect(s.template.emptyTargetResolution).toBe("fail");
  });

  test("without a name, the scenario is named after the file", () => {
    expect(
      scenarioFromJson({ actions: { w: { actionId: "aws:fis:wait", parameters: { duration: "PT1M" } } } }, "/tmp/My Drill.json", zones)
        .name,
    ).toBe("My-Drill");
  });

  test("every problem of a malformed file is listed with its JSON path and what to write instead", () => {
    expect(
      problems({
        nmae: "x",
        targets: { t: { resourceType: "aws:rds:cluster", selectionMode: 3 } },
        actions: { a: { actionID: "aws:fis:wait" } },
        experimentOptions: { emptyTargetResolutionMode: "ignore" },
      }),
    ).toEqual([
      "$.targets.t.selectionMode: found 3; expected ALL, COUNT(n) or PERCENT(n)",
      "$.actions.a.actionId: it is missing; expected an FIS action id such as aws:rds:failover-db-cluster",
      "$.actions.a: unknown field 'actionID'; expected only the fields of an FIS experiment template (check the spelling)",
      '$.experimentOptions.emptyTargetResolutionMode: found "ignore"; expected one of "fail", "skip"',
      "$: unknown field 'nmae'; expected only the fields of an FIS experiment template (check the spelling)",
    ]);
  });

  test("a well-formed file whose actions cannot run lists those problems too", () => {
    expect(
      problems({
        actions: {
          spot: {
            actionId: "aws:ec2:send-spot-instance-interruptions",
            parameters: { durationBeforeInterruption: "PT30M" },
            targets: { SpotInstances: "nope" },
          },
        },
      }),
    ).toEqual([
      "$.actions.spot.parameters.durationBeforeInterruption: found PT30M, outside the range FIS accepts; expected an ISO-8601 duration such as PT30M from 120 s to 900 s",
      '$.actions.spot.targets.SpotInstances: names target "nope", which the template does not define; expected the name of a target of resource type aws:ec2:spot-instance',
    ]);
  });

  test("an empty file, a non-JSON file and a missing file are refused with the fix", () => {
    expect(problems({ actions: {} })).toEqual(["$.actions: found {}; expected at least one action"]);
    expect(() => loadScenarioFile("/nonexistent/drill.json", zones)).toThrow(
      /^\/nonexistent\/drill\.json is not a runnable scenario \(1 problem\):\n- \$: no such file; expected a scenario name or the path of a JSON scenario file\nFix: /,
    );
    expect(() => loadScenarioFile(__filename, zones)).toThrow(/it is not JSON/);
  });
});

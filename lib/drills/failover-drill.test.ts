import { describe, expect, test } from "vitest";
import { MINIMAL, newStack, only } from "../../test/helpers/databases";
import { MultiAzDatabase } from "../database/multi-az-database";
import { Acknowledge } from "../private/acknowledge";
import type { TerraformStack } from "../private/cdktf";
import { synth, synthJson, warningsOf } from "../testing";
import { DrillScenario, type DrillScenarioSpec } from "./drill-scenario";
import { FailoverDrill, type FailoverDrillProps } from "./failover-drill";

interface Dbs {
  readonly aurora: MultiAzDatabase;
  readonly redshift: MultiAzDatabase;
  readonly cache: MultiAzDatabase;
}

function drillWith(make: (stack: TerraformStack, dbs: Dbs) => FailoverDrillProps) {
  const stack = newStack();
  const dbs: Dbs = {
    aurora: new MultiAzDatabase(stack, "Orders", MINIMAL.aurora),
    redshift: new MultiAzDatabase(stack, "Warehouse", MINIMAL.redshift),
    cache: new MultiAzDatabase(stack, "Sessions", MINIMAL.elasticache),
  };
  const drill = new FailoverDrill(stack, "Drill", make(stack, dbs));
  return { stack, drill, dbs };
}

/** The one resource of a type whose address starts with the drill's id. */
const drillResource = (json: ReturnType<typeof synthJson>, type: string) => {
  const found = Object.entries(json.resource?.[type] ?? {}).filter(([k]) => k.startsWith("Drill_"));
  if (found.length !== 1) throw new Error(`expected one ${type} of the drill, found ${found.length}`);
  return found[0]?.[1] as Record<string, unknown>;
};
const policyOf = (json: ReturnType<typeof synthJson>) => JSON.parse(String(only(json, "aws_iam_role_policy").policy));
const zoneA = (databases?: MultiAzDatabase[]): DrillScenarioSpec =>
  DrillScenario.azPowerInterruption({ availabilityZone: "us-east-1a", databases });

describe("FailoverDrill", () => {
  test("an AZ power interruption of the Aurora writer's zone: template, role, policy and stop alarm", () => {
    const { stack } = drillWith((_s, d) => ({ scenario: zoneA([d.aurora]) }));
    const json = synthJson(stack);
    expect(
      Object.fromEntries(
        ["aws_fis_experiment_template", "aws_iam_role", "aws_iam_role_policy", "aws_cloudwatch_metric_alarm"].map((t) => [
          t,
          drillResource(json, t),
        ]),
      ),
    ).toMatchSnapshot();
  });

  test("the template interrupts the zone's subnets for 30 minutes and fails the cluster over, targeted by ARN", () => {
    const { stack } = drillWith((_s, d) => ({ scenario: zoneA([d.aurora]) }));
    const template = only(synthJson(stack), "aws_fis_experiment_template");
    expect(template.action).toEqual([
      {
        name: "disrupt-network",
        action_id: "aws:network:disrupt-connectivity",
        parameter: [
          { key: "duration", value: "PT30M" },
          { key: "scope", value: "all" },
        ],
        target: { key: "Subnets", value: "subnets" },
      },
      { name: "failover-0", action_id: "aws:rds:failover-db-cluster", parameter: [], target: { key: "Clusters", value: "cluster-0" } },
    ]);
    expect(template.target).toEqual([
      { name: "subnets", resource_type: "aws:ec2:subnet", selection_mode: "ALL", parameters: { availabilityZoneIdentifier: "us-east-1a" } },
      {
        name: "cluster-0",
        resource_type: "aws:rds:cluster",
        selection_mode: "ALL",
        resource_arns: [expect.stringMatching(/^\$\{aws_rds_cluster\.Orders_\w+\.arn\}$/)],
      },
    ]);
    expect(template.experiment_options).toEqual({ empty_target_resolution_mode: "fail" });
    expect(template.role_arn).toMatch(/^\$\{aws_iam_role\.Drill_Role_\w+\.arn\}$/);
  });

  test("the role may do only what the drill does: FailoverDBCluster on this cluster's ARN, never rds:*", () => {
    const { stack } = drillWith((_s, d) => ({ scenario: zoneA([d.aurora]) }));
    const json = synthJson(stack);
    const statements = policyOf(json).Statement as { Sid: string; Action: string[]; Resource: string | string[]; Condition?: unknown }[];
    const failover = statements.find((s) => s.Action.includes("rds:FailoverDBCluster"));
    expect(failover?.Resource).toEqual([expect.stringMatching(/^\$\{aws_rds_cluster\.Orders_\w+\.arn\}$/)]);
    for (const s of statements) for (const a of s.Action) expect(a).not.toMatch(/\*/);
    // deleting network ACLs only those FIS created
    expect(statements.find((s) => s.Action.includes("ec2:DeleteNetworkAcl"))?.Condition).toEqual({
      StringEquals: { "ec2:ResourceTag/managedByFIS": "true" },
    });
    const role = only(json, "aws_iam_role");
    expect(JSON.parse(String(role.assume_role_policy)).Statement).toEqual([
      { Effect: "Allow", Principal: { Service: "fis.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
    expect(role.name_prefix).toBe("Drill-fis-");
  });

  test("by default the drill stops when the database has had no client for 5 minutes", () => {
    const { stack } = drillWith((_s, d) => ({ scenario: zoneA([d.aurora]) }));
    const json = synthJson(stack);
    const alarm = drillResource(json, "aws_cloudwatch_metric_alarm");
    expect(alarm).toMatchObject({
      namespace: "AWS/RDS",
      metric_name: "DatabaseConnections",
      comparison_operator: "LessThanThreshold",
      threshold: 1,
      period: 60,
      evaluation_periods: 5,
      treat_missing_data: "breaching",
    });
    expect(only(json, "aws_fis_experiment_template").stop_condition).toEqual([
      { source: "aws:cloudwatch:alarm", value: expect.stringMatching(/^\$\{aws_cloudwatch_metric_alarm\.Drill_StopAlarm_\w+\.arn\}$/) },
    ]);
  });

  test("given stop alarms replace the default one", () => {
    const arn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-5xx";
    const { stack, drill } = drillWith((_s, d) => ({ scenario: zoneA([d.aurora]), stopAlarmArns: [arn] }));
    expect(drill.stopAlarm).toBeUndefined();
    expect(only(synthJson(stack), "aws_fis_experiment_template").stop_condition).toEqual([{ source: "aws:cloudwatch:alarm", value: arn }]);
  });

  test("launch roles get insufficient-capacity errors for the outage plus 30 minutes, with the FisActionId condition", () => {
    const role = "arn:aws:iam::123456789012:role/asg";
    const { stack } = drillWith(() => ({
      scenario: DrillScenario.azPowerInterruption({ availabilityZone: "us-east-1b", durationMinutes: 10, launchRoleArns: [role] }),
      stopAlarmArns: ["arn:aws:cloudwatch:us-east-1:1:alarm:x"],
    }));
    const json = synthJson(stack);
    const action = (only(json, "aws_fis_experiment_template").action as { action_id: string; parameter: unknown }[]).find(
      (a) => a.action_id === "aws:ec2:api-insufficient-instance-capacity-error",
    );
    expect(action?.parameter).toEqual([
      { key: "duration", value: "PT40M" },
      { key: "availabilityZoneIdentifiers", value: "us-east-1b" },
      { key: "percentage", value: "100" },
    ]);
    expect(policyOf(json).Statement).toContainEqual({
      Sid: "awsec2apiinsufficientinstancecapacityerror",
      Effect: "Allow",
      Action: ["ec2:InjectApiError"],
      Resource: [role],
      Condition: { StringEquals: { "ec2:FisActionId": "aws:ec2:api-insufficient-instance-capacity-error" } },
    });
  });

  test("a spot interruption targets the contingency pool by tag, and the role is scoped by the same tag", () => {
    const { stack } = drillWith(() => ({
      scenario: DrillScenario.spotInterruption({ count: 3 }),
      stopAlarmArns: ["arn:aws:cloudwatch:us-east-1:1:alarm:x"],
    }));
    const json = synthJson(stack);
    const template = only(json, "aws_fis_experiment_template");
    expect(template.target).toEqual([
      {
        name: "spot",
        resource_type: "aws:ec2:spot-instance",
        selection_mode: "COUNT(3)",
        resource_tag: [{ key: "resilience:role", value: "contingency" }],
      },
    ]);
    expect(policyOf(json).Statement[0]).toEqual({
      Sid: "awsec2sendspotinstanceinterruptions",
      Effect: "Allow",
      Action: ["ec2:SendSpotInstanceInterruptions"],
      Resource: "*",
      Condition: { StringEquals: { "ec2:ResourceTag/resilience:role": "contingency" } },
    });
  });

  // FIS selects aws:elasticache:replicationgroup targets by resource tags only (AWS's template
  // library targets them with resourceTags; resourceArns is refused for this type).
  test("an ElastiCache database is interrupted in the zone, its replication group selected by a tag only it carries", () => {
    const { stack } = drillWith((_s, d) => ({ scenario: DrillScenario.databaseFailover(d.cache) }));
    const template = only(synthJson(stack), "aws_fis_experiment_template");
    expect(template.action).toEqual([
      {
        name: "interrupt-cache-0",
        action_id: "aws:elasticache:replicationgroup-interrupt-az-power",
        parameter: [{ key: "duration", value: "PT5M" }],
        target: { key: "ReplicationGroups", value: "cache-0" },
      },
    ]);
    const target = (template.target as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(target.parameters).toEqual({ availabilityZoneIdentifier: "us-east-1a" });
    expect(target.resource_arns).toBeUndefined();
    const groups = Object.values(
      (synthJson(stack).resource as Record<string, Record<string, Record<string, unknown>>>).aws_elasticache_replication_group ?? {},
    );
    expect(groups).toHaveLength(1);
    const group = groups[0] as { replication_group_id: string; tags: Record<string, string> };
    expect(target.resource_tag).toEqual([{ key: "resilience:drill-target", value: group.replication_group_id }]);
    expect(group.tags["resilience:drill-target"]).toBe(group.replication_group_id);
  });
});

describe("FailoverDrill validation", () => {
  test("props that cannot be right are rejected at once, every problem listed with the path", () => {
    expect(
      () =>
        new FailoverDrill(newStack(), "Drill", {
          scenario: { kind: "az-power-interruption", availabilityZone: "", durationMinutes: 0 } as DrillScenarioSpec,
          stopAlarmArns: [],
          emptyTargetResolution: "ignore" as "fail",
        }),
    ).toThrow(
      [
        "FailoverDrill 'test/Drill' failed validation (4 problems):",
        '- [test/Drill] scenario.availabilityZone: must not be empty (got ""). Fix: set scenario.availabilityZone to at least 1 characters',
        "- [test/Drill] scenario.durationMinutes: must be a whole number from 1 to 720 (got 0). Fix: use a whole number from 1 to 720",
        "- [test/Drill] stopAlarmArns: too small: expected array to have >=1 items (got []). Fix: set stopAlarmArns to at least 1 items",
        '- [test/Drill] emptyTargetResolution: invalid option: expected one of "fail"|"skip" (got "ignore"). Fix: set emptyTargetResolution to one of "fail", "skip"',
      ].join("\n"),
    );
  });

  test.each<[string, (d: Dbs) => FailoverDrillProps, string]>([
    [
      "a drill with no database and no alarm has nothing to stop it",
      () => ({ scenario: DrillScenario.spotInterruption() }),
      "- [test/Drill] stopAlarmArns: a spot-interruption drill targets no database, so there is no default alarm to stop it (got nothing). Fix: pass stopAlarmArns with the alarm that says your application is hurting (e.g. its error rate)",
    ],
    [
      "FIS cannot fail a Redshift cluster over",
      (d) => ({ scenario: DrillScenario.databaseFailover(d.redshift) }),
      "- [test/Drill] scenario.database: FIS has no action that fails a Redshift Multi-AZ cluster over (got test/Warehouse). Fix: rehearse it with DrillScenario.azPowerInterruption({ availabilityZone }) in AWS, or locally with `cdktf-resilience emulate --scenario az-outage`",
    ],
  ])("%s", (_name, props, line) => {
    const { stack } = drillWith((_s, d) => props(d));
    expect(() => synth(stack)).toThrow(line);
  });

  test("both errors are reported together", () => {
    const { stack } = drillWith((_s, d) => ({ scenario: DrillScenario.databaseFailover(d.redshift) }));
    // database-failover has a database, so only the Redshift error; add a spot drill with no alarm beside it
    new FailoverDrill(stack, "Spot", { scenario: DrillScenario.spotInterruption() });
    let message = "";
    try {
      synth(stack);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("[test/Drill] scenario.database");
    expect(message).toContain("[test/Spot] stopAlarmArns");
  });

  test("warnings: a database whose writer is elsewhere, and Redshift, which FIS cannot interrupt; both can be acknowledged", () => {
    const { stack, drill } = drillWith((_s, d) => ({
      scenario: DrillScenario.azPowerInterruption({ availabilityZone: "us-east-1b", databases: [d.aurora, d.redshift] }),
    }));
    synth(stack);
    expect(warningsOf(drill)).toEqual([
      "[test/Drill] scenario.databases[0]: the writer of test/Orders is in us-east-1a, not in us-east-1b: the drill fails over a writer the outage would not have hit. Fix: interrupt us-east-1a, or leave this database out of the drill (acknowledge with Acknowledge.of(scope).add('resilience:drill-database-not-interrupted', reason))",
      "[test/Drill] scenario.databases[1]: FIS has no Redshift action, so test/Warehouse keeps running through this drill. Fix: rehearse the Redshift relocation locally with `cdktf-resilience emulate --scenario az-outage` (acknowledge with Acknowledge.of(scope).add('resilience:drill-database-not-interrupted', reason))",
    ]);
    const again = drillWith((_s, d) => ({
      scenario: DrillScenario.azPowerInterruption({ availabilityZone: "us-east-1b", databases: [d.aurora, d.redshift] }),
    }));
    Acknowledge.of(again.drill).add("resilience:drill-database-not-interrupted", "the Redshift relocation is rehearsed with emulate");
    synth(again.stack);
    expect(warningsOf(again.drill)).toEqual([]);
  });

  test("the writer's zone drill has no warning", () => {
    const { stack, drill } = drillWith((_s, d) => ({ scenario: zoneA([d.aurora]) }));
    synth(stack);
    expect(warningsOf(drill)).toEqual([]);
    expect(FailoverDrill.isFailoverDrill(drill)).toBe(true);
    expect(FailoverDrill.isFailoverDrill({})).toBe(false);
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { isPlanError, type PlanError, parsePlan, planFromJson } from ".";

const handWritten = readFileSync(join(__dirname, "../../test/fixtures/hand-written-contingency.tf.json"), "utf8");
const t = parsePlan(handWritten, "contingency.tf.json");

function problems(resource: Record<string, unknown>): string[] {
  try {
    planFromJson({ resource }, "plan.json");
  } catch (e) {
    if (isPlanError(e)) return (e as PlanError).problems.map((p) => `${p.path}: ${p.message}; expected ${p.expected}`);
    throw e;
  }
  throw new Error("expected a PlanError");
}

describe("loading the infrastructure around the databases (hand-written plan)", () => {
  test("regions come from every provider block, aliases included", () => {
    expect(t.regions).toEqual(["us-east-1", "us-west-2"]);
  });

  test("a capacity reservation keeps its zone, type, count, match criteria and role tag", () => {
    expect(t.capacityReservations).toEqual([
      {
        address: "aws_ec2_capacity_reservation.primary",
        instanceType: "r6g.large",
        availabilityZone: "us-east-1a",
        instanceCount: 1,
        platform: "Linux/UNIX",
        matchCriteria: "targeted",
        role: "primary-capacity",
      },
    ]);
  });

  test("a launch template links its targeted capacity reservation", () => {
    expect(t.launchTemplates).toEqual([
      {
        address: "aws_launch_template.head",
        name: "head",
        instanceType: "r6g.large",
        capacityReservation: { target: { address: "aws_ec2_capacity_reservation.primary" } },
        spot: false,
      },
    ]);
  });

  test("an Auto Scaling group reads its zones from its subnets, its types from template and overrides, its spot mix and role tag", () => {
    expect(t.autoScalingGroups).toEqual([
      {
        address: "aws_autoscaling_group.contingency",
        name: "contingency",
        minSize: 0,
        maxSize: 2,
        desiredCapacity: 2,
        zones: ["us-east-1b"],
        launchTemplate: { address: "aws_launch_template.head" },
        instanceTypes: ["r6g.large", "r6i.large"],
        mixed: { onDemandBase: 0, onDemandPercentAboveBase: 0, spotAllocationStrategy: "price-capacity-optimized" },
        capacityRebalance: true,
        role: "contingency",
      },
    ]);
  });

  test("an EventBridge rule carries its parsed pattern and its targets, linked by reference", () => {
    expect(t.eventRules).toEqual([
      {
        address: "aws_cloudwatch_event_rule.spot",
        name: "spot-interruptions",
        eventPattern: {
          source: ["aws.ec2"],
          "detail-type": ["EC2 Spot Instance Interruption Warning", "EC2 Instance Rebalance Recommendation"],
        },
        enabled: true,
        eventBus: "default",
        targets: [{ address: "aws_cloudwatch_event_target.spot", targetId: "spot", arn: { address: "aws_sqs_queue.interruptions" } }],
      },
    ]);
  });

  test("backup vaults, plans and selections link each other; the copy target's region comes from its provider alias", () => {
    expect(t.backupVaults).toEqual([
      { address: "aws_backup_vault.main", name: "orders-vault", kmsKey: { address: "aws_kms_key.db" } },
      { address: "aws_backup_vault.dr", name: "orders-dr", region: "us-west-2" },
    ]);
    expect(t.backupPlans[0]?.rules).toEqual([
      {
        name: "daily",
        vault: { address: "aws_backup_vault.main" },
        schedule: "cron(0 3 * * ? *)",
        startWindowMinutes: 480,
        completionWindowMinutes: 10_080,
        deleteAfterDays: 35,
        continuousBackup: true,
        copyActions: [{ destinationVault: { address: "aws_backup_vault.dr" } }],
      },
    ]);
    expect(t.backupSelections).toEqual([
      {
        address: "aws_backup_selection.orders",
        name: "orders",
        plan: { address: "aws_backup_plan.daily" },
        resources: [{ address: "aws_rds_cluster.orders" }],
        selectionTags: [],
      },
    ]);
  });

  test("Redshift snapshot schedules gather their associations; scheduled actions say what they do to which cluster", () => {
    expect(t.snapshotSchedules).toEqual([
      {
        address: "aws_redshift_snapshot_schedule.every12h",
        identifier: "every-12h",
        definitions: ["rate(12 hours)"],
        clusters: [{ external: "warehouse" }],
      },
    ]);
    expect(t.scheduledActions).toEqual([
      {
        address: "aws_redshift_scheduled_action.pause",
        name: "pause-friday",
        schedule: "cron(0 18 ? * FRI *)",
        action: "pause",
        cluster: { external: "warehouse" },
        enabled: true,
      },
    ]);
  });

  test("an FIS template keeps its actions (order, parameters, targets) and targets (resources by reference, tags, mode)", () => {
    const [drill] = t.fisTemplates;
    expect(drill?.actions.map((a) => [a.name, a.actionId, a.startAfter, a.parameters, a.targets])).toEqual([
      ["failover", "aws:rds:failover-db-cluster", [], {}, { Clusters: "cluster" }],
      [
        "interrupt",
        "aws:ec2:send-spot-instance-interruptions",
        ["failover"],
        { durationBeforeInterruption: "PT2M" },
        { SpotInstances: "spot" },
      ],
    ]);
    expect(drill?.targets.map((x) => [x.name, x.resourceType, x.selectionMode, x.resources, x.resourceTags])).toEqual([
      ["cluster", "aws:rds:cluster", "ALL", [{ address: "aws_rds_cluster.orders" }], {}],
      ["spot", "aws:ec2:spot-instance", "COUNT(1)", [], { "resilience:role": "contingency" }],
    ]);
    expect([drill?.stopConditions, drill?.emptyTargetResolution]).toEqual([[], "fail"]);
  });

  test("a Route 53 record knows which cluster's endpoint it names; a proxy knows its target cluster and zones", () => {
    expect(t.dnsRecords).toEqual([
      {
        address: "aws_route53_record.db",
        name: "db.orders.internal",
        type: "CNAME",
        zoneId: { external: "Z0123456789" },
        ttlSeconds: 30,
        values: [],
        pointsTo: { address: "aws_rds_cluster.orders" },
      },
    ]);
    expect(t.dbProxies).toEqual([
      {
        address: "aws_db_proxy.orders",
        name: "orders-proxy",
        engineFamily: "POSTGRESQL",
        zones: ["us-east-1a", "us-east-1b"],
        target: { address: "aws_rds_cluster.orders" },
      },
    ]);
  });

  test("the modelled types leave the opaque list; what is left is only what the runtime does not read", () => {
    expect(t.opaque).toEqual([{ address: "aws_sqs_queue.interruptions", type: "aws_sqs_queue" }]);
  });
});

describe("defaults Terraform and AWS apply when the plan says nothing", () => {
  test("an Auto Scaling group without desired capacity starts at min_size; a mixed policy without distribution is all on-demand", () => {
    const g = planFromJson({
      resource: {
        aws_autoscaling_group: {
          g: {
            min_size: 2,
            max_size: 4,
            availability_zones: ["us-east-1b", "us-east-1a"],
            mixed_instances_policy: { launch_template: { override: [{ instance_type: "m5.large" }] } },
          },
        },
      },
    }).autoScalingGroups[0];
    expect(g).toMatchObject({
      desiredCapacity: 2,
      zones: ["us-east-1a", "us-east-1b"],
      instanceTypes: ["m5.large"],
      capacityRebalance: false,
    });
    expect(g?.mixed).toEqual({ onDemandBase: 0, onDemandPercentAboveBase: 100, spotAllocationStrategy: "lowest-price" });
  });

  test("a rule without a name, state or bus is named after its block, enabled, on the default bus; a backup rule gets AWS's windows", () => {
    const p = planFromJson({
      resource: {
        aws_cloudwatch_event_rule: { r: { schedule_expression: "rate(5 minutes)" }, off: { is_enabled: false, event_pattern: "{}" } },
        aws_backup_vault: { v: { name: "v" } },
        aws_backup_plan: { p: { name: "p", rule: { rule_name: "r", target_vault_name: "v" } } },
        aws_ec2_capacity_reservation: {
          c: { instance_type: "m5.large", instance_platform: "Linux/UNIX", availability_zone: "us-east-1a", instance_count: "2" },
        },
      },
    });
    expect(p.eventRules.map((r) => [r.name, r.enabled, r.eventBus, r.scheduleExpression])).toEqual([
      ["r", true, "default", "rate(5 minutes)"],
      ["off", false, "default", undefined],
    ]);
    expect(p.backupPlans[0]?.rules[0]).toEqual({
      name: "r",
      vault: { address: "aws_backup_vault.v" },
      schedule: "cron(0 5 ? * * *)",
      startWindowMinutes: 480,
      completionWindowMinutes: 10_080,
      continuousBackup: false,
      copyActions: [],
    });
    expect(p.capacityReservations[0]).toMatchObject({ instanceCount: 2, matchCriteria: "open" });
  });

  test("an FIS template without experiment options fails on empty targets, as FIS does; 'skip' is read", () => {
    const template = (options?: object) =>
      planFromJson({
        resource: {
          aws_fis_experiment_template: {
            x: {
              description: "d",
              role_arn: "r",
              stop_condition: { source: "aws:cloudwatch:alarm", value: "arn:alarm" },
              action: { name: "w", action_id: "aws:fis:wait", parameter: { key: "duration", value: "PT1M" } },
              ...(options ? { experiment_options: options } : {}),
            },
          },
        },
      }).fisTemplates[0];
    expect(template()).toMatchObject({
      emptyTargetResolution: "fail",
      stopConditions: [{ source: "aws:cloudwatch:alarm", value: "arn:alarm" }],
    });
    expect(template({ empty_target_resolution_mode: "skip" })?.emptyTargetResolution).toBe("skip");
  });
});

describe("malformed infrastructure: one error listing every problem with its path and the expected shape", () => {
  test.each<[string, Record<string, unknown>, string[]]>([
    [
      "a capacity reservation without its required attributes",
      { aws_ec2_capacity_reservation: { c: { instance_type: "m5.large", instance_count: "two" } } },
      [
        "$.resource.aws_ec2_capacity_reservation.c.instance_platform: it is missing; expected a string",
        "$.resource.aws_ec2_capacity_reservation.c.availability_zone: it is missing; expected a string",
        '$.resource.aws_ec2_capacity_reservation.c.instance_count: found "two"; expected a number or a ${...} expression',
      ],
    ],
    [
      "an Auto Scaling group without sizes, with tags as a map",
      { aws_autoscaling_group: { g: { max_size: 1, tag: "x" } } },
      [
        "$.resource.aws_autoscaling_group.g.min_size: it is missing; expected a number or a ${...} expression",
        '$.resource.aws_autoscaling_group.g.tag: found "x"; expected a block (an object, or a list of objects)',
      ],
    ],
    [
      "an event target without its rule and ARN",
      { aws_cloudwatch_event_target: { t: {} } },
      [
        "$.resource.aws_cloudwatch_event_target.t.rule: it is missing; expected a string",
        "$.resource.aws_cloudwatch_event_target.t.arn: it is missing; expected a string",
      ],
    ],
    [
      "an event pattern that is not JSON",
      { aws_cloudwatch_event_rule: { r: { event_pattern: "{source:" } } },
      [
        `$.resource.aws_cloudwatch_event_rule.r.event_pattern: it is not JSON (${jsonError("{source:")}); expected an EventBridge event pattern as a JSON string, e.g. "{\\"source\\":[\\"aws.ec2\\"]}"`,
      ],
    ],
    [
      "a backup plan rule without its vault",
      { aws_backup_plan: { p: { name: "p", rule: [{ rule_name: "r" }] } } },
      ["$.resource.aws_backup_plan.p.rule[0].target_vault_name: it is missing; expected a string"],
    ],
    [
      "a backup selection without plan and role",
      { aws_backup_selection: { s: { name: "s" } } },
      [
        "$.resource.aws_backup_selection.s.plan_id: it is missing; expected a string",
        "$.resource.aws_backup_selection.s.iam_role_arn: it is missing; expected a string",
      ],
    ],
    [
      "a snapshot schedule without definitions and an association without its schedule",
      { aws_redshift_snapshot_schedule: { s: {} }, aws_redshift_snapshot_schedule_association: { a: { cluster_identifier: "c" } } },
      [
        "$.resource.aws_redshift_snapshot_schedule.s.definitions: it is missing; expected a list of strings or a ${...} expression",
        "$.resource.aws_redshift_snapshot_schedule_association.a.schedule_identifier: it is missing; expected a string",
      ],
    ],
    [
      "a scheduled action without its target action",
      { aws_redshift_scheduled_action: { a: { name: "a", schedule: "cron(0 0 * * ? *)", iam_role: "r" } } },
      ["$.resource.aws_redshift_scheduled_action.a.target_action: it is missing; expected a block (an object, or a list of objects)"],
    ],
    [
      "a Route 53 record without zone and type, with a TTL that is not a number",
      { aws_route53_record: { r: { name: "x", ttl: "soon" } } },
      [
        "$.resource.aws_route53_record.r.zone_id: it is missing; expected a string",
        "$.resource.aws_route53_record.r.type: it is missing; expected a string",
        '$.resource.aws_route53_record.r.ttl: found "soon"; expected a number or a ${...} expression',
      ],
    ],
    [
      "a proxy without its subnets, and a proxy target without its target group",
      {
        aws_db_proxy: { p: { name: "p", engine_family: "POSTGRESQL", role_arn: "r" } },
        aws_db_proxy_target: { t: { db_proxy_name: "p" } },
      },
      [
        "$.resource.aws_db_proxy.p.vpc_subnet_ids: it is missing; expected a list of strings or a ${...} expression",
        "$.resource.aws_db_proxy_target.t.target_group_name: it is missing; expected a string",
      ],
    ],
    [
      "an FIS template without actions or stop condition",
      { aws_fis_experiment_template: { x: { description: "d", role_arn: "r" } } },
      [
        "$.resource.aws_fis_experiment_template.x.stop_condition: it is missing; expected a block (an object, or a list of objects)",
        "$.resource.aws_fis_experiment_template.x.action: it is missing; expected a block (an object, or a list of objects)",
      ],
    ],
    [
      "an FIS template whose actions name targets and actions it does not define, with a bad selection mode",
      {
        aws_fis_experiment_template: {
          x: {
            description: "d",
            role_arn: "r",
            stop_condition: { source: "none" },
            action: [
              { name: "a", action_id: "aws:rds:failover-db-cluster", start_after: ["b"], target: { key: "Clusters", value: "nope" } },
            ],
            target: [{ name: "c", resource_type: "aws:rds:cluster", selection_mode: "SOME" }],
          },
        },
      },
      [
        "$.resource.aws_fis_experiment_template.x.action[0].target: Clusters names target 'nope', which the template does not define; expected the name of one of the template's targets (c)",
        "$.resource.aws_fis_experiment_template.x.action[0].start_after: names action 'b', which the template does not define; expected the name of another action of the template (a)",
        '$.resource.aws_fis_experiment_template.x.target[0].selection_mode: found "SOME"; expected ALL, COUNT(n) with n ≥ 1, or PERCENT(n) with n from 1 to 100',
      ],
    ],
  ])("%s", (_name, resource, expected) => {
    expect(problems(resource)).toEqual(expected);
  });
});

function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return (e as Error).message;
  }
  return "";
}

import { TAG } from "../contract/plan-contract";
import type { MultiAzDatabase } from "../database/multi-az-database";
import { CloudwatchMetricAlarm, Construct, FisExperimentTemplate, IamRole, IamRolePolicy } from "../private/cdktf";
import { parseProps } from "../private/props";
import { assertSameToolchain } from "../private/same-toolchain";
import { attachRules } from "../private/validation";
import type { DrillScenarioSpec } from "./drill-scenario";
import { failoverDrillSchema } from "./failover-drill-schema";
import { statementsFor } from "./permissions";
import { DRILL_RULES } from "./rules";

export interface FailoverDrillProps {
  /** What the experiment does: `DrillScenario.azPowerInterruption(...)`, `.databaseFailover(db)` or `.spotInterruption()`. */
  readonly scenario: DrillScenarioSpec;
  /**
   * CloudWatch alarms that stop the experiment when one goes to ALARM.
   * @default - an alarm the drill creates on the first database it targets: no client connection
   * for 5 consecutive minutes (the application did not come back), which stops the drill
   */
  readonly stopAlarmArns?: readonly string[];
  /**
   * What FIS does when a target resolves to no resource: `fail` the experiment, or `skip` the action.
   * @default "fail" - a drill that silently does nothing proves nothing
   */
  readonly emptyTargetResolution?: "fail" | "skip";
  /**
   * @default - "<scenario> drill (cdktf-resilience)"
   */
  readonly description?: string;
  /** Tags on the template and role. @default - only the `resilience:` tags */
  readonly tags?: Readonly<Record<string, string>>;
}

interface ActionSpec {
  readonly name: string;
  readonly actionId: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly target?: { readonly key: string; readonly target: string };
  /** For the role: what the action touches ("*" where FIS allows no resource scoping). */
  readonly resources: readonly string[] | "*";
  readonly resourceTags?: Readonly<Record<string, string>>;
}

interface TargetSpec {
  readonly name: string;
  readonly resourceType: string;
  readonly selectionMode: string;
  readonly resourceArns?: readonly string[];
  readonly resourceTags?: Readonly<Record<string, string>>;
  readonly parameters?: Readonly<Record<string, string>>;
}

const BRAND = Symbol.for("cdktf-resilience.FailoverDrill");

/**
 * An AWS FIS experiment template that rehearses a failover — an AZ power interruption, one
 * database's failover, or a spot interruption — with a role allowed exactly the actions it runs
 * on exactly its targets, and a CloudWatch alarm that stops it. `cdktf-resilience drill` runs the
 * same template against the synthesized plan locally, before anyone runs it in AWS.
 */
export class FailoverDrill extends Construct {
  static isFailoverDrill(x: unknown): x is FailoverDrill {
    return typeof x === "object" && x !== null && BRAND in x;
  }

  readonly template: FisExperimentTemplate;
  readonly role: IamRole;
  readonly policy: IamRolePolicy;
  /** The alarm the drill created when `stopAlarmArns` was not given. */
  readonly stopAlarm?: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: FailoverDrillProps) {
    super(scope, id);
    assertSameToolchain("FailoverDrill", this);
    Object.defineProperty(this, BRAND, { value: true });
    const parsed = parseProps(failoverDrillSchema(), "FailoverDrill", this.node.path, props) as FailoverDrillProps;
    attachRules(this, "FailoverDrill", DRILL_RULES, () => ({ props: parsed }));
    const name = this.node.path.split("/").slice(1).join("-");
    const tags = { ...parsed.tags, [TAG.topology]: name };
    const { actions, targets } = plan(parsed.scenario);
    const databases = databasesOf(parsed.scenario);

    this.role = new IamRole(this, "Role", {
      // A prefix, not a name: role names are global to the account, and two stacks may hold the same drill id.
      namePrefix: `${name.slice(0, 33)}-fis-`,
      description: `Runs the FIS experiment ${name} (cdktf-resilience): only the actions of this drill`,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "fis.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
      tags,
    });
    this.policy = new IamRolePolicy(this, "Policy", {
      role: this.role.id,
      name: "drill-actions",
      policy: JSON.stringify({ Version: "2012-10-17", Statement: statementsFor(actions) }),
    });

    const first = databases[0];
    if (parsed.stopAlarmArns === undefined && first !== undefined) this.stopAlarm = noClientsAlarm(this, name, first, tags);
    const stopArns = parsed.stopAlarmArns ?? (this.stopAlarm ? [this.stopAlarm.arn] : []);

    this.template = new FisExperimentTemplate(this, "Resource", {
      description: parsed.description ?? `${parsed.scenario.kind} drill (cdktf-resilience)`,
      roleArn: this.role.arn,
      experimentOptions: { emptyTargetResolutionMode: parsed.emptyTargetResolution ?? "fail" },
      stopCondition: stopArns.map((value) => ({ source: "aws:cloudwatch:alarm", value })),
      target: targets.map((t) => ({
        name: t.name,
        resourceType: t.resourceType,
        selectionMode: t.selectionMode,
        ...(t.resourceArns ? { resourceArns: [...t.resourceArns] } : {}),
        ...(t.resourceTags ? { resourceTag: Object.entries(t.resourceTags).map(([key, value]) => ({ key, value })) } : {}),
        ...(t.parameters ? { parameters: { ...t.parameters } } : {}),
      })),
      action: actions.map((a) => ({
        name: a.name,
        actionId: a.actionId,
        parameter: Object.entries(a.parameters).map(([key, value]) => ({ key, value })),
        ...(a.target ? { target: { key: a.target.key, value: a.target.target } } : {}),
      })),
      tags: { ...tags, Name: name },
    });
  }
}

/** Minutes as an ISO 8601 duration, the form FIS parameters take. */
function minutes(n: number): string {
  return `PT${n}M`;
}

const RDS_CLUSTER_ENGINES = new Set(["aurora-postgresql", "aurora-mysql", "rds-multi-az-cluster"]);

function databasesOf(s: DrillScenarioSpec): readonly MultiAzDatabase[] {
  return s.kind === "database-failover" ? [s.database] : s.kind === "az-power-interruption" ? (s.databases ?? []) : [];
}

/** The actions and targets of a scenario (their names are part of the template's contract). */
function plan(s: DrillScenarioSpec): { actions: ActionSpec[]; targets: TargetSpec[] } {
  const actions: ActionSpec[] = [];
  const targets: TargetSpec[] = [];
  const databaseActions = (db: MultiAzDatabase, i: number, az: string | undefined, durationMinutes: number) => {
    const arn = (db.resources as { cluster?: { arn: string }; replicationGroup?: { arn: string } }).cluster?.arn;
    if (RDS_CLUSTER_ENGINES.has(db.engine) && arn !== undefined) {
      targets.push({ name: `cluster-${i}`, resourceType: "aws:rds:cluster", selectionMode: "ALL", resourceArns: [arn] });
      actions.push({
        name: `failover-${i}`,
        actionId: "aws:rds:failover-db-cluster",
        parameters: {},
        target: { key: "Clusters", target: `cluster-${i}` },
        resources: [arn],
      });
    }
    const group = (db.resources as { replicationGroup?: { arn: string } }).replicationGroup?.arn;
    if (db.engine === "elasticache" && group !== undefined && az !== undefined) {
      // FIS resolves aws:elasticache:replicationgroup targets by tag, not by ARN: the group carries
      // its own id under TAG.drillTarget, unique in the account and region (a topology path is not:
      // two stacks may share it).
      targets.push({
        name: `cache-${i}`,
        resourceType: "aws:elasticache:replicationgroup",
        selectionMode: "ALL",
        resourceTags: { [TAG.drillTarget]: db.clusterIdentifier },
        parameters: { availabilityZoneIdentifier: az },
      });
      actions.push({
        name: `interrupt-cache-${i}`,
        actionId: "aws:elasticache:replicationgroup-interrupt-az-power",
        parameters: { duration: minutes(durationMinutes) },
        target: { key: "ReplicationGroups", target: `cache-${i}` },
        resources: [group],
      });
    }
  };
  switch (s.kind) {
    case "az-power-interruption": {
      const d = s.durationMinutes ?? 30;
      targets.push({
        name: "subnets",
        resourceType: "aws:ec2:subnet",
        selectionMode: "ALL",
        parameters: { availabilityZoneIdentifier: s.availabilityZone },
      });
      actions.push({
        name: "disrupt-network",
        actionId: "aws:network:disrupt-connectivity",
        parameters: { duration: minutes(d), scope: "all" },
        target: { key: "Subnets", target: "subnets" },
        resources: "*",
      });
      for (const [i, db] of (s.databases ?? []).entries()) databaseActions(db, i, s.availabilityZone, d);
      if (s.launchRoleArns?.length) {
        targets.push({ name: "launch-roles", resourceType: "aws:iam:role", selectionMode: "ALL", resourceArns: s.launchRoleArns });
        actions.push({
          name: "pause-launches",
          actionId: "aws:ec2:api-insufficient-instance-capacity-error",
          parameters: { duration: minutes(d + 30), availabilityZoneIdentifiers: s.availabilityZone, percentage: "100" },
          target: { key: "Roles", target: "launch-roles" },
          resources: s.launchRoleArns,
        });
      }
      break;
    }
    case "database-failover":
      databaseActions(s.database, 0, s.database.writerAvailabilityZone, 5);
      break;
    case "spot-interruption": {
      const tags = s.tags ?? { [TAG.role]: "contingency" };
      targets.push({ name: "spot", resourceType: "aws:ec2:spot-instance", selectionMode: `COUNT(${s.count ?? 1})`, resourceTags: tags });
      actions.push({
        name: "interrupt-spot",
        actionId: "aws:ec2:send-spot-instance-interruptions",
        parameters: { durationBeforeInterruption: minutes(s.noticeMinutes ?? 2) },
        target: { key: "SpotInstances", target: "spot" },
        // Spot instances are launched later; they are only known by tag, so the role is scoped by the same tag.
        resources: "*",
        resourceTags: tags,
      });
      break;
    }
  }
  return { actions, targets };
}

/** Clients gone for 5 minutes means the application did not reconnect: stop the drill. */
function noClientsAlarm(scope: Construct, name: string, db: MultiAzDatabase, tags: Record<string, string>): CloudwatchMetricAlarm {
  const [namespace, metricName, dimension] =
    db.engine === "redshift"
      ? ["AWS/Redshift", "DatabaseConnections", "ClusterIdentifier"]
      : db.engine === "elasticache"
        ? ["AWS/ElastiCache", "CurrConnections", "ReplicationGroupId"]
        : ["AWS/RDS", "DatabaseConnections", "DBClusterIdentifier"];
  return new CloudwatchMetricAlarm(scope, "StopAlarm", {
    alarmName: `${name}-stop`,
    alarmDescription: `Stops the drill ${name}: ${db.clusterIdentifier} had no client connection for 5 minutes (cdktf-resilience)`,
    namespace,
    metricName,
    dimensions: { [dimension]: db.clusterIdentifier },
    statistic: "Maximum",
    comparisonOperator: "LessThanThreshold",
    threshold: 1,
    period: 60,
    evaluationPeriods: 5,
    treatMissingData: "breaching",
    tags,
  });
}

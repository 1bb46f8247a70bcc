import { TAG } from "../contract/plan-contract";
import type { MultiAzDatabase } from "../database/multi-az-database";
import {
  Construct,
  IamRole,
  IamRolePolicy,
  type RdsCluster,
  type RedshiftCluster,
  RedshiftScheduledAction,
  SchedulerSchedule,
} from "../private/cdktf";
import { defaultIdentifier } from "../private/defaults";
import { parseProps } from "../private/props";
import { assertSameToolchain } from "../private/same-toolchain";
import { attachRules } from "../private/validation";
import { HIBERNATION_RULES } from "./hibernation-rules";
import { scheduleExpression } from "./schedule-expressions";
import { hibernationScheduleSchema } from "./storage-schemas";

export interface HibernationScheduleProps {
  /** The warehouse (Redshift) or Aurora cluster to pause and resume. */
  readonly database: MultiAzDatabase;
  /**
   * When compute is released, UTC: `'fri 18:00'` (weekly), `'19:00'` (every day) or a
   * `cron(...)` expression. Redshift pauses (storage kept, compute not billed); Aurora stops.
   */
  readonly pauseAt: string;
  /** When it comes back, in the same formats: `'mon 07:00'`. */
  readonly resumeAt: string;
  /** @default true - false keeps the schedules but turns them off */
  readonly enabled?: boolean;
  /** @default - only the `resilience:` tags */
  readonly tags?: Readonly<Record<string, string>>;
}

const BRAND = Symbol.for("cdktf-resilience.HibernationSchedule");

/**
 * Pause and resume a database on a schedule, so idle compute is not billed
 * (hibernation): Redshift scheduled pause/resume actions, or for Aurora, EventBridge Scheduler
 * calling `rds:StopDBCluster` / `rds:StartDBCluster` — each with a role allowed exactly those two
 * actions on that one cluster. RDS starts a stopped cluster again after 7 days on its own: synth
 * warns when the schedule keeps it stopped longer (`resilience:rds-stop-auto-restart`).
 */
export class HibernationSchedule extends Construct {
  static isHibernationSchedule(x: unknown): x is HibernationSchedule {
    return typeof x === "object" && x !== null && BRAND in x;
  }

  readonly role: IamRole;
  /** Redshift: the two scheduled actions. */
  readonly scheduledActions: readonly RedshiftScheduledAction[];
  /** Aurora: the two EventBridge Scheduler schedules. */
  readonly schedules: readonly SchedulerSchedule[];

  constructor(scope: Construct, id: string, props: HibernationScheduleProps) {
    super(scope, id);
    assertSameToolchain("HibernationSchedule", this);
    Object.defineProperty(this, BRAND, { value: true });
    const parsed = parseProps(hibernationScheduleSchema(), "HibernationSchedule", this.node.path, props) as HibernationScheduleProps;
    attachRules(this, "HibernationSchedule", HIBERNATION_RULES, () => ({ props: parsed }));

    const pathParts = this.node.scopes.slice(1).map((s) => s.node.id);
    const name = defaultIdentifier(pathParts, this.node.addr, 50);
    const tags = { ...parsed.tags, [TAG.topology]: pathParts.slice(1).join("/") || id };
    const enabled = parsed.enabled ?? true;
    const db = parsed.database;
    const redshift = db.resources.kind === "redshift";
    const cluster = db.resources.kind === "elasticache" ? undefined : (db.resources.cluster as RdsCluster | RedshiftCluster);
    const arn = cluster?.arn ?? "*";

    this.role = new IamRole(this, "Role", {
      // Role name prefixes are at most 38 characters.
      namePrefix: `${name.slice(0, 31)}-sleep-`,
      description: `Pauses and resumes ${db.clusterIdentifier} on schedule (cdktf-resilience)`,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: redshift ? "scheduler.redshift.amazonaws.com" : "scheduler.amazonaws.com" },
            Action: "sts:AssumeRole",
          },
        ],
      }),
      tags,
    });
    new IamRolePolicy(this, "Policy", {
      role: this.role.id,
      name: "pause-resume",
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "PauseResume",
            Effect: "Allow",
            Action: redshift ? ["redshift:PauseCluster", "redshift:ResumeCluster"] : ["rds:StopDBCluster", "rds:StartDBCluster"],
            Resource: [arn],
          },
        ],
      }),
    });

    const identifier = cluster?.clusterIdentifier ?? db.clusterIdentifier;
    if (redshift) {
      const action = (what: "pause" | "resume", at: string) =>
        new RedshiftScheduledAction(this, what === "pause" ? "Pause" : "Resume", {
          name: `${name}-${what}`,
          description: `${what === "pause" ? "Pauses" : "Resumes"} ${db.clusterIdentifier} (cdktf-resilience)`,
          schedule: scheduleExpression(at),
          iamRole: this.role.arn,
          enable: enabled,
          targetAction:
            what === "pause" ? { pauseCluster: { clusterIdentifier: identifier } } : { resumeCluster: { clusterIdentifier: identifier } },
        });
      this.scheduledActions = [action("pause", parsed.pauseAt), action("resume", parsed.resumeAt)];
      this.schedules = [];
    } else {
      const schedule = (what: "pause" | "resume", at: string) =>
        new SchedulerSchedule(this, what === "pause" ? "Pause" : "Resume", {
          name: `${name}-${what}`,
          description: `${what === "pause" ? "Stops" : "Starts"} ${db.clusterIdentifier} (cdktf-resilience)`,
          scheduleExpression: scheduleExpression(at),
          scheduleExpressionTimezone: "UTC",
          state: enabled ? "ENABLED" : "DISABLED",
          flexibleTimeWindow: { mode: "OFF" },
          target: {
            // EventBridge Scheduler's universal target: calls the RDS API directly, no Lambda in between.
            arn: `arn:aws:scheduler:::aws-sdk:rds:${what === "pause" ? "stopDBCluster" : "startDBCluster"}`,
            roleArn: this.role.arn,
            input: JSON.stringify({ DbClusterIdentifier: identifier }),
          },
        });
      this.scheduledActions = [];
      this.schedules = [schedule("pause", parsed.pauseAt), schedule("resume", parsed.resumeAt)];
    }
  }
}

import { describe, expect, test } from "vitest";
import { MINIMAL, newStack, only } from "../../test/helpers/databases";
import { HibernationSchedule, type HibernationScheduleProps, MultiAzDatabase, type MultiAzDatabaseProps } from "..";
import { resourcesOfType, synth, synthJson, warningsOf } from "../testing";

function withHibernation(dbProps: MultiAzDatabaseProps, props: Omit<HibernationScheduleProps, "database">) {
  const stack = newStack();
  const database = new MultiAzDatabase(stack, "Db", dbProps);
  new HibernationSchedule(stack, "Sleep", { database, ...props });
  return stack;
}

const WEEKEND = { pauseAt: "fri 18:00", resumeAt: "mon 07:00" };

describe("HibernationSchedule", () => {
  test("Redshift paused Friday 18:00 and resumed Monday 07:00, by one role", () => {
    const json = synthJson(withHibernation(MINIMAL.redshift, WEEKEND));
    const actions = Object.values(resourcesOfType(json, "aws_redshift_scheduled_action"));
    const cluster = expect.stringMatching(/^\$\{aws_redshift_cluster\.Db_[0-9A-F]{8}\.cluster_identifier\}$/);
    const role = expect.stringMatching(/^\$\{aws_iam_role\.Sleep_Role_[0-9A-F]{8}\.arn\}$/);
    expect(actions).toEqual([
      expect.objectContaining({
        name: "test-sleep-pause",
        schedule: "cron(0 18 ? * FRI *)",
        iam_role: role,
        enable: true,
        target_action: { pause_cluster: { cluster_identifier: cluster } },
      }),
      expect.objectContaining({
        name: "test-sleep-resume",
        schedule: "cron(0 7 ? * MON *)",
        iam_role: role,
        enable: true,
        target_action: { resume_cluster: { cluster_identifier: cluster } },
      }),
    ]);
  });

  test("the role may pause and resume only this warehouse, and only the Redshift scheduler assumes it", () => {
    const json = synthJson(withHibernation(MINIMAL.redshift, WEEKEND));
    expect(JSON.parse(only(json, "aws_iam_role").assume_role_policy as string).Statement[0].Principal).toEqual({
      Service: "scheduler.redshift.amazonaws.com",
    });
    expect(JSON.parse(only(json, "aws_iam_role_policy").policy as string).Statement).toEqual([
      {
        Sid: "PauseResume",
        Effect: "Allow",
        Action: ["redshift:PauseCluster", "redshift:ResumeCluster"],
        Resource: [expect.stringMatching(/^\$\{aws_redshift_cluster\.Db_[0-9A-F]{8}\.arn\}$/)],
      },
    ]);
  });

  test("Aurora: EventBridge Scheduler stops and starts the cluster through the RDS API", () => {
    const stack = withHibernation(MINIMAL.aurora, { pauseAt: "20:00", resumeAt: "06:00" });
    const json = synthJson(stack);
    const schedules = Object.values(resourcesOfType(json, "aws_scheduler_schedule"));
    expect(schedules.map((s) => [s.schedule_expression, (s.target as { arn: string }).arn])).toEqual([
      ["cron(0 20 * * ? *)", "arn:aws:scheduler:::aws-sdk:rds:stopDBCluster"],
      ["cron(0 6 * * ? *)", "arn:aws:scheduler:::aws-sdk:rds:startDBCluster"],
    ]);
    expect(JSON.parse((schedules[0]?.target as { input: string } | undefined)?.input ?? "")).toEqual({
      DbClusterIdentifier: expect.stringMatching(/^\$\{aws_rds_cluster\.Db_[0-9A-F]{8}\.cluster_identifier\}$/),
    });
    expect(schedules[0]).toMatchObject({ schedule_expression_timezone: "UTC", state: "ENABLED", flexible_time_window: { mode: "OFF" } });
    expect(JSON.parse(only(json, "aws_iam_role_policy").policy as string).Statement[0].Action).toEqual([
      "rds:StopDBCluster",
      "rds:StartDBCluster",
    ]);
    expect(warningsOf(stack)).toEqual([]);
  });

  test("Aurora: a schedule the construct cannot read warns of RDS's automatic restart after 7 days", () => {
    const stack = withHibernation(MINIMAL.aurora, { pauseAt: "cron(0 18 L * ? *)", resumeAt: "cron(0 7 1 * ? *)" });
    synth(stack);
    expect(warningsOf(stack)).toEqual([
      "[test/Sleep] resumeAt: RDS starts a stopped cluster again after 7 days on its own (and bills it from then), and the schedule ('cron(0 18 L * ? *)') cannot be checked. Fix: resume within 7 days of each pause, or accept the automatic restart (acknowledge with Acknowledge.of(scope).add('resilience:rds-stop-auto-restart', reason))",
    ]);
  });

  test("enabled: false keeps the schedules, turned off", () => {
    const json = synthJson(withHibernation(MINIMAL.redshift, { ...WEEKEND, enabled: false }));
    expect(Object.values(resourcesOfType(json, "aws_redshift_scheduled_action")).map((a) => a.enable)).toEqual([false, false]);
  });
});

describe("HibernationSchedule validation", () => {
  test.each([
    [
      "resilience:hibernate-unsupported-engine",
      MINIMAL.multiAzCluster,
      WEEKEND,
      "database: test/Db is a Multi-AZ DB cluster, which RDS cannot stop and start. Fix: use Aurora or Redshift for a database that sleeps, or leave it running",
    ],
    [
      "resilience:hibernate-unsupported-engine",
      MINIMAL.elasticache,
      WEEKEND,
      "database: test/Db is ElastiCache, which cannot be paused (a cache's value is in staying warm). Fix: scale the replication group down instead, or leave it out",
    ],
    [
      "resilience:hibernate-same-time",
      MINIMAL.redshift,
      { pauseAt: "fri 18:00", resumeAt: "fri 18:00" },
      "resumeAt: is the same time as pauseAt ('fri 18:00'): the database would never be paused, or never resumed. Fix: resume at another time, e.g. pauseAt 'fri 18:00', resumeAt 'mon 07:00'",
    ],
  ] as const)("%s", (_id, dbProps, times, line) => {
    expect(() => synth(withHibernation(dbProps, times))).toThrow(`- [test/Sleep] ${line}`);
  });

  test("a time in no known format is rejected at once", () => {
    expect(() => withHibernation(MINIMAL.redshift, { pauseAt: "friday evening", resumeAt: "mon 07:00" })).toThrow(
      "- [test/Sleep] pauseAt: must be 'hh:mm' (every day), 'ddd hh:mm' (weekly) or a cron(...) expression, in UTC (got \"friday evening\"). Fix: write it like 'fri 18:00'",
    );
  });
});

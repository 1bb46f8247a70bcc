/**
 * Cross-field rules of HibernationSchedule, reported together at synth with the construct path.
 */
import { defineRules, type Finding } from "../private/validation";
import type { HibernationScheduleProps } from "./hibernation-schedule";
import { isRawSchedule, longestGapMinutes } from "./schedule-expressions";

/** RDS starts a stopped DB cluster again after this long. */
export const RDS_STOP_LIMIT_MINUTES = 7 * 24 * 60;

interface HibernationContext {
  readonly props: HibernationScheduleProps;
}

export const HIBERNATION_RULES = defineRules<HibernationContext>([
  {
    id: "resilience:hibernate-unsupported-engine",
    severity: "error",
    check: ({ props }): Finding[] => {
      const db = props.database;
      if (db.engine === "elasticache")
        return [
          {
            field: "database",
            message: `${db.node.path} is ElastiCache, which cannot be paused (a cache's value is in staying warm)`,
            fix: "scale the replication group down instead, or leave it out",
          },
        ];
      if (db.engine === "rds-multi-az-cluster")
        return [
          {
            field: "database",
            message: `${db.node.path} is a Multi-AZ DB cluster, which RDS cannot stop and start`,
            fix: "use Aurora or Redshift for a database that sleeps, or leave it running",
          },
        ];
      return [];
    },
  },
  {
    id: "resilience:hibernate-same-time",
    severity: "error",
    check: ({ props }): Finding[] =>
      props.pauseAt === props.resumeAt
        ? [
            {
              field: "resumeAt",
              message: `is the same time as pauseAt ('${props.pauseAt}'): the database would never be paused, or never resumed`,
              fix: "resume at another time, e.g. pauseAt 'fri 18:00', resumeAt 'mon 07:00'",
            },
          ]
        : [],
  },
  {
    id: "resilience:rds-stop-auto-restart",
    severity: "warning",
    check: ({ props }): Finding[] => {
      const db = props.database;
      if (db.engine !== "aurora-postgresql" && db.engine !== "aurora-mysql") return [];
      const gap = longestGapMinutes(props.pauseAt, props.resumeAt);
      if (gap !== undefined && gap <= RDS_STOP_LIMIT_MINUTES) return [];
      const how =
        gap === undefined
          ? `the schedule ('${isRawSchedule(props.pauseAt) ? props.pauseAt : props.resumeAt}') cannot be checked`
          : `the schedule keeps it stopped up to ${Math.round((gap / 60) * 10) / 10} hours`;
      return [
        {
          field: "resumeAt",
          message: `RDS starts a stopped cluster again after 7 days on its own (and bills it from then), and ${how}`,
          fix: "resume within 7 days of each pause, or accept the automatic restart",
        },
      ];
    },
  },
]);

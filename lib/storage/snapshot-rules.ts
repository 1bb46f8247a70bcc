/**
 * Cross-field rules of SnapshotSchedule, reported together at synth with the construct path.
 */
import { defineRules, type Finding } from "../private/validation";
import type { SnapshotScheduleProps } from "./snapshot-schedule";

/** The only `create_rule.interval` values (in hours) Data Lifecycle Manager accepts. */
export const DLM_INTERVAL_HOURS: readonly number[] = [1, 2, 3, 4, 6, 8, 12, 24];

/** Redshift snapshot schedules run at most once an hour and at least once a day. */
const REDSHIFT_MIN_MINUTES = 60;
const REDSHIFT_MAX_MINUTES = 1440;

/** Where finer recovery points come from, for the interval errors. */
const FINER =
  "for recovery points closer together than an hour, use point-in-time restore instead: RDS and Aurora backup retention (backupRetentionDays), or BackupRule.continuous() in a BackupSchedule";

interface SnapshotContext {
  readonly props: SnapshotScheduleProps;
  readonly minutes: number;
}

export const SNAPSHOT_RULES = defineRules<SnapshotContext>([
  {
    id: "resilience:snapshot-selects-nothing",
    severity: "error",
    check: ({ props }): Finding[] =>
      props.redshift === undefined && props.volumes === undefined
        ? [
            {
              field: "redshift",
              message: "the schedule snapshots nothing (got neither redshift nor volumes)",
              fix: "list Redshift warehouses in redshift, or give volumes.tags for EBS volumes",
            },
          ]
        : [],
  },
  {
    id: "resilience:snapshot-not-redshift",
    severity: "error",
    check: ({ props }): Finding[] =>
      (props.redshift ?? []).flatMap((db, i) =>
        db.engine === "redshift"
          ? []
          : [
              {
                field: `redshift[${i}]`,
                message: `${db.node.path} is ${db.engine}, not a Redshift warehouse`,
                fix: "list only engine: 'redshift' databases; back up the others with a BackupSchedule",
              },
            ],
      ),
  },
  {
    id: "resilience:snapshot-interval-unsupported",
    severity: "error",
    check: ({ props, minutes }): Finding[] => {
      const out: Finding[] = [];
      if (props.volumes && !(minutes % 60 === 0 && DLM_INTERVAL_HOURS.includes(minutes / 60)))
        out.push({
          field: "every",
          message: `'${props.every}' is not an interval Data Lifecycle Manager accepts for EBS snapshots: ${DLM_INTERVAL_HOURS.join(", ")} hours`,
          fix: `use one of ${DLM_INTERVAL_HOURS.map((h) => `'${h}h'`).join(", ")}; ${FINER}`,
        });
      if (props.redshift && (minutes < REDSHIFT_MIN_MINUTES || minutes > REDSHIFT_MAX_MINUTES || minutes % 60 !== 0))
        out.push({
          field: "every",
          message: `'${props.every}' is not an interval a Redshift snapshot schedule accepts: whole hours from 1 to 24`,
          fix: `use a whole number of hours from '1h' to '24h'; ${FINER}`,
        });
      return out;
    },
  },
  {
    id: "resilience:snapshot-copy-without-redshift",
    severity: "error",
    check: ({ props }): Finding[] =>
      props.copyToRegion && !props.redshift
        ? [
            {
              field: "copyToRegion",
              message: `copies Redshift snapshots to ${props.copyToRegion.region}, but the schedule has no Redshift warehouse`,
              fix: "list the warehouses in redshift, or remove copyToRegion (EBS snapshot copies are not supported yet)",
            },
          ]
        : [],
  },
]);

/**
 * Cross-field rules of FailoverDrill: every failing rule is reported together at synth, with the
 * construct path. Errors fail synth; warnings can be acknowledged by id.
 */
import { defineRules, type Finding } from "../private/validation";
import type { FailoverDrillProps } from "./failover-drill";

interface DrillContext {
  readonly props: FailoverDrillProps;
}

export const DRILL_RULES = defineRules<DrillContext>([
  {
    id: "resilience:drill-stop-condition",
    severity: "error",
    check: ({ props }): Finding[] => {
      const s = props.scenario;
      const hasDatabase = s.kind === "database-failover" || (s.kind === "az-power-interruption" && (s.databases?.length ?? 0) > 0);
      return props.stopAlarmArns === undefined && !hasDatabase
        ? [
            {
              field: "stopAlarmArns",
              message: `a ${s.kind} drill targets no database, so there is no default alarm to stop it (got nothing)`,
              fix: "pass stopAlarmArns with the alarm that says your application is hurting (e.g. its error rate)",
            },
          ]
        : [];
    },
  },
  {
    id: "resilience:drill-no-fis-action",
    severity: "error",
    check: ({ props }): Finding[] => {
      const s = props.scenario;
      return s.kind === "database-failover" && s.database.engine === "redshift"
        ? [
            {
              field: "scenario.database",
              message: `FIS has no action that fails a Redshift Multi-AZ cluster over (got ${s.database.node.path})`,
              fix: "rehearse it with DrillScenario.azPowerInterruption({ availabilityZone }) in AWS, or locally with `cdktf-resilience emulate --scenario az-outage`",
            },
          ]
        : [];
    },
  },
  {
    id: "resilience:drill-database-not-interrupted",
    severity: "warning",
    check: ({ props }): Finding[] => {
      const s = props.scenario;
      if (s.kind !== "az-power-interruption") return [];
      return (s.databases ?? []).flatMap((db, i): Finding[] => {
        if (db.engine === "redshift")
          return [
            {
              field: `scenario.databases[${i}]`,
              message: `FIS has no Redshift action, so ${db.node.path} keeps running through this drill`,
              fix: "rehearse the Redshift relocation locally with `cdktf-resilience emulate --scenario az-outage`",
            },
          ];
        if (db.writerAvailabilityZone !== undefined && db.writerAvailabilityZone !== s.availabilityZone)
          return [
            {
              field: `scenario.databases[${i}]`,
              message: `the writer of ${db.node.path} is in ${db.writerAvailabilityZone}, not in ${s.availabilityZone}: the drill fails over a writer the outage would not have hit`,
              fix: `interrupt ${db.writerAvailabilityZone}, or leave this database out of the drill`,
            },
          ];
        return [];
      });
    },
  },
]);

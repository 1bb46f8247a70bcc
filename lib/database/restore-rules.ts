/**
 * Rules of `MultiAzDatabase.restoreFrom`, run with the database's own rule table (so every
 * problem is reported together with the topology's).
 */

import type { Finding, Rule } from "../private/validation";
import type { ResolvedDatabase } from "./resolve";
import type { RestoreSource } from "./restore-source";

function restoreOf(db: ResolvedDatabase): RestoreSource | undefined {
  return "restoreFrom" in db.props ? db.props.restoreFrom : undefined;
}

export const restoreRules: readonly Rule<ResolvedDatabase>[] = [
  {
    id: "resilience:restore-sets-credentials",
    severity: "error",
    check: (db): Finding[] => {
      const restore = restoreOf(db);
      if (!restore) return [];
      const props = db.props as { masterUsername?: string; databaseName?: string };
      return (["masterUsername", "databaseName"] as const)
        .filter((f) => props[f] !== undefined)
        .map((field) => ({
          field,
          message: `is set to '${props[field]}' on a database restored from a ${restore.kind === "snapshot" ? "snapshot" : "source cluster"}: a restore takes the master user and databases from its source and never sets them`,
          fix: `remove ${field}`,
        }));
    },
  },
  {
    id: "resilience:restore-kind-unsupported",
    severity: "error",
    check: (db): Finding[] => {
      const restore = restoreOf(db);
      if (!restore) return [];
      if (db.family === "redshift" && restore.kind !== "snapshot")
        return [
          {
            field: "restoreFrom",
            message: `is a ${restore.kind} restore, but Redshift restores only from snapshots`,
            fix: "use RestoreSource.snapshot(snapshotIdentifier, { onSourceChange })",
          },
        ];
      if (db.family !== "aurora" && restore.kind === "clone")
        return [
          {
            field: "restoreFrom",
            message: "is a copy-on-write clone, which only Aurora supports (a Multi-AZ DB cluster restores a full copy)",
            fix: "use RestoreSource.pointInTime({ source, latest: true, onSourceChange })",
          },
        ];
      return [];
    },
  },
  {
    id: "resilience:restore-source-engine",
    severity: "error",
    check: (db): Finding[] => {
      const source = restoreOf(db)?.sourceDatabase;
      if (!source) return [];
      if (source.clusterIdentifier === db.identifier)
        return [{ field: "restoreFrom.source", message: "is this database itself", fix: "restore from another database" }];
      return source.engine !== db.engine
        ? [
            {
              field: "restoreFrom.source",
              message: `${source.node.path} runs ${source.engine} but this database runs ${db.engine}: a restore keeps the source's engine`,
              fix: `set engine to '${source.engine}', or restore from a source that runs ${db.engine}`,
            },
          ]
        : [];
    },
  },
];

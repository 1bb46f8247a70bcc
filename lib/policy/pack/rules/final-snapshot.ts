import { NOT_APPLICABLE, type PolicyCheck } from "../outcome";
import { allOf, requireBool, requireSet } from "./attribute-checks";
import { inheritsStorageSettings } from "./rds-engine";

/**
 * RES-RDS-FINAL-SNAPSHOT, RES-REDSHIFT-FINAL-SNAPSHOT: a final snapshot is taken on delete, and it
 * has an identifier. Without one, `terraform destroy` fails (RDS and Redshift require the
 * identifier when the snapshot is not skipped), which pushes people to `skip_final_snapshot`.
 */
export const finalSnapshotKept: PolicyCheck = (r) => {
  if (inheritsStorageSettings(r)) return NOT_APPLICABLE;
  return allOf(
    () => requireBool(r, "skip_final_snapshot", false, false),
    () => requireSet(r, "final_snapshot_identifier"),
  );
};

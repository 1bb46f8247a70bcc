import { NOT_APPLICABLE, type PolicyCheck } from "../outcome";
import { requireBool } from "./attribute-checks";
import { inheritsStorageSettings } from "./rds-engine";

/** RES-RDS-COPY-TAGS-TO-SNAPSHOT: `copy_tags_to_snapshot` (default false). */
export const rdsCopyTagsToSnapshot: PolicyCheck = (r) =>
  inheritsStorageSettings(r) ? NOT_APPLICABLE : requireBool(r, "copy_tags_to_snapshot", true, false);

import { NOT_APPLICABLE, type PolicyCheck } from "../outcome";
import { requireBool } from "./attribute-checks";
import { isAuroraEngine } from "./rds-engine";

/** RES-RDS-DELETION-PROTECTION: `deletion_protection` (default false); Aurora instances follow their cluster. */
export const rdsDeletionProtection: PolicyCheck = (r) => {
  if (r.type === "aws_db_instance" && isAuroraEngine(r)) return NOT_APPLICABLE;
  return requireBool(r, "deletion_protection", true, false);
};

import { NOT_APPLICABLE, type PolicyCheck } from "../outcome";
import { requireBool } from "./attribute-checks";
import { inheritsStorageSettings, isServerlessV1 } from "./rds-engine";

/** RES-RDS-ENCRYPTION: `storage_encrypted` on clusters and standalone instances (default false). */
export const rdsStorageEncrypted: PolicyCheck = (r) => {
  if (inheritsStorageSettings(r)) return NOT_APPLICABLE;
  return requireBool(r, "storage_encrypted", true, isServerlessV1(r));
};

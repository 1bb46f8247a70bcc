import type { PolicyCheck } from "../outcome";
import { requireBool } from "./attribute-checks";

/** RES-REDSHIFT-ENCRYPTION: `encrypted` (AWS provider v6 default: true). */
export const redshiftEncrypted: PolicyCheck = (r) => requireBool(r, "encrypted", true, true);

import type { PolicyCheck } from "../outcome";
import { requireBool } from "./attribute-checks";

/**
 * RES-RDS-PUBLIC-ACCESS, RES-REDSHIFT-PUBLIC-ACCESS: `publicly_accessible` is not true. The AWS
 * provider v6 defaults it to false for every type checked (Redshift changed from true in v6).
 */
export const notPubliclyAccessible: PolicyCheck = (r) => requireBool(r, "publicly_accessible", false, false);

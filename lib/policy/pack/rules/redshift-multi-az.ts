import type { PolicyCheck } from "../outcome";
import { requireBool } from "./attribute-checks";

/** RES-REDSHIFT-MULTI-AZ: `multi_az` (default false; needs RA3 nodes). */
export const redshiftMultiAz: PolicyCheck = (r) => requireBool(r, "multi_az", true, false);

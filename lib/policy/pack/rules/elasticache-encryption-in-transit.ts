import type { PolicyCheck } from "../outcome";
import { requireBool } from "./attribute-checks";

/** RES-ELASTICACHE-ENCRYPTION-IN-TRANSIT: `transit_encryption_enabled` (default false). */
export const elasticacheEncryptionInTransit: PolicyCheck = (r) => requireBool(r, "transit_encryption_enabled", true, false);

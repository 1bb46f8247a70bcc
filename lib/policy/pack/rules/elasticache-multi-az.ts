import type { PolicyCheck } from "../outcome";
import { allOf, requireBool } from "./attribute-checks";

/**
 * RES-ELASTICACHE-MULTI-AZ: `multi_az_enabled` and `automatic_failover_enabled` (both default
 * false). Multi-AZ without automatic failover leaves the replica in another zone unpromoted.
 */
export const elasticacheMultiAz: PolicyCheck = (r) =>
  allOf(
    () => requireBool(r, "multi_az_enabled", true, false),
    () => requireBool(r, "automatic_failover_enabled", true, false),
  );

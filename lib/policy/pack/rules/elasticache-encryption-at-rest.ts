import { NOT_APPLICABLE, type PolicyCheck } from "../outcome";
import { stringAttr, UNKNOWN } from "../values";
import { requireBool } from "./attribute-checks";

/**
 * RES-ELASTICACHE-ENCRYPTION-AT-REST: `at_rest_encryption_enabled`. The provider defaults it by
 * engine: true for `valkey`, false for `redis` (the default engine).
 */
export const elasticacheEncryptionAtRest: PolicyCheck = (r) => {
  const engine = stringAttr(r.attributes.engine) ?? "redis";
  if (engine === UNKNOWN) return NOT_APPLICABLE;
  return requireBool(r, "at_rest_encryption_enabled", true, engine === "valkey");
};

import { NOT_APPLICABLE, type PolicyCheck } from "../outcome";
import { stringAttr } from "../values";
import { requireBool } from "./attribute-checks";
import { isAuroraEngine } from "./rds-engine";

/** Engines that support IAM database authentication (Oracle, SQL Server and Db2 do not). */
const IAM_AUTH_ENGINES = /^(aurora|aurora-mysql|aurora-postgresql|mysql|postgres|mariadb)$/;

/** RES-RDS-IAM-AUTH: `iam_database_authentication_enabled` where the engine supports it. */
export const rdsIamAuth: PolicyCheck = (r) => {
  if (r.type === "aws_db_instance" && isAuroraEngine(r)) return NOT_APPLICABLE;
  const engine = stringAttr(r.attributes.engine);
  if (typeof engine !== "string" || !IAM_AUTH_ENGINES.test(engine)) return NOT_APPLICABLE;
  return requireBool(r, "iam_database_authentication_enabled", true, false);
};

import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type PolicyCheck } from "../outcome";
import type { PlanResource, PlanView } from "../plan-view";
import { type Known, stringAttr, UNKNOWN } from "../values";
import { inheritsStorageSettings } from "./rds-engine";

/**
 * RES-RDS-BACKUP-PLAN (checkov CKV2_AWS_8 semantics): an `aws_backup_selection` lists the
 * database by ARN — a reference to the resource, or a literal RDS ARN (wildcards allowed) that
 * names its identifier. Selecting by tag does not count: a renamed or re-tagged database would
 * silently drop out of the plan.
 */
export const rdsInBackupPlan: PolicyCheck = (r, plan) => {
  if (inheritsStorageSettings(r)) return NOT_APPLICABLE;
  let unknown = false;
  for (const selection of plan.ofType("aws_backup_selection")) {
    const selected = selects(selection, r, plan);
    if (selected === true) return COMPLIANT;
    if (selected === UNKNOWN) unknown = true;
  }
  // A selection known only after apply might list the database: not a violation.
  if (unknown) return NOT_APPLICABLE;
  return nonCompliant(`no aws_backup_selection lists ${r.address} by ARN`);
};

function selects(selection: PlanResource, db: PlanResource, plan: PlanView): Known<boolean> {
  const resources = selection.attributes.resources;
  if (resources === undefined) return false;
  if (!Array.isArray(resources)) return UNKNOWN;
  let unknown = false;
  for (const item of resources) {
    if (plan.refersTo(item, db)) return true;
    // A reference to another resource of the plan (another database's arn) selects that one, not this.
    if (plan.target(item) !== undefined) continue;
    const arn = stringAttr(item);
    const match = arn === UNKNOWN ? UNKNOWN : arn === undefined ? false : arnSelects(arn, db);
    if (match === true) return true;
    if (match === UNKNOWN) unknown = true;
  }
  return unknown ? UNKNOWN : false;
}

/** Whether an ARN pattern (`arn:aws:rds:*:*:cluster:orders-*`, or `*`) selects the database. */
function arnSelects(pattern: string, db: PlanResource): Known<boolean> {
  if (pattern === "*") return true;
  const parts = pattern.split(":");
  const [, , service = "", , , kind = ""] = parts;
  const expectedKind = db.type === "aws_rds_cluster" ? "cluster" : "db";
  if (parts.length < 7 || !glob(service, "rds") || !glob(kind, expectedKind)) return false;
  const idPattern = parts.slice(6).join(":");
  const id = stringAttr(db.attributes[db.type === "aws_rds_cluster" ? "cluster_identifier" : "identifier"]);
  if (typeof id !== "string") return idPattern === "*" ? true : UNKNOWN;
  return glob(idPattern, id);
}

function glob(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*")}$`);
  return re.test(value);
}

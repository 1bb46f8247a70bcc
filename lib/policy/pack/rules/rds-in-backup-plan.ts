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
  const all = selections(plan);
  if (all.referenced.has(r)) return COMPLIANT;
  let unknown = all.unknown;
  for (const arn of all.arns) {
    const match = arnSelects(arn, r);
    if (match === true) return COMPLIANT;
    if (match === UNKNOWN) unknown = true;
  }
  // A selection known only after apply might list the database: not a violation.
  if (unknown) return NOT_APPLICABLE;
  return nonCompliant(`no aws_backup_selection lists ${r.address} by ARN`);
};

interface Selections {
  /** Resources a selection lists by reference. */
  readonly referenced: ReadonlySet<PlanResource>;
  /** Literal ARN patterns the selections list. */
  readonly arns: readonly string[];
  /** Some selection's list is known only after apply. */
  readonly unknown: boolean;
}

/**
 * What every `aws_backup_selection` of the plan lists, read once per plan (a database is
 * selected by a reference to it, or by a literal ARN pattern naming its identifier; a
 * reference to another resource of the plan selects that one only).
 */
function selections(plan: PlanView): Selections {
  return plan.index("rds-in-backup-plan:selections", () => {
    const referenced = new Set<PlanResource>();
    const arns: string[] = [];
    let unknown = false;
    for (const selection of plan.ofType("aws_backup_selection")) {
      const resources = selection.attributes.resources;
      if (resources === undefined) continue;
      if (!Array.isArray(resources)) {
        unknown = true;
        continue;
      }
      for (const item of resources) {
        const target = plan.target(item);
        if (target) {
          referenced.add(target.resource);
          continue;
        }
        const arn = stringAttr(item);
        if (arn === UNKNOWN) unknown = true;
        else if (arn !== undefined) arns.push(arn);
      }
    }
    return { referenced, arns, unknown };
  });
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

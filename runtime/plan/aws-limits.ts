/**
 * What AWS accepts for the values the runtime models: identifiers, zone names and numeric ranges,
 * checked on every evaluated instance (cdk.tf.json and `terraform show -json` alike) so a value
 * AWS would refuse stops the load with its JSON path instead of being emulated, printed, or used
 * as a report lane or a random stream name. Only literal values are checked; a `${...}` that stands
 * for a value known after apply is AWS's to judge.
 *
 * Sources (AWS API references and user guides):
 * - RDS identifiers: CreateDBCluster `DBClusterIdentifier`, CreateDBInstance `DBInstanceIdentifier`
 *   ("1 to 63 letters, numbers, or hyphens; first character must be a letter; can't end with a
 *   hyphen or contain two consecutive hyphens").
 * - Promotion tier: CreateDBInstance `PromotionTier`, "Valid Values: 0 - 15".
 * - Aurora Replicas: "An Aurora DB cluster can contain up to 15 Aurora Replicas"
 *   (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Replication.html).
 * - Redshift: CreateCluster `ClusterIdentifier` (1–63 alphanumerics or hyphens, lowercase, first a
 *   letter, no trailing or doubled hyphen); `NumberOfNodes` at least 1.
 * - ElastiCache: CreateReplicationGroup `ReplicationGroupId` (1–40 alphanumerics or hyphens, first
 *   a letter, no trailing or doubled hyphen); `NumCacheClusters` 1–6 (a primary and up to 5
 *   replicas); `ReplicasPerNodeGroup` 0–5; `NumNodeGroups` 1–500.
 * - KMS: ScheduleKeyDeletion `PendingWindowInDays` 7–30.
 * - FIS: CreateExperimentTemplate target `selectionMode`: `ALL`, `COUNT(n)`, `PERCENT(n)`.
 */
import { AURORA_REPLICAS_MAX } from "../../lib/contract/plan-contract";
import type { PlanProblem } from "./plan-error";
import { hasInterpolation } from "./resolve";
import type { ResourceNode } from "./resources";

interface IdentifierRule {
  readonly max: number;
  readonly lowercaseOnly: boolean;
  readonly what: string;
}

const RDS_ID: IdentifierRule = { max: 63, lowercaseOnly: false, what: "RDS" };
const REDSHIFT_ID: IdentifierRule = { max: 63, lowercaseOnly: true, what: "Redshift" };
const ELASTICACHE_ID: IdentifierRule = { max: 40, lowercaseOnly: false, what: "ElastiCache" };

/** Resource type → attribute → the identifier rule AWS applies to it. */
const IDENTIFIERS: Readonly<Record<string, Readonly<Record<string, IdentifierRule>>>> = {
  aws_rds_cluster: { cluster_identifier: RDS_ID },
  aws_rds_cluster_instance: { identifier: RDS_ID },
  aws_db_instance: { identifier: RDS_ID },
  aws_redshift_cluster: { cluster_identifier: REDSHIFT_ID },
  aws_elasticache_replication_group: { replication_group_id: ELASTICACHE_ID },
};

/** Attributes holding one Availability Zone name or id, or a list of them. */
const ZONES: Readonly<Record<string, readonly string[]>> = {
  aws_subnet: ["availability_zone", "availability_zone_id"],
  aws_rds_cluster: ["availability_zones"],
  aws_rds_cluster_instance: ["availability_zone"],
  aws_db_instance: ["availability_zone"],
  aws_redshift_cluster: ["availability_zone"],
  aws_elasticache_replication_group: ["preferred_cache_cluster_azs"],
};

interface Range {
  readonly min: number;
  readonly max?: number;
  readonly integer: boolean;
}

/** Resource type → attribute → the range AWS accepts. */
const RANGES: Readonly<Record<string, Readonly<Record<string, Range>>>> = {
  aws_rds_cluster_instance: { promotion_tier: { min: 0, max: 15, integer: true } },
  aws_db_instance: { allocated_storage: { min: 1, integer: true } },
  aws_rds_cluster: { allocated_storage: { min: 1, integer: true }, iops: { min: 1, integer: true } },
  aws_redshift_cluster: { number_of_nodes: { min: 1, integer: true } },
  aws_elasticache_replication_group: {
    num_cache_clusters: { min: 1, max: 6, integer: true },
    replicas_per_node_group: { min: 0, max: 5, integer: true },
    num_node_groups: { min: 1, max: 500, integer: true },
  },
  aws_kms_key: { deletion_window_in_days: { min: 7, max: 30, integer: true } },
};

/** Why `id` is not an identifier AWS accepts under `rule`, or undefined when it is. */
export function identifierProblem(id: string, rule: IdentifierRule): string | undefined {
  // Nearly every identifier is fine: one pattern says so; the checks below name what is wrong.
  if (id.length <= rule.max && (rule.lowercaseOnly ? LOWERCASE_ID : MIXED_CASE_ID).test(id) && !id.endsWith("-") && !id.includes("--"))
    return undefined;
  if (id.length === 0) return "it is empty";
  if (id.length > rule.max) return `it is ${id.length} characters long, over ${rule.max}`;
  const bad = [...id].find((c) => !(rule.lowercaseOnly ? /[a-z0-9-]/ : /[A-Za-z0-9-]/).test(c));
  if (bad !== undefined) return `it holds ${describeChar(bad)}`;
  if (!/^[A-Za-z]/.test(id)) return "it does not start with a letter";
  if (id.endsWith("-")) return "it ends with a hyphen";
  if (id.includes("--")) return "it holds two consecutive hyphens";
  return undefined;
}

const LOWERCASE_ID = /^[a-z][a-z0-9-]*$/;
const MIXED_CASE_ID = /^[A-Za-z][A-Za-z0-9-]*$/;

function identifierExpected(rule: IdentifierRule): string {
  return `a ${rule.what} identifier: 1–${rule.max} ${rule.lowercaseOnly ? "lowercase " : ""}letters, digits or hyphens, starting with a letter, no trailing or doubled hyphen`;
}

/** Zone names (`eu-west-1a`, `us-west-2-lax-1a`) and ids (`euw1-az1`): lowercase letters, digits, hyphens. */
const ZONE = /^[a-z][a-z0-9-]{0,62}[a-z0-9]$/;

/** A character named so a terminal shows it: `a space`, `U+000A (a control character)`, `"="`. */
function describeChar(c: string): string {
  if (c === " ") return "a space";
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return `U+${code.toString(16).toUpperCase().padStart(4, "0")} (a control character)`;
  if (code > 0x7e) return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return JSON.stringify(c);
}

/** A value for messages: JSON, control characters escaped by JSON itself, cut at 80 characters. */
function quote(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** Terraform's identifiers (resource types and names): what `terraform` itself accepts. */
const TERRAFORM_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

const isLiteralString = (v: unknown): v is string => typeof v === "string" && !hasInterpolation(v);

// The tables as lists per type, made once (not an entries list per instance).
const IDENTIFIER_RULES = new Map(Object.entries(IDENTIFIERS).map(([type, rules]) => [type, Object.entries(rules)]));
const RANGE_RULES = new Map(Object.entries(RANGES).map(([type, rules]) => [type, Object.entries(rules)]));
const NONE: readonly never[] = [];

/** Every problem of the instances' identifiers, zones and numeric attributes, with JSON paths. */
export function awsLimitProblems(nodes: Iterable<ResourceNode>): PlanProblem[] {
  const out: PlanProblem[] = [];
  for (const n of nodes) {
    // A `terraform show -json` document names its resources itself; Terraform never writes these.
    if (!TERRAFORM_NAME.test(n.type) || !TERRAFORM_NAME.test(n.name))
      for (const [what, v] of [
        ["resource type", n.type],
        ["resource name", n.name],
      ] as const)
        if (!TERRAFORM_NAME.test(v))
          out.push({
            path: n.path.replace(/\.values$/, ""),
            message: `${quote(v)} is not a valid Terraform ${what}`,
            expected: "letters, digits, '_' and '-', starting with a letter or '_'",
          });
    if (n.mode !== "managed") continue;
    for (const [attr, rule] of IDENTIFIER_RULES.get(n.type) ?? NONE) {
      const v = n.body[attr];
      if (!isLiteralString(v)) continue;
      const why = identifierProblem(v, rule);
      if (why) out.push({ path: `${n.path}.${attr}`, message: `${quote(v)}: ${why}`, expected: identifierExpected(rule) });
    }
    for (const attr of Object.hasOwn(ZONES, n.type) ? (ZONES[n.type] ?? []) : []) {
      const v = n.body[attr];
      const list = Array.isArray(v) ? v : [v];
      list.forEach((z, i) => {
        // "" is how modules write "let AWS choose" (the provider treats it as not set).
        if (!isLiteralString(z) || z === "" || ZONE.test(z)) return;
        out.push({
          path: `${n.path}.${attr}${Array.isArray(v) ? `[${i}]` : ""}`,
          message: `${quote(z)} is not an Availability Zone name or id`,
          expected: "a zone such as eu-west-1a (or an id such as euw1-az1): lowercase letters, digits and hyphens",
        });
      });
    }
    for (const [attr, range] of RANGE_RULES.get(n.type) ?? NONE) {
      const why = rangeProblem(n.body[attr], range);
      if (why) out.push({ path: `${n.path}.${attr}`, message: why, expected: rangeText(range) });
    }
  }
  return out;
}

function rangeProblem(v: unknown, range: Range): string | undefined {
  const x = typeof v === "number" ? v : typeof v === "string" && /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(v) ? Number(v) : undefined;
  if (x === undefined) return undefined;
  if (!Number.isFinite(x)) return `found ${quote(v)}, which is not a finite number`;
  if (range.integer && !Number.isInteger(x)) return `found ${quote(v)}, which is not a whole number`;
  if (x < range.min || (range.max !== undefined && x > range.max)) return `found ${quote(v)}, out of range`;
  return undefined;
}

function rangeText(r: Range): string {
  const kind = r.integer ? "a whole number" : "a number";
  return r.max === undefined ? `${kind} ≥ ${r.min} (what AWS accepts)` : `${kind} from ${r.min} to ${r.max} (what AWS accepts)`;
}

/** The most instances an Aurora cluster holds: a writer and {@link AURORA_REPLICAS_MAX} Aurora Replicas. */
export const AURORA_INSTANCES_MAX = AURORA_REPLICAS_MAX + 1;

/**
 * Why an FIS `selectionMode` is not one AWS accepts, or undefined: `ALL`, `COUNT(n)` with n ≥ 1,
 * `PERCENT(n)` with n from 1 to 100.
 */
export function selectionModeProblem(mode: string): string | undefined {
  if (mode === "ALL") return undefined;
  const m = /^(COUNT|PERCENT)\((\d+)\)$/.exec(mode);
  if (!m) return `found ${quote(mode)}`;
  const n = Number(m[2]);
  if (m[1] === "COUNT" && !(n >= 1 && Number.isSafeInteger(n))) return `found ${quote(mode)}: COUNT selects at least one target`;
  if (m[1] === "PERCENT" && !(n >= 1 && n <= 100)) return `found ${quote(mode)}: a percentage is from 1 to 100`;
  return undefined;
}

export const SELECTION_MODE_EXPECTED = "ALL, COUNT(n) with n ≥ 1, or PERCENT(n) with n from 1 to 100";

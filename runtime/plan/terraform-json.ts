import { z } from "zod";
import { own } from "./hcl/values";
import type { PlanProblem } from "./plan-error";
import { hasInterpolation } from "./resolve";
import type { ResourceNode } from "./resources";
import { bodyPrecheckOf, precheckOf, registerPrecheck } from "./schema-precheck";

/**
 * zod schemas of a Terraform JSON configuration (`cdk.tf.json`): the document structure, and
 * the attributes the runtime reads of each resource type it understands. Attributes it does not
 * read pass through untouched; unknown resource types are kept as opaque nodes.
 * Attribute shapes follow Terraform's JSON syntax: a literal, or a string holding `${...}`.
 */

const isExpression = (v: unknown): v is string => typeof v === "string" && hasInterpolation(v);
const isNumeric = (v: unknown) => typeof v === "number" || (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v));

/**
 * One shape check with one message: a union would report the failing branch's own message
 * (e.g. "not an expression") instead of the shape the user should write.
 */
function shape<T>(accepts: (v: unknown) => boolean, expected: string) {
  return z.custom<T>(accepts, { message: `expected ${expected}` });
}

/** A number attribute: a number, a numeric string (Terraform converts it), or an expression. */
export const tfNumber = shape<number | string>((v) => isNumeric(v) || isExpression(v), "a number or a ${...} expression");
/** A bool attribute: true/false, "true"/"false", or an expression. */
export const tfBool = shape<boolean | string>(
  (v) => typeof v === "boolean" || v === "true" || v === "false" || isExpression(v),
  "true/false or a ${...} expression",
);
export const tfString = z.string({ error: "expected a string" });
/** A list of strings, or one expression that yields the list. */
export const tfStringList = shape<string[] | string>(
  (v) => (Array.isArray(v) && v.every((x) => typeof x === "string")) || isExpression(v),
  "a list of strings or a ${...} expression",
);
export const tfTags = shape<Record<string, string> | string>(
  (v) =>
    (v !== null && typeof v === "object" && !Array.isArray(v) && Object.values(v).every((x) => typeof x === "string")) || isExpression(v),
  "an object of string tags or a ${...} expression",
);

/**
 * A nested block: Terraform JSON writes one as an object or a list of objects; a `${...}`
 * expression stands for a value known after apply. Each object is checked against `fields`.
 */
export function tfBlocks<T extends z.ZodRawShape>(fields: T) {
  const object = z.looseObject(fields);
  const isObject = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v);
  const schema = shape<unknown>(
    (v) => isExpression(v) || isObject(v) || (Array.isArray(v) && v.every(isObject)),
    "a block (an object, or a list of objects)",
  ).superRefine((v, ctx) => {
    if (isExpression(v)) return;
    // Check each block with the attribute paths inside it, so problems point at the attribute.
    (Array.isArray(v) ? v : [v]).forEach((item, i) => {
      const parsed = object.safeParse(item);
      if (!parsed.success)
        for (const issue of parsed.error.issues)
          ctx.addIssue({ ...issue, path: Array.isArray(v) ? [i, ...issue.path] : issue.path } as never);
    });
  });
  // The refinement hides the blocks' own schema from the precheck's compiler: its twin, by hand.
  return registerPrecheck(schema, (v) => {
    if (isExpression(v)) return true;
    const each = precheckOf(object);
    return each !== undefined && (Array.isArray(v) ? v.every(each) : each(v));
  });
}

const resourceBase = { tags: tfTags.optional(), depends_on: z.array(tfString).optional() };
const subnetGroup = z.looseObject({ ...resourceBase, name: tfString.optional(), subnet_ids: tfStringList });

/** Per-type attribute schemas; a type not listed here loads as an opaque node. */
export const RESOURCE_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  aws_vpc: z.looseObject({ ...resourceBase, cidr_block: tfString.optional() }),
  aws_subnet: z.looseObject({
    ...resourceBase,
    vpc_id: tfString,
    availability_zone: tfString.optional(),
    availability_zone_id: tfString.optional(),
    cidr_block: tfString.optional(),
  }),
  aws_db_subnet_group: subnetGroup,
  aws_redshift_subnet_group: subnetGroup,
  aws_elasticache_subnet_group: subnetGroup,
  aws_kms_key: z.looseObject({
    ...resourceBase,
    description: tfString.optional(),
    enable_key_rotation: tfBool.optional(),
    deletion_window_in_days: tfNumber.optional(),
  }),
  aws_rds_cluster: z.looseObject({
    ...resourceBase,
    engine: tfString.optional(),
    engine_version: tfString.optional(),
    cluster_identifier: tfString.optional(),
    availability_zones: tfStringList.optional(),
    db_subnet_group_name: tfString.optional(),
    kms_key_id: tfString.optional(),
    storage_encrypted: tfBool.optional(),
    db_cluster_instance_class: tfString.optional(),
    allocated_storage: tfNumber.optional(),
    storage_type: tfString.optional(),
    iops: tfNumber.optional(),
    serverlessv2_scaling_configuration: tfBlocks({ min_capacity: tfNumber.optional(), max_capacity: tfNumber.optional() }).optional(),
  }),
  aws_rds_cluster_instance: z.looseObject({
    ...resourceBase,
    cluster_identifier: tfString,
    instance_class: tfString,
    engine: tfString,
    identifier: tfString.optional(),
    availability_zone: tfString.optional(),
    promotion_tier: tfNumber.optional(),
  }),
  aws_redshift_cluster: z.looseObject({
    ...resourceBase,
    cluster_identifier: tfString,
    node_type: tfString,
    number_of_nodes: tfNumber.optional(),
    multi_az: tfBool.optional(),
    availability_zone: tfString.optional(),
    cluster_subnet_group_name: tfString.optional(),
    encrypted: tfBool.optional(),
    kms_key_id: tfString.optional(),
  }),
  aws_elasticache_replication_group: z.looseObject({
    ...resourceBase,
    replication_group_id: tfString,
    engine: tfString.optional(),
    node_type: tfString.optional(),
    num_cache_clusters: tfNumber.optional(),
    preferred_cache_cluster_azs: tfStringList.optional(),
    num_node_groups: tfNumber.optional(),
    replicas_per_node_group: tfNumber.optional(),
    node_group_configuration: tfBlocks({
      node_group_id: tfString.optional(),
      primary_availability_zone: tfString.optional(),
      replica_availability_zones: tfStringList.optional(),
      replica_count: tfNumber.optional(),
    }).optional(),
    multi_az_enabled: tfBool.optional(),
    automatic_failover_enabled: tfBool.optional(),
    at_rest_encryption_enabled: tfBool.optional(),
    kms_key_id: tfString.optional(),
    subnet_group_name: tfString.optional(),
  }),
};

const identifier = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const block = z.record(z.string(), z.unknown());

/** The document structure: which top-level blocks exist and how they nest. */
export const terraformJsonSchema = z.strictObject({
  "//": z.unknown().optional(),
  terraform: block.optional(),
  provider: z.record(z.string(), z.union([block, z.array(block)])).optional(),
  resource: z.record(z.string(), z.record(z.string(), block)).optional(),
  data: z.record(z.string(), z.record(z.string(), block)).optional(),
  output: z.record(z.string(), block).optional(),
  variable: z.record(z.string(), block).optional(),
  locals: block.optional(),
  module: z.record(z.string(), block).optional(),
  moved: z.unknown().optional(),
  import: z.unknown().optional(),
  check: z.unknown().optional(),
  removed: z.unknown().optional(),
});

export type TerraformJson = z.infer<typeof terraformJsonSchema>;

const TOP_LEVEL_BLOCKS = new Set(Object.keys(terraformJsonSchema.shape));

/** A plain object, as zod's records accept it. */
function isRecordObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function eachValue(v: unknown, check: (x: unknown) => boolean): boolean {
  if (!isRecordObject(v)) return false;
  for (const k in v) if (Object.hasOwn(v, k) && !check(v[k])) return false;
  return true;
}

/**
 * True only when {@link terraformJsonSchema} accepts `doc` (false: ask zod, which words the
 * problems). The same structure, checked without copying it.
 */
function isWellFormed(doc: unknown): boolean {
  if (!isRecordObject(doc)) return false;
  for (const k in doc) if (Object.hasOwn(doc, k) && !TOP_LEVEL_BLOCKS.has(k)) return false;
  const byName = (x: unknown) => eachValue(x, isRecordObject);
  const d = doc as Record<string, unknown>;
  const optional = (x: unknown, check: (y: unknown) => boolean) => x === undefined || check(x);
  return (
    optional(d.terraform, isRecordObject) &&
    optional(d.provider, (x) => eachValue(x, (b) => isRecordObject(b) || (Array.isArray(b) && b.every(isRecordObject)))) &&
    optional(d.resource, (x) => eachValue(x, byName)) &&
    optional(d.data, (x) => eachValue(x, byName)) &&
    optional(d.output, byName) &&
    optional(d.variable, byName) &&
    optional(d.locals, isRecordObject) &&
    optional(d.module, byName)
  );
}

/** Validates the structure and every understood resource; returns all problems found. */
export function validateTerraformJson(
  doc: unknown,
  schemas: Readonly<Record<string, z.ZodType>> = RESOURCE_SCHEMAS,
): { doc?: TerraformJson; problems: PlanProblem[] } {
  // zod copies the whole document to check its structure: only when the plain check cannot vouch for it.
  if (!isWellFormed(doc)) {
    const top = terraformJsonSchema.safeParse(doc);
    if (!top.success) return { problems: top.error.issues.map((i) => toProblem(i, [], doc)) };
  }
  const valid = doc as TerraformJson;
  const problems: PlanProblem[] = [];
  for (const [kind, section] of [
    ["resource", valid.resource],
    ["data", valid.data],
  ] as const) {
    for (const [type, byName] of Object.entries(section ?? {})) {
      // Terraform refuses such a type ("Invalid resource type name"); its name would be printed raw.
      if (!identifier.test(type)) {
        problems.push({
          path: `$.${kind}.${type}`,
          message: `'${type.slice(0, 80)}' is not a valid Terraform resource type`,
          expected: "a type of letters, digits, '_' and '-', starting with a letter or '_' (such as aws_rds_cluster)",
        });
        continue;
      }
      const schema = kind === "resource" ? own(schemas, type) : undefined;
      const precheck = schema && bodyPrecheckOf(schema);
      for (const name of Object.keys(byName)) {
        const body = byName[name] as Record<string, unknown>;
        if (!identifier.test(name)) {
          problems.push({
            path: `$.${kind}.${type}.${name}`,
            message: `'${name.slice(0, 80)}' is not a valid Terraform name`,
            expected: "a name of letters, digits, '_' and '-', starting with a letter or '_'",
          });
          continue;
        }
        if (!schema || precheck?.(body)) continue;
        // In Terraform JSON, null means "not set": an optional attribute may be null.
        const parsed = schema.safeParse(Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null)));
        if (!parsed.success) problems.push(...parsed.error.issues.map((i) => toProblem(i, [kind, type, name], body)));
      }
    }
  }
  // The input itself, not zod's copy: a record copies keys by assignment, which drops `__proto__`.
  return problems.length ? { problems } : { doc: doc as TerraformJson, problems };
}

/**
 * Checks the values of `terraform show -json` instances against the same schemas, attribute by
 * attribute (an attribute known only after apply is absent there, so nothing is required); paths
 * point into the user's document.
 */
export function validateShownValues(nodes: Iterable<ResourceNode>, schemas: Readonly<Record<string, z.ZodType>>): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const partials = new Map<z.ZodType, z.ZodType>();
  for (const n of nodes) {
    const schema = n.mode === "managed" ? own(schemas, n.type) : undefined;
    if (!schema) continue;
    let partial = partials.get(schema);
    if (!partial) {
      partial = schema instanceof z.ZodObject ? schema.partial() : schema;
      partials.set(schema, partial);
    }
    if (precheckOf(partial)?.(n.body)) continue;
    const parsed = partial.safeParse(n.body);
    if (!parsed.success) problems.push(...parsed.error.issues.map((i) => toProblem(i, [], n.body, n.path)));
  }
  return problems;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: "a string",
  number: "a number",
  boolean: "true or false",
  object: "an object",
  record: "an object",
  array: "a list",
};

function toProblem(issue: z.core.$ZodIssue, prefix: readonly string[], root: unknown, base = "$"): PlanProblem {
  const path = `${base}${[...prefix, ...issue.path.map(String)].map((k) => (/^\d+$/.test(k) ? `[${k}]` : `.${k}`)).join("")}`;
  let value: unknown = root;
  for (const k of issue.path) value = value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[k] : undefined;
  const found = value === undefined ? "it is missing" : `found ${JSON.stringify(value)?.slice(0, 80)}`;
  switch (issue.code) {
    case "unrecognized_keys":
      return {
        path,
        message: `unknown top-level block${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `'${k}'`).join(", ")}`,
        expected: "only Terraform's blocks (terraform, provider, resource, data, output, variable, locals, module, …)",
      };
    case "invalid_type":
      return { path, message: found, expected: TYPE_NAMES[issue.expected] ?? `a value of type ${issue.expected}` };
    default:
      return { path, message: found, expected: issue.message.replace(/^expected /, "") };
  }
}

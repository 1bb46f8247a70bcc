import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { bodyPrecheckOf, precheckOf } from "./schema-precheck";
import { INFRASTRUCTURE_SCHEMAS } from "./schemas-infrastructure";
import { POLICY_SCHEMAS } from "./schemas-policies";
import { STORAGE_SCHEMAS } from "./schemas-storage";
import { RESOURCE_SCHEMAS, terraformJsonSchema, validateTerraformJson } from "./terraform-json";

const SCHEMAS = { ...RESOURCE_SCHEMAS, ...INFRASTRUCTURE_SCHEMAS, ...STORAGE_SCHEMAS, ...POLICY_SCHEMAS };

/** The attribute names a schema reads, nested blocks' too: generated bodies hit them, not only unknown keys. */
function namesOf(schema: z.ZodType, out = new Set<string>()): Set<string> {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  for (const k of ["innerType", "element", "valueType"]) if (def[k]) namesOf(def[k] as z.ZodType, out);
  for (const [k, v] of Object.entries((def.shape as Record<string, z.ZodType> | undefined) ?? {})) {
    out.add(k);
    namesOf(v, out);
  }
  return out;
}

const ALL_NAMES = [...new Set(Object.values(SCHEMAS).flatMap((s) => [...namesOf(s)]))].sort();

/** Values of every shape the schemas tell apart: strings, expressions, numbers as text, flags as text, lists, blocks, nulls. */
const leaf = fc.constantFrom<unknown>(
  "x",
  "",
  "${aws_x.y.id}",
  "$${not.an.expression}",
  "12",
  "-3.5",
  "1e3",
  "true",
  "false",
  7,
  0.5,
  true,
  false,
  null,
);
const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    leaf,
    fc.array(tie("v"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...ALL_NAMES, "other"), tie("v"), { maxKeys: 4 }),
  ),
})).v;

describe("the zod twins: a plain check may only say 'valid' when zod says so", () => {
  test("every resource schema the loader uses has a twin (else its resources all go through zod)", () => {
    for (const [type, schema] of Object.entries(SCHEMAS)) expect(bodyPrecheckOf(schema), type).toBeTypeOf("function");
  });

  test.each(Object.keys(SCHEMAS))("property: %s — twin says valid ⇒ zod accepts (null attributes as not set)", (type) => {
    const schema = SCHEMAS[type] as z.ZodType;
    const twin = bodyPrecheckOf(schema) as (v: unknown) => boolean;
    const body = fc.dictionary(fc.constantFrom(...namesOf(schema), "other"), value, { maxKeys: 8 });
    fc.assert(
      fc.property(body, (b) => {
        if (!twin(b)) return;
        const set = Object.fromEntries(Object.entries(b).filter(([, v]) => v !== null));
        expect(schema.safeParse(set).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test("a twin accepts what a plan really holds, and refuses each wrong shape zod refuses", () => {
    const instance = bodyPrecheckOf(RESOURCE_SCHEMAS.aws_rds_cluster_instance as z.ZodType) as (v: unknown) => boolean;
    const ok = {
      identifier: "orders-0",
      cluster_identifier: "${aws_rds_cluster.c0.id}",
      engine: "aurora-postgresql",
      instance_class: "db.r6g.large",
      promotion_tier: 1,
      availability_zone: null,
      tags: { team: "db" },
    };
    expect(instance(ok)).toBe(true);
    for (const wrong of [
      { ...ok, promotion_tier: "high" },
      { ...ok, engine: 5 },
      { ...ok, tags: { team: 1 } },
      { ...ok, cluster_identifier: undefined },
      { ...ok, depends_on: "aws_x.y" },
    ])
      expect(instance(wrong)).toBe(false);
    const cluster = bodyPrecheckOf(RESOURCE_SCHEMAS.aws_rds_cluster as z.ZodType) as (v: unknown) => boolean;
    expect(cluster({ serverlessv2_scaling_configuration: [{ min_capacity: 0.5, max_capacity: "${var.max}" }] })).toBe(true);
    expect(cluster({ serverlessv2_scaling_configuration: [{ min_capacity: "lots" }] })).toBe(false);
  });

  test("a schema with a refinement or a strict object has no twin: it always goes to zod", () => {
    expect(precheckOf(z.string().min(1))).toBeUndefined();
    expect(precheckOf(z.strictObject({ a: z.string() }))).toBeUndefined();
    expect(precheckOf(z.looseObject({ a: z.number() }))).toBeUndefined();
  });
});

describe("the document's structure: checked without zod's copy, with zod's verdict", () => {
  const doc: fc.Arbitrary<unknown> = fc.dictionary(
    fc.constantFrom("resource", "data", "provider", "variable", "output", "locals", "module", "terraform", "//", "moved", "other"),
    fc.oneof(
      value,
      fc.dictionary(fc.constantFrom("aws_subnet", "aws_x"), fc.dictionary(fc.constantFrom("a", "b"), value, { maxKeys: 2 }), {
        maxKeys: 2,
      }),
    ),
    { maxKeys: 4 },
  );

  test("property: validateTerraformJson answers as zod's structure check does", () => {
    fc.assert(
      fc.property(doc, (d) => {
        const zodSays = terraformJsonSchema.safeParse(d).success;
        const { doc: loaded, problems } = validateTerraformJson(d, {});
        // Without resource schemas, only the structure (and Terraform's names) can fail.
        if (!zodSays) expect(loaded).toBeUndefined();
        if (zodSays && problems.every((p) => !/not a valid Terraform/.test(p.message))) expect(loaded).toBe(d);
      }),
      { numRuns: 1000 },
    );
  });
});

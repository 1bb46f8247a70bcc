/**
 * The loader refuses values AWS would refuse, naming the attribute's JSON path, the value and
 * the rule. The rules are AWS's published ones (see aws-limits.ts for the API references); the
 * accepted and refused examples below are taken from those rules' wording, not from the code.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { isPlanError, type PlanError, parsePlan, planFromJson } from ".";
import { identifierProblem, selectionModeProblem } from "./aws-limits";
import { EXPRESSION_DEPTH_MAX, REFERENCE_DEPTH_MAX } from "./hcl/nesting";
import { JSON_DEPTH_MAX } from "./input-file";

const FIXTURE = readFileSync(join(__dirname, "../../test/fixtures/hand-written-aurora.tf.json"), "utf8");
const SHOWN = readFileSync(join(__dirname, "../../test/fixtures/realworld/aurora-postgresql.plan.json"), "utf8");

type Doc = {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  locals?: Record<string, unknown>;
  variable: Record<string, unknown>;
};
const fixture = (): Doc => JSON.parse(FIXTURE) as Doc;

function planError(load: () => unknown): PlanError {
  try {
    load();
  } catch (e) {
    if (isPlanError(e)) return e;
    throw e;
  }
  throw new Error("expected a PlanError");
}

/** The fixture with `attr` of `type.name` set to `value`; returns the one problem line. */
function refused(type: string, name: string, attr: string, value: unknown): string {
  const doc = fixture();
  const block = doc.resource[type]?.[name];
  if (!block) throw new Error(`no ${type}.${name} in the fixture`);
  block[attr] = value;
  const e = planError(() => planFromJson(doc, "plan.json"));
  expect(e.code).toBe("PlanInvalid");
  expect(e.problems).toHaveLength(1);
  return e.message.split("\n")[1] as string;
}

describe("identifiers AWS would reject are refused at load, with the rule", () => {
  test.each([
    ["a newline", "a\nb", "it holds U+000A (a control character)"],
    ["a space and '=' (a forged report lane)", "FORGED-LANE status=failed", "it holds a space"],
    ["a terminal title escape", "x\u001b]0;pwned\u0007", "it holds U+001B (a control character)"],
    ["a leading digit", "1shop", "it does not start with a letter"],
    ["a trailing hyphen", "shop-", "it ends with a hyphen"],
    ["two hyphens", "shop--a", "it holds two consecutive hyphens"],
    ["64 characters", `s${"a".repeat(63)}`, "it is 64 characters long, over 63"],
    ["an RTL override", "shop\u202etxt", "it holds U+202E"],
  ])("cluster_identifier with %s", (_, id, why) => {
    expect(refused("aws_rds_cluster", "this", "cluster_identifier", id)).toBe(
      `- $.resource.aws_rds_cluster.this.cluster_identifier: ${JSON.stringify(id)}: ${why}; expected a RDS identifier: 1–63 letters, digits or hyphens, starting with a letter, no trailing or doubled hyphen`,
    );
  });

  test("an instance identifier is held to the same rule, at its own path", () => {
    expect(refused("aws_rds_cluster_instance", "one", "identifier", "one two")).toMatch(
      /^- \$\.resource\.aws_rds_cluster_instance\.one\.identifier: "one two": it holds a space;/,
    );
  });

  test("what the rules accept: 63 characters, mixed case (RDS stores it lowercased), single hyphens", () => {
    expect(identifierProblem(`a${"b".repeat(62)}`, { max: 63, lowercaseOnly: false, what: "RDS" })).toBeUndefined();
    expect(identifierProblem("Orders-Primary-1", { max: 63, lowercaseOnly: false, what: "RDS" })).toBeUndefined();
    // Redshift: "Alphabetic characters must be lowercase"; ElastiCache: at most 40 characters.
    expect(identifierProblem("Warehouse", { max: 63, lowercaseOnly: true, what: "Redshift" })).toBe('it holds "W"');
    expect(identifierProblem(`a${"b".repeat(40)}`, { max: 40, lowercaseOnly: false, what: "ElastiCache" })).toBe(
      "it is 41 characters long, over 40",
    );
  });

  test("a zone name with a space is refused; an empty zone means 'AWS chooses' and is kept", () => {
    expect(refused("aws_subnet", "a", "availability_zone", "eu west-1a")).toBe(
      '- $.resource.aws_subnet.a.availability_zone: "eu west-1a" is not an Availability Zone name or id; expected a zone such as eu-west-1a (or an id such as euw1-az1): lowercase letters, digits and hyphens',
    );
    const doc = fixture();
    (doc.resource.aws_rds_cluster_instance?.one as Record<string, unknown>).availability_zone = "";
    expect(() => planFromJson(doc)).not.toThrow();
  });

  test("a value known only after apply is AWS's to judge, not refused", () => {
    const doc = fixture();
    doc.variable.cluster_id = { type: "string" };
    (doc.resource.aws_rds_cluster?.this as Record<string, unknown>).cluster_identifier = "${var.cluster_id}";
    expect(() => planFromJson(doc)).not.toThrow();
  });

  test("a resource type Terraform would refuse is named, not printed raw", () => {
    const doc = fixture();
    doc.resource["aws rds\u001b[31m"] = { x: {} };
    expect(planError(() => planFromJson(doc, "plan.json")).problems).toEqual([
      expect.objectContaining({ message: "'aws rds\u001b[31m' is not a valid Terraform resource type" }),
    ]);
  });

  test("a terraform show -json document naming a resource as Terraform never would is refused", () => {
    const text = SHOWN.split('"name": "this"').join('"name": "th is\\n"');
    expect(text).not.toBe(SHOWN);
    const e = planError(() => parsePlan(text, "plan.json"));
    expect(e.problems[0]).toEqual({
      path: "$.planned_values.root_module.child_modules[0].resources[0]",
      message: '"th is\\n" is not a valid Terraform resource name',
      expected: "letters, digits, '_' and '-', starting with a letter or '_'",
    });
  });

  test("terraform show -json is held to the same rules", () => {
    const doc = JSON.parse(SHOWN) as { planned_values: unknown };
    const text = JSON.stringify(doc).replace('"cluster_identifier":"ex-postgresql"', '"cluster_identifier":"ex postgresql"');
    expect(text).not.toBe(JSON.stringify(doc));
    const e = planError(() => parsePlan(text, "plan.json"));
    expect(e.problems.map((p) => p.message)).toContain('"ex postgresql": it holds a space');
  });
});

describe("numeric ranges: what AWS accepts, with the attribute path", () => {
  test.each([
    // CreateDBInstance PromotionTier: "Valid Values: 0 - 15".
    [-5, "found -5, out of range"],
    [16, "found 16, out of range"],
    ["16", 'found "16", out of range'],
    [1.5, "found 1.5, which is not a whole number"],
  ])("promotion_tier %j", (tier, why) => {
    expect(refused("aws_rds_cluster_instance", "three", "promotion_tier", tier)).toBe(
      `- $.resource.aws_rds_cluster_instance.three.promotion_tier: ${why}; expected a whole number from 0 to 15 (what AWS accepts)`,
    );
  });

  test("tiers 0 and 15, the ends of AWS's range, load", () => {
    for (const tier of [0, 15]) {
      const doc = fixture();
      (doc.resource.aws_rds_cluster_instance?.three as Record<string, unknown>).promotion_tier = tier;
      expect(parsePlan(JSON.stringify(doc)).databases[0]?.instances.find((i) => i.address.endsWith("three"))?.promotionTier).toBe(tier);
    }
  });

  test("1e999 (Infinity to JSON.parse) is refused where it is written", () => {
    const text = FIXTURE.replace('"promotion_tier": "5"', '"promotion_tier": 1e999');
    expect(text).not.toBe(FIXTURE);
    expect(planError(() => parsePlan(text, "plan.json")).problems).toEqual([
      {
        path: "$.resource.aws_rds_cluster_instance.three.promotion_tier",
        message: "the number 1e999 is too large to be finite",
        expected: "a finite number (no AWS attribute accepts one beyond ±1.8e308)",
      },
    ]);
  });

  test("KMS deletion window 7–30 days (ScheduleKeyDeletion PendingWindowInDays)", () => {
    const doc = fixture();
    doc.resource.aws_kms_key = { k: { deletion_window_in_days: 6 } };
    expect(planError(() => planFromJson(doc)).problems).toEqual([
      expect.objectContaining({ path: "$.resource.aws_kms_key.k.deletion_window_in_days", message: "found 6, out of range" }),
    ]);
  });

  test("an Aurora cluster holds a writer and at most 15 Aurora Replicas: 16 instances load, 17 do not", () => {
    const withInstances = (n: number) => {
      const doc = fixture();
      doc.resource.aws_rds_cluster_instance = Object.fromEntries(
        Array.from({ length: n }, (_, i) => [
          `i${i}`,
          { cluster_identifier: "shop", engine: "aurora-mysql", instance_class: "db.r6g.large" },
        ]),
      );
      return doc;
    };
    expect(planFromJson(withInstances(16)).databases[0]?.instances).toHaveLength(16);
    expect(planError(() => planFromJson(withInstances(17))).problems).toEqual([
      {
        path: "$.resource.aws_rds_cluster.this",
        message: "aws_rds_cluster.this has 17 instances (a writer and 16 Aurora Replicas)",
        expected: "at most 16 instances: Aurora holds a writer and up to 15 Aurora Replicas",
      },
    ]);
  });

  test.each([
    ["ALL", undefined],
    ["COUNT(1)", undefined],
    ["PERCENT(1)", undefined],
    ["PERCENT(100)", undefined],
    ["COUNT(0)", 'found "COUNT(0)": COUNT selects at least one target'],
    ["PERCENT(0)", 'found "PERCENT(0)": a percentage is from 1 to 100'],
    ["PERCENT(1000)", 'found "PERCENT(1000)": a percentage is from 1 to 100'],
    ["COUNT(-1)", 'found "COUNT(-1)"'],
    ["SOME", 'found "SOME"'],
  ])("FIS selection mode %s", (mode, why) => {
    expect(selectionModeProblem(mode)).toBe(why);
  });
});

describe("depth is bounded, never a stack overflow", () => {
  const nested = (open: string, close: string, n: number, inner: string) => `${open.repeat(n)}${inner}${close.repeat(n)}`;

  test("an attribute nested 5,000 levels is refused at the level the bound is passed", () => {
    const text = FIXTURE.replace('"bucket": "shop-logs"', `"bucket": "shop-logs", "x": ${nested('{"a":', "}", 5000, "1")}`);
    const [p] = planError(() => parsePlan(text, "plan.json")).problems;
    expect(p?.message).toBe(`the document nests deeper than ${JSON_DEPTH_MAX} levels of objects and lists here`);
    expect(p?.path).toMatch(/^\$\.resource\.aws_s3_bucket\.logs\.x(\.a)+/);
  });

  test("just within every bound, the plan loads", () => {
    // The document's depth: the attribute sits 4 levels down ($ → resource → type → name).
    const deepValue = FIXTURE.replace('"bucket": "shop-logs"', `"bucket": "shop-logs", "x": ${nested("[", "]", JSON_DEPTH_MAX - 5, "1")}`);
    expect(() => parsePlan(deepValue)).not.toThrow();
    const doc = fixture();
    doc.locals = { e: `\${${nested("(", ")", EXPRESSION_DEPTH_MAX - 1, "1")}}`, l0: "shop" };
    for (let i = 1; i < REFERENCE_DEPTH_MAX - 1; i++) doc.locals[`l${i}`] = `\${local.l${i - 1}}`;
    (doc.resource.aws_rds_cluster?.this as Record<string, unknown>).cluster_identifier = `\${local.l${REFERENCE_DEPTH_MAX - 2}}`;
    (doc.resource.aws_s3_bucket?.logs as Record<string, unknown>).e = "${local.e}";
    expect(planFromJson(doc).databases[0]?.identifier).toBe("shop");
  });

  test("an expression nested 5,000 levels is refused with its attribute's path", () => {
    const doc = fixture();
    (doc.resource.aws_rds_cluster?.this as Record<string, unknown>).cluster_identifier = `\${${nested("(", ")", 5000, "1")}}`;
    expect(planError(() => planFromJson(doc)).problems).toEqual([
      {
        path: "$.resource.aws_rds_cluster.this.cluster_identifier",
        message: `an expression nests deeper than ${EXPRESSION_DEPTH_MAX} levels (at offset ${EXPRESSION_DEPTH_MAX + 2})`,
        expected: `at most ${EXPRESSION_DEPTH_MAX} levels of nesting in one expression`,
      },
    ]);
  });

  test("5,000 locals each naming the next are refused where the chain passes the bound", () => {
    const doc = fixture();
    doc.locals = { l0: "shop" };
    for (let i = 1; i < 5000; i++) doc.locals[`l${i}`] = `\${local.l${i - 1}}`;
    (doc.resource.aws_rds_cluster?.this as Record<string, unknown>).cluster_identifier = "${local.l4999}";
    const [p] = planError(() => planFromJson(doc)).problems;
    expect(p?.message).toMatch(
      new RegExp(`^a chain of more than ${REFERENCE_DEPTH_MAX} references, each inside the next, reaches local\\.l\\d+$`),
    );
  });

  test("40 locals, each wrapping the last in 20 lists, build no value deeper than the bound", () => {
    const doc = fixture();
    const wrap = nested("[", "]", 20, "local.PREV");
    doc.locals = { l0: "shop" };
    for (let i = 1; i < 40; i++) doc.locals[`l${i}`] = `\${${wrap.replace("PREV", `l${i - 1}`)}}`;
    (doc.resource.aws_s3_bucket?.logs as Record<string, unknown>).x = "${local.l39}";
    const [p] = planError(() => planFromJson(doc)).problems;
    expect(p?.message).toBe(`the value nests deeper than ${JSON_DEPTH_MAX} levels of objects and lists here`);
    expect(p?.path).toMatch(/^\$\.resource\.aws_s3_bucket\.logs\.x\[0\]/);
  });
});

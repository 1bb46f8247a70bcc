import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { isPlanError, loadPlan, type PlanError, parsePlan, planFromJson } from ".";

const handWritten = readFileSync(join(__dirname, "../../test/fixtures/hand-written-aurora.tf.json"), "utf8");

function planError(json: unknown): PlanError {
  try {
    planFromJson(json, "plan.json");
  } catch (e) {
    if (isPlanError(e)) return e;
    throw e;
  }
  throw new Error("expected a PlanError");
}

const instance = (extra: Record<string, unknown> = {}) => ({
  cluster_identifier: "c",
  engine: "aurora-postgresql",
  instance_class: "db.r6g.large",
  ...extra,
});

describe("loading a hand-written plan (no resilience tags, Terraform defaults)", () => {
  const t = parsePlan(handWritten, "hand-written.tf.json");
  const db = t.databases[0];

  test("region comes from the provider block and zones from subnets", () => {
    expect(t.region).toBe("eu-west-1");
    expect(t.zones).toEqual([
      { name: "eu-west-1a", subnets: ["aws_subnet.a"] },
      { name: "eu-west-1b", subnets: ["aws_subnet.b"] },
    ]);
  });

  test("a subnet group named by a literal is linked, so the cluster knows its zones", () => {
    expect(db).toMatchObject({ kind: "aurora", engine: "aurora-mysql", identifier: "shop", zones: ["eu-west-1a", "eu-west-1b"] });
    expect(db?.subnetGroup).toEqual({ address: "aws_db_subnet_group.this" });
  });

  test("a key outside the plan is kept as an external ARN; 'true' as a string counts as true", () => {
    expect(db?.storageEncrypted).toBe(true);
    expect(db?.kmsKey).toEqual({ external: "arn:aws:kms:eu-west-1:111122223333:key/1234" });
  });

  test("instances join their cluster by literal identifier or by reference", () => {
    expect(db?.instances.map((i) => i.address).sort()).toEqual([
      "aws_rds_cluster_instance.one",
      "aws_rds_cluster_instance.three",
      "aws_rds_cluster_instance.two",
    ]);
  });

  test("absent promotion tiers are Terraform's default 0; the writer is the first lowest-tier instance", () => {
    expect(db?.instances.map((i) => [i.address, i.role, i.promotionTier, i.promotionTierExplicit, i.roleSource])).toEqual([
      ["aws_rds_cluster_instance.one", "writer", 0, false, "lowest-tier"],
      ["aws_rds_cluster_instance.two", "failover", 0, false, "promotion-tier"],
      ["aws_rds_cluster_instance.three", "read", 5, true, "promotion-tier"],
    ]);
  });

  test("variables resolve to their defaults", () => {
    expect(db?.instances.map((i) => i.instanceClass)).toEqual(["db.r6g.xlarge", "db.t4g.medium", "db.r6g.xlarge"]);
  });

  test("unknown resource types are kept as opaque nodes, and unplaced instances are noted", () => {
    expect(t.opaque).toEqual([{ address: "aws_s3_bucket.logs", type: "aws_s3_bucket" }]);
    expect(t.notes).toEqual([
      "aws_rds_cluster_instance.two has no availability_zone: AWS will place it, so its zone is unknown until apply",
    ]);
  });
});

describe("writer detection", () => {
  test("the instance the others depend on is the writer, even at a higher tier", () => {
    const t = planFromJson({
      resource: {
        aws_rds_cluster: { c: { cluster_identifier: "c", engine: "aurora-postgresql" } },
        aws_rds_cluster_instance: {
          first: instance({ promotion_tier: 3, availability_zone: "us-east-1a" }),
          second: instance({ promotion_tier: 0, depends_on: ["aws_rds_cluster_instance.first"] }),
        },
      },
    });
    expect(t.databases[0]?.instances[0]).toMatchObject({
      address: "aws_rds_cluster_instance.first",
      role: "writer",
      roleSource: "depends-on",
    });
  });

  test("the resilience:role=coordinator tag wins over everything", () => {
    const t = planFromJson({
      resource: {
        aws_rds_cluster: { c: { cluster_identifier: "c", engine: "aurora-postgresql" } },
        aws_rds_cluster_instance: {
          a: instance({ promotion_tier: 0 }),
          b: instance({ promotion_tier: 1, tags: { "resilience:role": "coordinator" } }),
        },
      },
    });
    expect(t.databases[0]?.instances.map((i) => [i.address, i.role, i.roleSource])).toEqual([
      ["aws_rds_cluster_instance.b", "writer", "tag"],
      ["aws_rds_cluster_instance.a", "failover", "promotion-tier"],
    ]);
  });
});

describe("reference resolution", () => {
  test("${x.id} resolves through the attribute AWS uses as id, across chains of references", () => {
    const t = planFromJson({
      variable: { name: { default: "orders" } },
      resource: {
        aws_db_subnet_group: { g: { name: "${var.name}-subnets", subnet_ids: [] } },
        aws_rds_cluster: { c: { cluster_identifier: "${aws_db_subnet_group.g.name}-db", engine: "aurora-postgresql" } },
        aws_rds_cluster_instance: {
          w: instance({ cluster_identifier: "${aws_rds_cluster.c.id}", identifier: "${aws_rds_cluster.c.id}-w" }),
        },
      },
    });
    expect(t.databases[0]?.identifier).toBe("orders-subnets-db");
    expect(t.databases[0]?.instances[0]?.identifier).toBe("orders-subnets-db-w");
  });

  test("computed attributes stay unknown instead of being invented", () => {
    const t = planFromJson({
      resource: {
        aws_kms_key: { k: {} },
        aws_rds_cluster: {
          c: { engine: "aurora-postgresql", cluster_identifier: "${aws_kms_key.k.key_id}", kms_key_id: "${aws_kms_key.k.arn}" },
        },
      },
    });
    expect(t.databases[0]?.identifier).toBeUndefined();
    expect(t.databases[0]?.kmsKey).toEqual({ address: "aws_kms_key.k" });
  });

  test("self-referencing values terminate (unknown), they do not hang", () => {
    const t = planFromJson({
      resource: { aws_rds_cluster: { c: { engine: "aurora-postgresql", cluster_identifier: "${aws_rds_cluster.c.id}" } } },
    });
    expect(t.databases[0]?.identifier).toBeUndefined();
  });
});

describe("malformed plans: one error that lists every problem with its JSON path", () => {
  test("text that is not JSON", () => {
    expect(() => parsePlan("{ nope", "broken.json")).toThrow(
      /^Cannot read plan broken.json: it is not JSON \(.+\)\.\nFix: pass the cdk.tf.json that `cdktf synth` wrote, or the output of `terraform plan -out p && terraform show -json p > plan.json`$/,
    );
  });

  test.each<[string, unknown, string]>([
    ["a document that is not an object", [], "- $: found []; expected an object"],
    ["an unknown top-level block", { resources: {} }, "- $: unknown top-level block 'resources'; expected only Terraform's blocks"],
    [
      "a resource type mapped to a list",
      { resource: { aws_rds_cluster: [] } },
      "- $.resource.aws_rds_cluster: found []; expected an object",
    ],
    [
      "a required attribute missing",
      { resource: { aws_rds_cluster_instance: { w: { cluster_identifier: "c", engine: "aurora-postgresql" } } } },
      "- $.resource.aws_rds_cluster_instance.w.instance_class: it is missing; expected a string",
    ],
    [
      "an attribute of the wrong type",
      { resource: { aws_rds_cluster_instance: { w: instance({ promotion_tier: true }) } } },
      "- $.resource.aws_rds_cluster_instance.w.promotion_tier: found true; expected a number or a ${...} expression",
    ],
    [
      "a list attribute given a plain string",
      { resource: { aws_db_subnet_group: { g: { subnet_ids: "subnet-1" } } } },
      '- $.resource.aws_db_subnet_group.g.subnet_ids: found "subnet-1"; expected a list of strings or a ${...} expression',
    ],
    [
      "an invalid resource name",
      { resource: { aws_s3_bucket: { "1bad": {} } } },
      "- $.resource.aws_s3_bucket.1bad: '1bad' is not a valid Terraform name",
    ],
    [
      "a reference to an undeclared resource",
      { resource: { aws_rds_cluster_instance: { w: instance({ cluster_identifier: "${aws_rds_cluster.gone.id}" }) } } },
      "- $.resource.aws_rds_cluster_instance.w.cluster_identifier: references aws_rds_cluster.gone, which the plan does not declare",
    ],
    [
      "a reference to an undeclared variable",
      { resource: { aws_rds_cluster_instance: { w: instance({ instance_class: "${var.size}" }) } } },
      "- $.resource.aws_rds_cluster_instance.w.instance_class: references var.size, which the plan does not declare",
    ],
  ])("%s", (_name, json, expected) => {
    const e = planError(json);
    expect(e.code).toBe("PlanInvalid");
    expect(e.message).toContain(expected);
    expect(e.message).toMatch(/\nFix: regenerate the plan with `cdktf synth`/);
  });

  test("every problem of a plan is reported together", () => {
    const e = planError({
      resource: {
        aws_rds_cluster_instance: {
          a: { engine: "aurora-postgresql" },
          b: instance({ promotion_tier: [] }),
        },
        aws_subnet: { s: { availability_zone: 7 } },
      },
    });
    expect(e.problems.map((p) => p.path)).toEqual([
      "$.resource.aws_rds_cluster_instance.a.cluster_identifier",
      "$.resource.aws_rds_cluster_instance.a.instance_class",
      "$.resource.aws_rds_cluster_instance.b.promotion_tier",
      "$.resource.aws_subnet.s.vpc_id",
      "$.resource.aws_subnet.s.availability_zone",
    ]);
    expect(e.message.split("\n")[0]).toBe("plan.json is not a valid Terraform JSON plan (5 problems):");
  });
});

describe("finding the plan file", () => {
  const plan = JSON.stringify({ resource: { aws_s3_bucket: { b: {} } } });

  function outDir(stacks: string[]): string {
    const dir = mkdtempSync(join(tmpdir(), "plan-"));
    for (const s of stacks) {
      mkdirSync(join(dir, "stacks", s), { recursive: true });
      writeFileSync(join(dir, "stacks", s, "cdk.tf.json"), plan);
    }
    return dir;
  }

  test("a stack directory, or a cdktf.out with one stack, resolves to its cdk.tf.json", () => {
    const dir = outDir(["only"]);
    expect(loadPlan(join(dir, "stacks", "only")).source).toBe(join(dir, "stacks", "only", "cdk.tf.json"));
    expect(loadPlan(dir).source).toBe(join(dir, "stacks", "only", "cdk.tf.json"));
  });

  test("a cdktf.out with several stacks asks which one", () => {
    const dir = outDir(["a", "b"]);
    expect(() => loadPlan(dir)).toThrow(
      `Cannot read plan ${dir}: it holds 2 stacks (a, b).\nFix: pass one stack directory, e.g. ${join(dir, "stacks", "a")}`,
    );
  });

  test("a missing path and an empty directory say what to pass instead", () => {
    expect(() => loadPlan("/nonexistent/plan.json")).toThrow("Cannot read plan /nonexistent/plan.json: no such file or directory.");
    expect(() => loadPlan(outDir([]))).toThrow("the directory holds no cdk.tf.json.\nFix: run `cdktf synth` first");
  });
});

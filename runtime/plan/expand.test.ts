import { describe, expect, test } from "vitest";
import { isPlanError, loadPlanDocument, type PlanError, planFromJson } from ".";
import { assertJudgeable } from "./unknown-blockers";

function planError(run: () => unknown): PlanError {
  try {
    run();
  } catch (e) {
    if (isPlanError(e)) return e;
    throw e;
  }
  throw new Error("expected a PlanError");
}

const cluster = { cluster_identifier: "orders", engine: "aurora-postgresql" };
const subnets = {
  a: { vpc_id: "vpc-1", availability_zone: "eu-west-1a" },
  b: { vpc_id: "vpc-1", availability_zone: "eu-west-1b" },
};

/**
 * Expectations follow Terraform's documented semantics: `count` makes `type.name[0..n-1]` with
 * `count.index`; `for_each` over a map or a set of strings makes `type.name["key"]` with
 * `each.key`/`each.value`; `count = 0` makes none.
 * @see https://developer.hashicorp.com/terraform/language/meta-arguments/count
 * @see https://developer.hashicorp.com/terraform/language/meta-arguments/for_each
 */
describe("count and for_each expand into instances at Terraform's addresses", () => {
  test("for_each over a map variable: one instance per key, each.value's attributes substituted", () => {
    const t = planFromJson({
      provider: { aws: { region: "eu-west-1" } },
      variable: {
        instances: {
          type: 'map(object({ instance_class = optional(string, "db.r6g.large"), promotion_tier = optional(number), availability_zone = optional(string) }))',
          default: {
            one: { availability_zone: "eu-west-1a" },
            two: { availability_zone: "eu-west-1b", promotion_tier: 1 },
            three: { availability_zone: "eu-west-1b", instance_class: "db.r6g.xlarge", promotion_tier: 2 },
          },
        },
      },
      resource: {
        aws_rds_cluster: { this: cluster },
        aws_rds_cluster_instance: {
          this: {
            for_each: "${var.instances}",
            identifier: "orders-${each.key}",
            cluster_identifier: "${aws_rds_cluster.this.id}",
            engine: "aurora-postgresql",
            instance_class: "${each.value.instance_class}",
            promotion_tier: "${each.value.promotion_tier}",
            availability_zone: "${each.value.availability_zone}",
          },
        },
      },
    });
    // Keys are walked in lexical order, as Terraform orders map keys; the writer is the lowest tier, first in that order.
    expect(
      t.databases[0]?.instances.map((i) => [i.address, i.identifier, i.role, i.promotionTier, i.instanceClass, i.availabilityZone]),
    ).toEqual([
      ['aws_rds_cluster_instance.this["one"]', "orders-one", "writer", 0, "db.r6g.large", "eu-west-1a"],
      ['aws_rds_cluster_instance.this["two"]', "orders-two", "failover", 1, "db.r6g.large", "eu-west-1b"],
      ['aws_rds_cluster_instance.this["three"]', "orders-three", "read", 2, "db.r6g.xlarge", "eu-west-1b"],
    ]);
    // An optional attribute without default is null: promotion_tier is then not set (Terraform sends 0).
    expect(t.databases[0]?.instances[0]?.promotionTierExplicit).toBe(false);
    expect(t.unknowns).toEqual([]);
  });

  test("count from a local, count.index picking the zone; references with an index resolve", () => {
    const t = planFromJson({
      locals: { azs: ["eu-west-1a", "eu-west-1b"], n: "${length(local.azs)}" },
      resource: {
        aws_subnet: subnets,
        aws_rds_cluster: { this: { ...cluster, count: 1 } },
        aws_rds_cluster_instance: {
          this: {
            count: "${local.n}",
            cluster_identifier: "${aws_rds_cluster.this[0].id}",
            engine: "aurora-postgresql",
            instance_class: "db.r6g.large",
            availability_zone: "${element(local.azs, count.index)}",
            promotion_tier: "${count.index}",
          },
        },
      },
    });
    expect(t.databases[0]?.address).toBe("aws_rds_cluster.this[0]");
    expect(t.databases[0]?.instances.map((i) => [i.address, i.availabilityZone, i.role])).toEqual([
      ["aws_rds_cluster_instance.this[0]", "eu-west-1a", "writer"],
      ["aws_rds_cluster_instance.this[1]", "eu-west-1b", "failover"],
    ]);
  });

  test("count = 0 removes the resource: no phantom cluster", () => {
    const t = planFromJson({
      variable: { create_replica: { type: "bool", default: false } },
      resource: {
        aws_rds_cluster: { this: cluster, replica: { ...cluster, cluster_identifier: "replica", count: "${var.create_replica ? 1 : 0}" } },
      },
    });
    expect(t.databases.map((d) => d.address)).toEqual(["aws_rds_cluster.this"]);
  });

  test("for_each over toset([...]): each.key is the element", () => {
    const t = planFromJson({
      resource: {
        aws_rds_cluster: { this: cluster },
        aws_rds_cluster_instance: {
          this: {
            for_each: '${toset(["b", "a"])}',
            cluster_identifier: "orders",
            engine: "aurora-postgresql",
            instance_class: "db.r6g.large",
            identifier: "orders-${each.key}",
          },
        },
      },
    });
    expect(t.databases[0]?.instances.map((i) => i.address)).toEqual([
      'aws_rds_cluster_instance.this["a"]',
      'aws_rds_cluster_instance.this["b"]',
    ]);
  });

  test("an instance whose cluster_identifier goes through a local and coalesce(one(x[*].id)) joins its cluster", () => {
    const t = planFromJson({
      variable: { cluster_id: { type: "string", default: null } },
      locals: { cluster_id: "${coalesce(var.cluster_id, one(aws_rds_cluster.this[*].id))}" },
      resource: {
        aws_rds_cluster: { this: { ...cluster, count: 1, cluster_identifier: null } },
        aws_rds_cluster_instance: {
          this: { count: 2, cluster_identifier: "${local.cluster_id}", engine: "aurora-postgresql", instance_class: "db.r6g.large" },
        },
      },
    });
    expect(t.databases[0]?.instances.map((i) => i.address)).toEqual([
      "aws_rds_cluster_instance.this[0]",
      "aws_rds_cluster_instance.this[1]",
    ]);
    expect(t.notes.some((n) => n.includes("outside this plan"))).toBe(false);
  });

  test("dynamic blocks become nested blocks (serverlessv2_scaling_configuration from a variable)", () => {
    const t = planFromJson({
      variable: { scaling: { default: { min_capacity: 0.5, max_capacity: 8 } } },
      resource: {
        aws_rds_cluster: {
          this: {
            ...cluster,
            dynamic: {
              serverlessv2_scaling_configuration: [
                {
                  for_each: "${var.scaling != null ? [var.scaling] : []}",
                  content: {
                    min_capacity: "${serverlessv2_scaling_configuration.value.min_capacity}",
                    max_capacity: "${serverlessv2_scaling_configuration.value.max_capacity}",
                  },
                },
              ],
            },
          },
        },
      },
    });
    expect(t.databases[0]?.serverlessV2).toEqual({ minCapacity: 0.5, maxCapacity: 8 });
  });
});

describe("what the file does not fix is never guessed", () => {
  const unknownCount = {
    variable: { instance_count: { type: "number" } },
    resource: {
      aws_rds_cluster: { this: cluster },
      aws_rds_cluster_instance: {
        this: { count: "${var.instance_count}", cluster_identifier: "orders", engine: "aurora-postgresql", instance_class: "db.r6g.large" },
      },
    },
  };

  test("a count from a variable without default: the topology marks it unknown, with the reason", () => {
    const t = planFromJson(unknownCount, "plan.tf.json");
    expect(t.unknowns).toEqual([
      {
        address: "aws_rds_cluster_instance.this",
        attribute: "count",
        why: ["var.instance_count has no default in the plan (Terraform takes it from -var, a .tfvars file or TF_VAR_instance_count)"],
      },
    ]);
  });

  test("a run that depends on it is refused with what to pass instead", () => {
    const e = planError(() => assertJudgeable(planFromJson(unknownCount, "plan.tf.json")));
    expect(e.code).toBe("PlanIncomplete");
    expect(e.message).toBe(
      [
        "Cannot judge plan.tf.json: the verdict depends on 1 value the plan does not fix:",
        "- aws_rds_cluster_instance.this.count: var.instance_count has no default in the plan (Terraform takes it from -var, a .tfvars file or TF_VAR_instance_count); expected a count or for_each the plan fixes, so the loader knows how many instances there are",
        "Fix: pass the plan Terraform evaluated instead: `terraform plan -out p && terraform show -json p > plan.json`, then pass plan.json; or give the variables defaults in the file",
      ].join("\n"),
    );
  });

  test("a zone from a data source is unknown (the provider reads it), with the attribute path", () => {
    const t = planFromJson({
      data: { aws_availability_zones: { available: {} } },
      resource: {
        aws_subnet: { a: { count: 2, vpc_id: "vpc-1", availability_zone: "${data.aws_availability_zones.available.names[count.index]}" } },
        aws_db_subnet_group: { g: { name: "g", subnet_ids: "${aws_subnet.a[*].id}" } },
        aws_rds_cluster: { this: { ...cluster, db_subnet_group_name: "${aws_db_subnet_group.g.name}" } },
      },
    });
    expect(t.unknowns.map((u) => [u.address, u.attribute, u.why[0]])).toEqual([
      ["aws_subnet.a[0]", "availability_zone", "data.aws_availability_zones.available.names is read by the provider when Terraform plans"],
      ["aws_subnet.a[1]", "availability_zone", "data.aws_availability_zones.available.names is read by the provider when Terraform plans"],
    ]);
  });

  test("an instance class known only after apply is unknown; the class shows as unknown", () => {
    const t = planFromJson({
      resource: {
        aws_rds_cluster: { this: cluster },
        aws_rds_cluster_instance: {
          w: { cluster_identifier: "orders", engine: "aurora-postgresql", instance_class: "${aws_rds_cluster.this.arn}" },
        },
      },
    });
    expect(t.databases[0]?.instances[0]?.instanceClass).toBe("unknown");
    expect(t.databases[0]?.unknown).toEqual([
      { address: "aws_rds_cluster_instance.w", attribute: "instance_class", why: ["aws_rds_cluster.this.arn is known after apply"] },
    ]);
  });
});

describe("modules are Terraform's to expand", () => {
  test("a Terraform JSON file with module blocks is refused with the show -json recipe", () => {
    const e = planError(() => planFromJson({ module: { aurora: { source: "terraform-aws-modules/rds-aurora/aws" } } }, "main.tf.json"));
    expect(e.message).toBe(
      [
        "Cannot read plan main.tf.json: it calls 1 module (aurora), whose resources Terraform JSON does not list.",
        "- $.module.aurora: a module call; the resources it creates are not in this file; expected resources only, or a `terraform show -json` plan where Terraform has expanded the module",
        "Fix: in the directory of this configuration, run `terraform plan -out p && terraform show -json p > plan.json` and pass plan.json (it lists every resource of every module)",
      ].join("\n"),
    );
  });
});

describe("check reads the instances the loader expanded", () => {
  test("each instance is a resource of its own, addressed as Terraform addresses it", () => {
    const { resources } = loadPlanDocument({
      resource: {
        aws_rds_cluster: {
          this: { ...cluster, count: 2, cluster_identifier: "c-${count.index}", storage_encrypted: "${count.index == 0}" },
        },
      },
    });
    expect(resources.map((r) => [r.address, r.body.cluster_identifier, r.body.storage_encrypted])).toEqual([
      ["aws_rds_cluster.this[0]", "c-0", true],
      ["aws_rds_cluster.this[1]", "c-1", false],
    ]);
  });
});

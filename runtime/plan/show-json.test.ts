import { describe, expect, test } from "vitest";
import { loadPlanDocument, planFromJson } from ".";
import { isShowJson, readShowJson } from "./show-json";

/**
 * What `terraform show -json plan.out` prints for a small Aurora cluster (trimmed to what is read),
 * in the shape Terraform 1.11 writes (checked against a real `terraform show -json` of a plan with
 * child modules and `count`/`for_each`: addresses `module.db.aws_x.y[0]`, `index`, a module's
 * `address`, configuration `references` relative to their module).
 * @see https://developer.hashicorp.com/terraform/internals/json-format
 */
const showJson = {
  format_version: "1.2",
  terraform_version: "1.9.0",
  planned_values: {
    root_module: {
      resources: [
        {
          address: "aws_kms_key.db",
          mode: "managed",
          type: "aws_kms_key",
          name: "db",
          values: { enable_key_rotation: true, description: null },
        },
        {
          address: "aws_rds_cluster.orders",
          mode: "managed",
          type: "aws_rds_cluster",
          name: "orders",
          values: { cluster_identifier: "orders", engine: "aurora-postgresql", storage_encrypted: true, tags: null },
        },
      ],
      child_modules: [
        {
          address: "module.db",
          resources: [
            {
              address: "module.db.aws_rds_cluster_instance.this[0]",
              mode: "managed",
              type: "aws_rds_cluster_instance",
              name: "this",
              index: 0,
              values: {
                identifier: "orders-a",
                cluster_identifier: "orders",
                engine: "aurora-postgresql",
                instance_class: "db.r6g.large",
                availability_zone: "us-east-1a",
                promotion_tier: 0,
              },
            },
          ],
        },
      ],
    },
  },
  configuration: {
    provider_config: { aws: { name: "aws", expressions: { region: { constant_value: "us-east-1" } } } },
    root_module: {
      resources: [
        {
          address: "aws_rds_cluster.orders",
          expressions: {
            kms_key_id: { references: ["aws_kms_key.db.arn", "aws_kms_key.db"] },
            engine: { constant_value: "aurora-postgresql" },
          },
        },
      ],
    },
  },
};

describe("terraform show -json plans", () => {
  test("are recognised by their format_version and planned values", () => {
    expect([isShowJson(showJson), isShowJson({ resource: {} }), isShowJson({ format_version: "1.2" })]).toEqual([true, false, false]);
  });

  test("become instances at Terraform's addresses: values as planned, nulls dropped, unknown values rebuilt as references", () => {
    const { nodes } = readShowJson(showJson);
    expect([...nodes.keys()]).toEqual(["aws_kms_key.db", "aws_rds_cluster.orders", "module.db.aws_rds_cluster_instance.this[0]"]);
    expect(nodes.get("aws_rds_cluster.orders")?.body).toEqual({
      cluster_identifier: "orders",
      engine: "aurora-postgresql",
      storage_encrypted: true,
      kms_key_id: "${aws_kms_key.db.arn}",
    });
    expect(nodes.get("module.db.aws_rds_cluster_instance.this[0]")).toMatchObject({
      module: "module.db",
      index: 0,
      path: "$.planned_values.root_module.child_modules[0].resources[0].values",
      region: "us-east-1",
    });
  });

  test("load like a cdk.tf.json: the cluster, its key link and its writer", () => {
    const t = planFromJson(showJson, "plan.json");
    expect(t.region).toBe("us-east-1");
    expect(t.databases[0]).toMatchObject({
      identifier: "orders",
      kmsKey: { address: "aws_kms_key.db" },
      instances: [{ address: "module.db.aws_rds_cluster_instance.this[0]", identifier: "orders-a", role: "writer" }],
    });
  });

  test("a planned value that would read as a reference stays a literal", () => {
    const doc = structuredClone(showJson);
    (doc.planned_values.root_module.resources[1]?.values as Record<string, unknown>).tags = { Note: "${not.a.ref}" };
    const { resources } = loadPlanDocument(doc, "plan.json");
    expect(resources.find((r) => r.address === "aws_rds_cluster.orders")?.body.tags).toEqual({ Note: "$${not.a.ref}" });
  });
});

describe("terraform show -json, other shapes", () => {
  test("a state document (`values`, no configuration) loads with every value as applied", () => {
    const state = {
      format_version: "1.0",
      terraform_version: "1.11.4",
      values: {
        root_module: {
          resources: [
            {
              address: "aws_rds_cluster.c",
              mode: "managed",
              type: "aws_rds_cluster",
              name: "c",
              values: { cluster_identifier: "orders", engine: "aurora-mysql", id: "orders" },
            },
            {
              address: "aws_rds_cluster_instance.i[0]",
              mode: "managed",
              type: "aws_rds_cluster_instance",
              name: "i",
              index: 0,
              values: {
                cluster_identifier: "orders",
                engine: "aurora-mysql",
                instance_class: "db.r6g.large",
                availability_zone: "eu-west-1a",
              },
            },
          ],
        },
      },
    };
    const t = planFromJson(state, "state.json");
    expect(t.databases[0]?.instances.map((i) => [i.address, i.availabilityZone])).toEqual([
      ["aws_rds_cluster_instance.i[0]", "eu-west-1a"],
    ]);
    expect(t.format).toBe("show-json");
  });

  test("a bad value is reported at its path in the user's document, and the fix names terraform show, not cdktf", () => {
    const doc = structuredClone(showJson);
    (doc.planned_values.root_module.child_modules[0]?.resources[0]?.values as Record<string, unknown>).promotion_tier = "first";
    let message = "";
    try {
      planFromJson(doc, "plan.json");
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(
      '- $.planned_values.root_module.child_modules[0].resources[0].values.promotion_tier: found "first"; expected a number or a ${...} expression',
    );
    expect(message).toContain("Fix: write the document again with `terraform plan -out p && terraform show -json p > plan.json`");
    expect(message).not.toContain("cdktf synth");
  });

  test("a value known after apply that goes through a local is unknown, saying why; one from each/var alone is the provider's to pick", () => {
    const doc = {
      format_version: "1.2",
      planned_values: {
        root_module: {
          resources: [
            {
              address: "aws_rds_cluster.c",
              mode: "managed",
              type: "aws_rds_cluster",
              name: "c",
              values: { cluster_identifier: "orders", engine: "aurora-mysql" },
            },
            {
              address: "aws_rds_cluster_instance.i",
              mode: "managed",
              type: "aws_rds_cluster_instance",
              name: "i",
              values: { engine: "aurora-mysql", instance_class: "db.r6g.large" },
            },
          ],
        },
      },
      resource_changes: [
        { address: "aws_rds_cluster_instance.i", change: { after_unknown: { cluster_identifier: true, availability_zone: true } } },
      ],
      configuration: {
        root_module: {
          resources: [
            {
              address: "aws_rds_cluster_instance.i",
              expressions: { cluster_identifier: { references: ["local.cluster_id"] }, availability_zone: { references: ["var.zone"] } },
            },
          ],
        },
      },
    };
    const t = planFromJson(doc, "plan.json");
    expect(t.unknowns).toEqual([
      {
        address: "aws_rds_cluster_instance.i",
        attribute: "cluster_identifier",
        why: [
          "aws_rds_cluster_instance.i.cluster_identifier: it is known after apply and goes through local.cluster_id, whose expression `terraform show -json` does not include",
        ],
      },
    ]);
  });
});

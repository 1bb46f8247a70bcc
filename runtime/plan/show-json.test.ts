import { describe, expect, test } from "vitest";
import { planFromJson } from ".";
import { isShowJson, showJsonToConfig } from "./show-json";

/** What `terraform show -json plan.out` prints for a small Aurora cluster (trimmed to what is read). */
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

  test("become a configuration: values as planned, nulls dropped, unknown values rebuilt as references, module resources flattened", () => {
    expect(showJsonToConfig(showJson)).toEqual({
      provider: { aws: [{ region: "us-east-1" }] },
      resource: {
        aws_kms_key: { db: { enable_key_rotation: true } },
        aws_rds_cluster: {
          orders: {
            cluster_identifier: "orders",
            engine: "aurora-postgresql",
            storage_encrypted: true,
            kms_key_id: "${aws_kms_key.db.arn}",
          },
        },
        aws_rds_cluster_instance: {
          this_0: {
            identifier: "orders-a",
            cluster_identifier: "orders",
            engine: "aurora-postgresql",
            instance_class: "db.r6g.large",
            availability_zone: "us-east-1a",
            promotion_tier: 0,
          },
        },
      },
    });
  });

  test("load like a cdk.tf.json: the cluster, its key link and its writer", () => {
    const t = planFromJson(showJson, "plan.json");
    expect(t.region).toBe("us-east-1");
    expect(t.databases[0]).toMatchObject({
      identifier: "orders",
      kmsKey: { address: "aws_kms_key.db" },
      instances: [{ identifier: "orders-a", role: "writer" }],
    });
  });
});

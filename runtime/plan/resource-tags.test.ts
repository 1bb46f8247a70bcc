/**
 * The tags AWS holds on a resource, as the Terraform AWS provider computes `tags_all`: the
 * `default_tags` of the provider configuration the resource uses, overwritten key by key by the
 * resource's own `tags` ("tags with matching keys will overwrite those defined at the
 * provider-level", the provider's documentation of every `tags` argument).
 */
import { describe, expect, test } from "vitest";
import { parsePlan } from "./load-plan";

const cluster = (extra: Record<string, unknown> = {}) => ({
  cluster_identifier: "orders",
  engine: "aurora-postgresql",
  ...extra,
});
const plan = (provider: unknown, clusterBody: Record<string, unknown>) =>
  parsePlan(JSON.stringify({ provider: { aws: provider }, resource: { aws_rds_cluster: { orders: cluster(clusterBody) } } }));
const tagsOf = (provider: unknown, clusterBody: Record<string, unknown> = {}) => plan(provider, clusterBody).databases[0]?.tags;

describe("resource tags merged with the provider's default_tags", () => {
  test.each([
    ["a default_tags block written as a list", [{ region: "us-east-1", default_tags: [{ tags: { Team: "db", "FIS-Ready": "True" } }] }]],
    ["a default_tags block written as an object", { region: "us-east-1", default_tags: { tags: { Team: "db", "FIS-Ready": "True" } } }],
  ])("%s tags every resource of the provider", (_name, provider) => {
    expect(tagsOf(provider)).toEqual({ Team: "db", "FIS-Ready": "True" });
  });

  test("a resource's own tag wins over the provider's on the same key; other keys merge", () => {
    const provider = [{ region: "us-east-1", default_tags: [{ tags: { Team: "db", "FIS-Ready": "True" } }] }];
    expect(tagsOf(provider, { tags: { "FIS-Ready": "False", Name: "orders" } })).toEqual({
      Team: "db",
      "FIS-Ready": "False",
      Name: "orders",
    });
  });

  test("a resource on an aliased provider gets that configuration's default_tags, not the default one's", () => {
    const provider = [
      { region: "us-east-1", default_tags: [{ tags: { Where: "default" } }] },
      { alias: "dr", region: "us-west-2", default_tags: [{ tags: { Where: "dr" } }] },
    ];
    expect(tagsOf(provider, { provider: "aws.dr" })).toEqual({ Where: "dr" });
    expect(tagsOf(provider)).toEqual({ Where: "default" });
  });

  test("tags_all, as a saved plan holds it, is taken as written", () => {
    const provider = [{ region: "us-east-1", default_tags: [{ tags: { Where: "default" } }] }];
    expect(tagsOf(provider, { tags: { A: "1" }, tags_all: { A: "1", Where: "elsewhere" } })).toEqual({ A: "1", Where: "elsewhere" });
  });

  test("tags the plan cannot resolve are said to be unknown, and only the known ones are kept", () => {
    // A variable without a default is given only when Terraform runs (-var, a .tfvars file): the file does not fix it.
    const t = parsePlan(
      JSON.stringify({
        provider: { aws: [{ region: "us-east-1", default_tags: [{ tags: { Team: "db" } }] }] },
        variable: { extra: { type: "map(string)" } },
        resource: { aws_rds_cluster: { orders: cluster({ tags: '${merge(var.extra, { B = "2" })}' }) } },
      }),
    );
    expect(t.databases[0]?.tags).toEqual({ Team: "db" });
    expect(t.notes).toContainEqual(expect.stringMatching(/^aws_rds_cluster\.orders: its tags are not all known from the plan/));
  });

  test("instances and subnets carry their own tags too", () => {
    const t = parsePlan(
      JSON.stringify({
        provider: { aws: [{ region: "us-east-1", default_tags: [{ tags: { Team: "db" } }] }] },
        resource: {
          aws_subnet: { a: { vpc_id: "v", availability_zone: "us-east-1a", tags: { Tier: "data" } } },
          aws_rds_cluster: { orders: cluster() },
          aws_rds_cluster_instance: {
            w: {
              cluster_identifier: "${aws_rds_cluster.orders.id}",
              engine: "aurora-postgresql",
              instance_class: "db.r6g.large",
              tags: { Role: "w" },
            },
          },
        },
      }),
    );
    expect([t.subnets[0]?.tags, t.databases[0]?.instances[0]?.tags]).toEqual([
      { Team: "db", Tier: "data" },
      { Team: "db", Role: "w" },
    ]);
  });

  test("default_tags written through a local, and each count instance's own tags with count.index substituted", () => {
    // Terraform evaluates provider blocks and each instance's arguments (count.index per instance) before the provider merges tags.
    const t = parsePlan(
      JSON.stringify({
        provider: { aws: [{ region: "us-east-1", default_tags: [{ tags: "${local.common}" }] }] },
        locals: { common: { Team: "db", "FIS-Ready": "True" } },
        resource: {
          aws_rds_cluster: { orders: cluster() },
          aws_rds_cluster_instance: {
            member: {
              count: 2,
              cluster_identifier: "${aws_rds_cluster.orders.id}",
              engine: "aurora-postgresql",
              instance_class: "db.r6g.large",
              tags: { Name: "orders-${count.index}" },
            },
          },
        },
      }),
    );
    expect(t.databases[0]?.instances.map((i) => [i.address, i.tags])).toEqual([
      ["aws_rds_cluster_instance.member[0]", { Team: "db", "FIS-Ready": "True", Name: "orders-0" }],
      ["aws_rds_cluster_instance.member[1]", { Team: "db", "FIS-Ready": "True", Name: "orders-1" }],
    ]);
  });

  test("a terraform show -json plan whose tags_all is unknown keeps the provider's constant default_tags and the known tags", () => {
    const t = parsePlan(
      JSON.stringify({
        format_version: "1.2",
        planned_values: {
          root_module: {
            resources: [
              {
                address: "aws_rds_cluster.orders",
                mode: "managed",
                type: "aws_rds_cluster",
                name: "orders",
                values: { cluster_identifier: "orders", engine: "aurora-postgresql", tags: { Name: "orders" } },
              },
            ],
          },
        },
        resource_changes: [{ address: "aws_rds_cluster.orders", change: { after_unknown: { tags_all: true } } }],
        configuration: {
          provider_config: {
            aws: {
              name: "aws",
              expressions: { region: { constant_value: "us-east-1" }, default_tags: [{ tags: { constant_value: { Team: "db" } } }] },
            },
          },
          root_module: { resources: [{ address: "aws_rds_cluster.orders", provider_config_key: "aws", expressions: {} }] },
        },
      }),
    );
    expect(t.databases[0]?.tags).toEqual({ Team: "db", Name: "orders" });
  });
});

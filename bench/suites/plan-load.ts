/**
 * Loading plans: the same 2,000 resources (200 Aurora clusters with their instances, subnets,
 * subnet group and key) as a flat `cdk.tf.json` and as `terraform show -json` of a plan with one
 * child module per cluster, side by side in one run; and the flat plan at 2,000 and 4,000
 * resources, to show the cost stays linear (every lookup goes through an index built once).
 */
import { parsePlan } from "../../runtime/plan";
import { type BenchRow, type BenchSuite, medianMs } from "../harness";

const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
/** Per cluster: the cluster, 4 instances, 3 subnets, a subnet group and a key. */
const PER_CLUSTER = 10;

/** The flat Terraform JSON of `clusters` clusters, as `cdktf synth` writes it. */
export function flatPlan(clusters: number): string {
  const resource = {
    aws_rds_cluster: {} as Record<string, unknown>,
    aws_rds_cluster_instance: {} as Record<string, unknown>,
    aws_subnet: {} as Record<string, unknown>,
    aws_db_subnet_group: {} as Record<string, unknown>,
    aws_kms_key: {} as Record<string, unknown>,
  };
  for (let c = 0; c < clusters; c++) {
    resource.aws_kms_key[`k${c}`] = { enable_key_rotation: true };
    for (const [z, zone] of ZONES.entries())
      resource.aws_subnet[`s${c}_${z}`] = { vpc_id: "vpc-1", availability_zone: zone, cidr_block: `10.${c % 250}.${z}.0/24` };
    resource.aws_db_subnet_group[`g${c}`] = { name: `g-${c}`, subnet_ids: ZONES.map((_, z) => `\${aws_subnet.s${c}_${z}.id}`) };
    resource.aws_rds_cluster[`c${c}`] = {
      cluster_identifier: `c-${c}`,
      engine: "aurora-postgresql",
      db_subnet_group_name: `\${aws_db_subnet_group.g${c}.name}`,
      kms_key_id: `\${aws_kms_key.k${c}.arn}`,
      storage_encrypted: true,
    };
    for (let i = 0; i < 4; i++)
      resource.aws_rds_cluster_instance[`c${c}_i${i}`] = {
        identifier: `c-${c}-${i}`,
        cluster_identifier: `\${aws_rds_cluster.c${c}.id}`,
        engine: "aurora-postgresql",
        instance_class: "db.r6g.large",
        availability_zone: ZONES[i % 3],
        promotion_tier: i,
      };
  }
  return JSON.stringify({ provider: { aws: [{ region: "eu-west-1" }] }, resource });
}

/** The same resources as `terraform show -json` prints a plan: one child module per cluster, ids known after apply. */
export function showJsonPlan(clusters: number): string {
  const child_modules: unknown[] = [];
  const resource_changes: unknown[] = [];
  const module_calls: Record<string, unknown> = {};
  const moduleConfig = {
    resources: [
      {
        address: "aws_rds_cluster.this",
        mode: "managed",
        type: "aws_rds_cluster",
        name: "this",
        provider_config_key: "aws",
        expressions: {
          db_subnet_group_name: { references: ["aws_db_subnet_group.this.name", "aws_db_subnet_group.this"] },
          kms_key_id: { references: ["aws_kms_key.this.arn", "aws_kms_key.this"] },
        },
      },
      {
        address: "aws_rds_cluster_instance.this",
        mode: "managed",
        type: "aws_rds_cluster_instance",
        name: "this",
        provider_config_key: "aws",
        expressions: { cluster_identifier: { references: ["aws_rds_cluster.this.id", "aws_rds_cluster.this"] } },
        count_expression: { constant_value: 4 },
      },
      {
        address: "aws_db_subnet_group.this",
        mode: "managed",
        type: "aws_db_subnet_group",
        name: "this",
        provider_config_key: "aws",
        expressions: { subnet_ids: { references: ["aws_subnet.this"] } },
      },
      {
        address: "aws_subnet.this",
        mode: "managed",
        type: "aws_subnet",
        name: "this",
        provider_config_key: "aws",
        expressions: { vpc_id: { constant_value: "vpc-1" } },
        count_expression: { constant_value: 3 },
      },
      { address: "aws_kms_key.this", mode: "managed", type: "aws_kms_key", name: "this", provider_config_key: "aws", expressions: {} },
    ],
  };
  const unknowns: Record<string, string[]> = {
    aws_rds_cluster: ["id", "arn", "kms_key_id", "endpoint"],
    aws_rds_cluster_instance: ["id", "arn", "cluster_identifier", "endpoint"],
    aws_db_subnet_group: ["id", "arn", "subnet_ids"],
    aws_subnet: ["id", "arn"],
    aws_kms_key: ["id", "arn", "key_id"],
  };
  for (let c = 0; c < clusters; c++) {
    const m = `module.db_${c}`;
    const r = (type: string, index: number | undefined, values: Record<string, unknown>) => ({
      address: `${m}.${type}.this${index === undefined ? "" : `[${index}]`}`,
      mode: "managed",
      type,
      name: "this",
      ...(index === undefined ? {} : { index }),
      provider_name: "registry.terraform.io/hashicorp/aws",
      schema_version: 0,
      values,
      sensitive_values: {},
    });
    const resources = [
      r("aws_kms_key", undefined, { enable_key_rotation: true }),
      ...ZONES.map((zone, z) => r("aws_subnet", z, { vpc_id: "vpc-1", availability_zone: zone, cidr_block: `10.${c % 250}.${z}.0/24` })),
      r("aws_db_subnet_group", undefined, { name: `g-${c}` }),
      r("aws_rds_cluster", undefined, {
        cluster_identifier: `c-${c}`,
        engine: "aurora-postgresql",
        db_subnet_group_name: `g-${c}`,
        storage_encrypted: true,
      }),
      ...[0, 1, 2, 3].map((i) =>
        r("aws_rds_cluster_instance", i, {
          identifier: `c-${c}-${i}`,
          engine: "aurora-postgresql",
          instance_class: "db.r6g.large",
          availability_zone: ZONES[i % 3],
          promotion_tier: i,
        }),
      ),
    ];
    child_modules.push({ resources, address: m });
    for (const x of resources)
      resource_changes.push({
        ...x,
        module_address: m,
        change: {
          actions: ["create"],
          before: null,
          after: x.values,
          after_unknown: Object.fromEntries((unknowns[x.type] ?? []).map((a) => [a, true])),
        },
      });
    module_calls[`db_${c}`] = { source: "./db", module: moduleConfig };
  }
  return JSON.stringify({
    format_version: "1.2",
    terraform_version: "1.11.4",
    planned_values: { root_module: { child_modules } },
    resource_changes,
    configuration: {
      provider_config: { aws: { name: "aws", expressions: { region: { constant_value: "eu-west-1" } } } },
      root_module: { module_calls },
    },
  });
}

export const planLoadSuite: BenchSuite = {
  name: "plan-load",
  async run(): Promise<readonly BenchRow[]> {
    const clusters = 2_000 / PER_CLUSTER;
    const flat = flatPlan(clusters);
    const shown = showJsonPlan(clusters);
    const double = flatPlan(clusters * 2);
    // Same topology from both documents, or the ratio would compare different work.
    const a = parsePlan(flat, "flat");
    const b = parsePlan(shown, "show");
    if (
      a.databases.length !== clusters ||
      b.databases.length !== clusters ||
      b.databases[0]?.instances.length !== 4 ||
      b.databases[0]?.zones.length !== 3
    )
      throw new Error("the two documents do not load to the same topology");
    const flatMs = await medianMs(() => parsePlan(flat, "flat"), 5);
    const shownMs = await medianMs(() => parsePlan(shown, "show"), 5);
    const doubleMs = await medianMs(() => parsePlan(double, "flat"), 5);
    return [
      { name: "load 2,000 resources, flat cdk.tf.json", value: flatMs, unit: "ms", note: `${(flat.length / 1024).toFixed(0)} KiB` },
      {
        name: "load the same as terraform show -json (200 child modules)",
        value: shownMs,
        unit: "ms",
        note: `${(shown.length / 1024).toFixed(0)} KiB`,
      },
      { name: "show -json ÷ flat", value: shownMs / flatMs, unit: "×", goal: { atMost: 5 } },
      {
        name: "flat: 4,000 ÷ 2,000 resources",
        value: doubleMs / flatMs,
        unit: "×",
        goal: { atMost: 2.5 },
        note: "linear: every lookup through an index built once",
      },
    ];
  },
};

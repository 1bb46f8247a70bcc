import { describe, expect, test } from "vitest";
import { evaluatePolicy } from "./evaluate";
import { PlanView } from "./plan-view";
import type { PolicyRule } from "./policy-rule";
import { POLICY_RULES } from "./table";

/**
 * Fixture tests of every rule: each has plans it must pass and plans it must fail (with the exact
 * `found` text), plus values known only after apply, which must never be reported.
 */

type Resources = Record<string, Record<string, Record<string, unknown>>>;
type Plan = { resource?: Resources; data?: Resources };

interface Fixtures {
  readonly pass: Record<string, Plan>;
  /** Plan → the findings, as `address: found`. */
  readonly fail: Record<string, [Plan, ...string[]]>;
  /** Values known only after apply: neither pass nor fail. */
  readonly unknown?: Record<string, Plan>;
}

/** A plan holding one resource `<type>.x`. */
const one = (type: string, attributes: Record<string, unknown>): Plan => ({ resource: { [type]: { x: attributes } } });
const cluster = (attributes: Record<string, unknown>) => one("aws_rds_cluster", { engine: "aurora-postgresql", ...attributes });
const instance = (attributes: Record<string, unknown>) => one("aws_db_instance", { engine: "postgres", ...attributes });
const redshift = (attributes: Record<string, unknown>) => one("aws_redshift_cluster", attributes);
const cache = (attributes: Record<string, unknown>) => one("aws_elasticache_replication_group", attributes);

const auroraWith = (...zones: (string | undefined)[]): Plan => ({
  resource: {
    aws_rds_cluster: { db: { engine: "aurora-postgresql", cluster_identifier: "orders" } },
    aws_rds_cluster_instance: Object.fromEntries(
      zones.map((az, i) => [
        `i${i}`,
        {
          cluster_identifier: "${aws_rds_cluster.db.id}",
          engine: "aurora-postgresql",
          instance_class: "db.r6g.large",
          availability_zone: az,
        },
      ]),
    ),
  },
});

/** `plan` plus Aurora Auto Scaling of its cluster's readers, keeping at least `min` (as terraform-aws-modules/rds-aurora writes it). */
const withAutoscaling = (plan: Plan, min: number): Plan => ({
  resource: {
    ...(plan as { resource: Record<string, unknown> }).resource,
    aws_appautoscaling_target: {
      readers: {
        service_namespace: "rds",
        scalable_dimension: "rds:cluster:ReadReplicaCount",
        resource_id: "cluster:${aws_rds_cluster.db.cluster_identifier}",
        min_capacity: min,
        max_capacity: 5,
      },
    },
  },
});

const withSelection = (resources: unknown, db: Record<string, unknown> = { cluster_identifier: "orders" }): Plan => ({
  resource: {
    aws_rds_cluster: { db: { engine: "aurora-postgresql", ...db } },
    aws_backup_selection: { sel: { name: "databases", plan_id: "plan-1", iam_role_arn: "arn:aws:iam::1:role/b", resources } },
  },
});

const spotGroup = (asg: Record<string, unknown>): Plan =>
  one("aws_autoscaling_group", {
    max_size: 2,
    min_size: 0,
    mixed_instances_policy: { instances_distribution: { on_demand_percentage_above_base_capacity: 0 }, launch_template: {} },
    ...asg,
  });

const fisWithPolicy = (policy: unknown, extra: Resources = {}): Plan => ({
  resource: {
    aws_fis_experiment_template: { drill: { description: "az outage", role_arn: "${aws_iam_role.fis.arn}" } },
    aws_iam_role: { fis: { name: "fis-drill", assume_role_policy: "{}" } },
    aws_iam_role_policy: { p: { role: "${aws_iam_role.fis.name}", policy } },
    ...extra,
  },
});
const doc = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

const FIXTURES: Record<string, Fixtures> = {
  "RES-RDS-ENCRYPTION": {
    pass: {
      "encrypted cluster": cluster({ storage_encrypted: true }),
      "encrypted instance (string bool)": instance({ storage_encrypted: "true" }),
      "Aurora Serverless v1 (always encrypted)": cluster({ engine_mode: "serverless" }),
      "read replica (follows its source)": instance({ replicate_source_db: "orders" }),
    },
    fail: {
      "cluster without storage_encrypted": [cluster({}), "aws_rds_cluster.x: storage_encrypted is not set (default false)"],
      "instance with storage_encrypted false": [instance({ storage_encrypted: false }), "aws_db_instance.x: storage_encrypted is false"],
    },
    unknown: { "storage_encrypted from a variable": cluster({ storage_encrypted: "${var.encrypted}" }) },
  },
  "RES-RDS-DELETION-PROTECTION": {
    pass: { protected: cluster({ deletion_protection: true }), "Aurora member instance": instance({ engine: "aurora-mysql" }) },
    fail: { "protection off": [instance({ deletion_protection: false }), "aws_db_instance.x: deletion_protection is false"] },
  },
  "RES-RDS-FINAL-SNAPSHOT": {
    pass: {
      "identifier set": cluster({ skip_final_snapshot: false, final_snapshot_identifier: "orders-final" }),
      "identifier computed at apply": cluster({ final_snapshot_identifier: '${formatdate("YYYYMMDD", timestamp())}' }),
    },
    fail: {
      "snapshot skipped": [cluster({ skip_final_snapshot: true }), "aws_rds_cluster.x: skip_final_snapshot is true"],
      "no identifier": [instance({}), "aws_db_instance.x: final_snapshot_identifier is not set"],
    },
  },
  "RES-RDS-COPY-TAGS-TO-SNAPSHOT": {
    pass: { "copies tags": cluster({ copy_tags_to_snapshot: true }) },
    fail: { "default off": [instance({}), "aws_db_instance.x: copy_tags_to_snapshot is not set (default false)"] },
  },
  "RES-RDS-PUBLIC-ACCESS": {
    pass: {
      "private by default": one("aws_rds_cluster_instance", {
        cluster_identifier: "c",
        engine: "aurora-postgresql",
        instance_class: "db.r6g.large",
      }),
      "explicitly private": instance({ publicly_accessible: false }),
    },
    fail: {
      "public instance": [instance({ publicly_accessible: true }), "aws_db_instance.x: publicly_accessible is true"],
      "public cluster instance": [
        one("aws_rds_cluster_instance", {
          cluster_identifier: "c",
          engine: "aurora-postgresql",
          instance_class: "db.r6g.large",
          publicly_accessible: "true",
        }),
        'aws_rds_cluster_instance.x: publicly_accessible is "true"',
      ],
    },
  },
  "RES-RDS-BACKUP-RETENTION": {
    pass: { "7 days": cluster({ backup_retention_period: 7 }), "35 days as a string": instance({ backup_retention_period: "35" }) },
    fail: {
      "AWS default": [cluster({}), "aws_rds_cluster.x: backup_retention_period is not set (default 1; needs ≥ 7)"],
      "1 day": [instance({ backup_retention_period: 1 }), "aws_db_instance.x: backup_retention_period is 1 (needs ≥ 7)"],
    },
    unknown: { "from a variable": cluster({ backup_retention_period: "${var.days}" }) },
  },
  "RES-RDS-BACKUP-PLAN": {
    pass: {
      "selected by reference to its ARN": withSelection(["${aws_rds_cluster.db.arn}"]),
      "selected by literal ARN": withSelection(["arn:aws:rds:us-east-1:111122223333:cluster:orders"]),
      "selected by wildcard ARN": withSelection(["arn:aws:rds:*:*:cluster:ord*"]),
    },
    fail: {
      "no selection": [cluster({}), "aws_rds_cluster.x: no aws_backup_selection lists aws_rds_cluster.x by ARN"],
      "selection of another database": [
        withSelection(["arn:aws:rds:us-east-1:1:cluster:billing"]),
        "aws_rds_cluster.db: no aws_backup_selection lists aws_rds_cluster.db by ARN",
      ],
      "selection of another database of the plan, by reference": [
        {
          resource: {
            aws_rds_cluster: { db: { engine: "aurora-postgresql", cluster_identifier: "orders" }, other: { engine: "aurora-postgresql" } },
            aws_backup_selection: {
              sel: {
                name: "databases",
                plan_id: "plan-1",
                iam_role_arn: "arn:aws:iam::1:role/b",
                resources: ["${aws_rds_cluster.other.arn}"],
              },
            },
          },
        },
        "aws_rds_cluster.db: no aws_backup_selection lists aws_rds_cluster.db by ARN",
      ],
      "selection of an instance ARN": [
        withSelection(["arn:aws:rds:us-east-1:1:db:orders"]),
        "aws_rds_cluster.db: no aws_backup_selection lists aws_rds_cluster.db by ARN",
      ],
    },
    unknown: { "selection list computed at apply": withSelection("${var.arns}") },
  },
  "RES-RDS-MULTI-AZ": {
    pass: {
      "Aurora writer and standby in two zones": auroraWith("us-east-1a", "us-east-1b"),
      "Aurora instances placed by AWS": auroraWith(undefined, undefined),
      "Multi-AZ DB cluster": cluster({ engine: "postgres", db_cluster_instance_class: "db.m6gd.large" }),
      "Multi-AZ instance": instance({ multi_az: true }),
      // Aurora Auto Scaling keeps min_capacity replicas: AWS adds them (Aurora User Guide, "Aurora Auto Scaling").
      "Aurora with one instance and Aurora Auto Scaling keeping a replica": withAutoscaling(auroraWith("us-east-1a"), 1),
    },
    fail: {
      "single-AZ instance": [instance({}), "aws_db_instance.x: multi_az is not set (default false)"],
      "Aurora with one instance": [
        auroraWith("us-east-1a"),
        "aws_rds_cluster.db: the cluster has one instance (aws_rds_cluster_instance.i0): nothing to fail over to",
      ],
      "Aurora instances all in one zone": [auroraWith("us-east-1a", "us-east-1a"), "aws_rds_cluster.db: all 2 instances are in us-east-1a"],
      "Aurora with one instance and Aurora Auto Scaling allowed to keep none": [
        withAutoscaling(auroraWith("us-east-1a"), 0),
        "aws_rds_cluster.db: the cluster has one instance (aws_rds_cluster_instance.i0): nothing to fail over to",
      ],
    },
    unknown: { "Aurora instances defined outside the plan": cluster({}) },
  },
  "RES-RDS-IAM-AUTH": {
    pass: {
      "IAM auth on": cluster({ iam_database_authentication_enabled: true }),
      "engine without IAM auth": instance({ engine: "sqlserver-se" }),
    },
    fail: {
      "IAM auth off": [instance({ engine: "mysql" }), "aws_db_instance.x: iam_database_authentication_enabled is not set (default false)"],
    },
  },
  "RES-REDSHIFT-ENCRYPTION": {
    pass: { "provider v6 default": redshift({}), "explicitly encrypted": redshift({ encrypted: "true" }) },
    fail: { "encryption off": [redshift({ encrypted: "false" }), 'aws_redshift_cluster.x: encrypted is "false"'] },
  },
  "RES-REDSHIFT-PUBLIC-ACCESS": {
    pass: { "provider v6 default": redshift({}) },
    fail: { public: [redshift({ publicly_accessible: true }), "aws_redshift_cluster.x: publicly_accessible is true"] },
  },
  "RES-REDSHIFT-FINAL-SNAPSHOT": {
    pass: { "identifier set": redshift({ final_snapshot_identifier: "dw-final" }) },
    fail: {
      skipped: [
        redshift({ skip_final_snapshot: true, final_snapshot_identifier: "x" }),
        "aws_redshift_cluster.x: skip_final_snapshot is true",
      ],
    },
  },
  "RES-REDSHIFT-BACKUP-RETENTION": {
    pass: { "7 days": redshift({ automated_snapshot_retention_period: 7 }) },
    fail: {
      "AWS default": [redshift({}), "aws_redshift_cluster.x: automated_snapshot_retention_period is not set (default 1; needs ≥ 7)"],
    },
  },
  "RES-REDSHIFT-MULTI-AZ": {
    pass: { "Multi-AZ RA3": redshift({ multi_az: true, node_type: "ra3.xlplus", number_of_nodes: 2 }) },
    fail: { "single AZ": [redshift({ node_type: "ra3.xlplus" }), "aws_redshift_cluster.x: multi_az is not set (default false)"] },
  },
  "RES-ELASTICACHE-ENCRYPTION-AT-REST": {
    pass: { "explicitly on": cache({ at_rest_encryption_enabled: "true" }), "valkey default": cache({ engine: "valkey" }) },
    fail: { "redis default": [cache({}), "aws_elasticache_replication_group.x: at_rest_encryption_enabled is not set (default false)"] },
    unknown: { "engine from a variable": cache({ engine: "${var.engine}" }) },
  },
  "RES-ELASTICACHE-ENCRYPTION-IN-TRANSIT": {
    pass: { "TLS on": cache({ transit_encryption_enabled: true }) },
    fail: {
      "TLS off": [cache({ transit_encryption_enabled: false }), "aws_elasticache_replication_group.x: transit_encryption_enabled is false"],
    },
  },
  "RES-ELASTICACHE-SNAPSHOT-RETENTION": {
    pass: {
      "15 days": cache({ snapshot_retention_limit: 15 }),
      "member of a replication group": one("aws_elasticache_cluster", { engine: "redis", replication_group_id: "g" }),
      memcached: one("aws_elasticache_cluster", { engine: "memcached" }),
    },
    fail: {
      "no snapshots": [cache({}), "aws_elasticache_replication_group.x: snapshot_retention_limit is not set (default 0; needs ≥ 15)"],
      "standalone redis, 7 days": [
        one("aws_elasticache_cluster", { engine: "redis", snapshot_retention_limit: 7 }),
        "aws_elasticache_cluster.x: snapshot_retention_limit is 7 (needs ≥ 15)",
      ],
    },
  },
  "RES-ELASTICACHE-MULTI-AZ": {
    pass: { "Multi-AZ with failover": cache({ multi_az_enabled: true, automatic_failover_enabled: true, num_cache_clusters: 2 }) },
    fail: {
      "Multi-AZ off": [
        cache({ automatic_failover_enabled: true }),
        "aws_elasticache_replication_group.x: multi_az_enabled is not set (default false)",
      ],
      "no automatic failover": [
        cache({ multi_az_enabled: true }),
        "aws_elasticache_replication_group.x: automatic_failover_enabled is not set (default false)",
      ],
    },
  },
  "RES-ELASTICACHE-FINAL-SNAPSHOT": {
    pass: { "identifier set": cache({ final_snapshot_identifier: "cache-final" }) },
    fail: { "no identifier": [cache({}), "aws_elasticache_replication_group.x: final_snapshot_identifier is not set"] },
  },
  "RES-BACKUP-VAULT-KMS": {
    pass: { "customer key": one("aws_backup_vault", { name: "v", kms_key_arn: "${aws_kms_key.k.arn}" }) },
    fail: { "AWS managed key": [one("aws_backup_vault", { name: "v" }), "aws_backup_vault.x: kms_key_arn is not set"] },
  },
  "RES-ASG-CAPACITY-REBALANCE": {
    pass: {
      "spot group rebalances": spotGroup({ capacity_rebalance: true }),
      "on-demand group": one("aws_autoscaling_group", { max_size: 2, min_size: 0 }),
    },
    fail: {
      "spot mix without rebalance": [spotGroup({}), "aws_autoscaling_group.x: capacity_rebalance is not set (default false)"],
      "spot launch template without rebalance": [
        {
          resource: {
            aws_launch_template: { lt: { instance_market_options: { market_type: "spot" } } },
            aws_autoscaling_group: {
              x: { max_size: 1, min_size: 0, launch_template: { id: "${aws_launch_template.lt.id}" }, capacity_rebalance: false },
            },
          },
        },
        "aws_autoscaling_group.x: capacity_rebalance is false",
      ],
    },
  },
  "RES-ASG-HEALTH-CHECK": {
    pass: {
      "ELB health checks": one("aws_autoscaling_group", { target_group_arns: ["${aws_lb_target_group.t.arn}"], health_check_type: "ELB" }),
      "no load balancer": one("aws_autoscaling_group", { max_size: 1 }),
    },
    fail: {
      "target group with EC2 checks": [
        one("aws_autoscaling_group", { target_group_arns: ["arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/t/1"] }),
        "aws_autoscaling_group.x: the group receives load-balancer traffic but health_check_type is not set (default EC2)",
      ],
      "attached by a separate resource": [
        {
          resource: {
            aws_autoscaling_group: { x: { name: "web", health_check_type: "EC2" } },
            aws_autoscaling_attachment: { a: { autoscaling_group_name: "${aws_autoscaling_group.x.id}", lb_target_group_arn: "arn:t" } },
          },
        },
        'aws_autoscaling_group.x: the group receives load-balancer traffic but health_check_type is "EC2"',
      ],
    },
  },
  "RES-EC2-EBS-ENCRYPTION": {
    pass: {
      "encrypted root volume": one("aws_launch_template", {
        block_device_mappings: [{ device_name: "/dev/xvda", ebs: { encrypted: "true" } }],
      }),
      "account encrypts by default": {
        resource: { aws_ebs_encryption_by_default: { on: { enabled: true } }, aws_launch_template: { x: { image_id: "ami-1" } } },
      },
    },
    fail: {
      "unencrypted volume": [
        one("aws_launch_template", { block_device_mappings: [{ device_name: "/dev/xvda", ebs: { encrypted: "false" } }] }),
        '/dev/xvda: ebs.encrypted is "false"',
      ],
      "volumes from the AMI": [
        one("aws_launch_template", { image_id: "ami-1" }),
        "aws_launch_template.x: no block_device_mappings: the volumes come from the AMI and may be unencrypted, and the plan does not set aws_ebs_encryption_by_default",
      ],
    },
  },
  "RES-FIS-ROLE-SCOPE": {
    pass: {
      "actions scoped to the cluster": fisWithPolicy(
        doc({ Effect: "Allow", Action: "rds:FailoverDBCluster", Resource: "arn:aws:rds:us-east-1:1:cluster:orders" }),
      ),
      "read-only actions on *": fisWithPolicy(
        doc({ Effect: "Allow", Action: ["ec2:DescribeInstances", "rds:DescribeDBClusters"], Resource: "*" }),
      ),
      "state change on * with a tag condition": fisWithPolicy(
        doc({
          Effect: "Allow",
          Action: "ec2:StopInstances",
          Resource: "*",
          Condition: { StringEquals: { "aws:ResourceTag/drill": "yes" } },
        }),
      ),
      "AWS FIS managed policy": {
        resource: {
          aws_fis_experiment_template: { drill: { role_arn: "${aws_iam_role.fis.arn}" } },
          aws_iam_role: {
            fis: { name: "fis", managed_policy_arns: ["arn:aws:iam::aws:policy/service-role/AWSFaultInjectionSimulatorRDSAccess"] },
          },
        },
      },
    },
    fail: {
      "Action *": [
        fisWithPolicy(doc({ Effect: "Allow", Action: "*", Resource: "*" })),
        'aws_fis_experiment_template.drill: aws_iam_role_policy.p allows "*"',
      ],
      "service wildcard in a policy document": [
        {
          ...fisWithPolicy("${data.aws_iam_policy_document.d.json}"),
          data: { aws_iam_policy_document: { d: { statement: [{ actions: ["rds:*"], resources: ["arn:aws:rds:*:*:cluster:orders"] }] } } },
        },
        'aws_fis_experiment_template.drill: aws_iam_role_policy.p allows "rds:*"',
      ],
      "state change on every resource": [
        fisWithPolicy(doc({ Effect: "Allow", Action: ["ec2:DescribeInstances", "ec2:TerminateInstances"], Resource: "*" })),
        'aws_fis_experiment_template.drill: aws_iam_role_policy.p allows "ec2:TerminateInstances" on every resource ("*") without a condition',
      ],
      "AdministratorAccess attached": [
        fisWithPolicy(doc({ Effect: "Allow", Action: "rds:FailoverDBCluster", Resource: "arn:aws:rds:us-east-1:1:cluster:orders" }), {
          aws_iam_role_policy_attachment: {
            admin: { role: "${aws_iam_role.fis.name}", policy_arn: "arn:aws:iam::aws:policy/AdministratorAccess" },
          },
        }),
        "aws_fis_experiment_template.drill: the attached AWS managed policy AdministratorAccess grants whole services",
      ],
    },
    unknown: {
      "policy written with jsonencode": fisWithPolicy('${jsonencode({"Statement" = []})}'),
      "role outside the plan": one("aws_fis_experiment_template", { role_arn: "arn:aws:iam::1:role/fis" }),
    },
  },
};

function findings(plan: Plan, rule: PolicyRule): string[] {
  return evaluatePolicy(PlanView.fromTerraformJson(plan), { rules: [rule] }).findings.map((f) => `${f.address}: ${f.found}`);
}

describe.each(POLICY_RULES.map((rule) => [rule.id, rule] as const))("%s", (id, rule) => {
  const fixtures = FIXTURES[id] as Fixtures;

  test.each(Object.entries(fixtures.pass))("passes: %s", (_name, plan) => {
    expect(findings(plan, rule)).toEqual([]);
  });

  test.each(Object.entries(fixtures.fail))("fails: %s", (_name, [plan, ...expected]) => {
    expect(findings(plan, rule)).toEqual(
      expected.map((e) => (e.includes(": ") && /^[a-z0-9_]+\./.test(e) ? e : expect.stringContaining(e))),
    );
  });

  test.each(Object.entries(fixtures.unknown ?? {}))("a value known only after apply is not reported: %s", (_name, plan) => {
    expect(findings(plan, rule)).toEqual([]);
  });
});

describe("the pack", () => {
  test("every rule has fixtures that pass and fixtures that fail", () => {
    const missing = POLICY_RULES.filter((r) => {
      const f = FIXTURES[r.id];
      return !f || Object.keys(f.pass).length === 0 || Object.keys(f.fail).length === 0;
    }).map((r) => r.id);
    expect(missing).toEqual([]);
    expect(Object.keys(FIXTURES).sort()).toEqual(POLICY_RULES.map((r) => r.id).sort());
  });

  test("rule ids are unique and follow RES-<SERVICE>-<NAME>", () => {
    const ids = POLICY_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^RES-[A-Z0-9]+(-[A-Z0-9]+)+$/);
  });

  test("mapped ids have each tool's shape", () => {
    for (const { mapped } of POLICY_RULES) {
      for (const id of mapped.checkov) expect(id).toMatch(/^CKV2?_AWS_\d+$/);
      for (const id of mapped.cdkNag) expect(id).toMatch(/^(AwsSolutions|NIST\.800\.53\.R5|HIPAA\.Security)-[A-Za-z0-9]+$/);
      for (const id of mapped.trivy) expect(id).toMatch(/^AVD-AWS-\d{4}$/);
    }
  });

  test("a plan that is not Terraform JSON yields no findings instead of crashing", () => {
    for (const odd of [
      null,
      42,
      "text",
      { resource: "x" },
      { resource: { aws_rds_cluster: [] } },
      { resource: { aws_rds_cluster: { x: null } } },
    ])
      expect(evaluatePolicy(PlanView.fromTerraformJson(odd)).findings).toEqual([]);
  });
});

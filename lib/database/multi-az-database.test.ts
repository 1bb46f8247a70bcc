import { describe, expect, test } from "vitest";
import { Acknowledge, isResilienceError, MultiAzDatabase, type MultiAzDatabaseProps } from "..";
import { AwsProvider, TerraformStack, Testing } from "../private/cdktf";
import { resourcesOfType, synth, synthJson, warningsOf } from "../testing";

const subnets = [
  { subnetId: "subnet-a", availabilityZone: "us-east-1a" },
  { subnetId: "subnet-b", availabilityZone: "us-east-1b" },
  { subnetId: "subnet-c", availabilityZone: "us-east-1c" },
];

const minimal: MultiAzDatabaseProps = {
  engine: "aurora-postgresql",
  subnets,
  writer: { availabilityZone: "us-east-1a", instanceClass: "db.r6g.large" },
  standbys: [{ id: "standby-b", availabilityZone: "us-east-1b", role: "failover" }],
};

function newStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  return stack;
}

function stackWith(props: MultiAzDatabaseProps): { stack: TerraformStack; db: MultiAzDatabase } {
  const stack = newStack();
  const db = new MultiAzDatabase(stack, "Orders", props);
  return { stack, db };
}

function instances(stack: TerraformStack) {
  return Object.values(resourcesOfType(synthJson(stack), "aws_rds_cluster_instance"));
}

function validationError(props: MultiAzDatabaseProps): string {
  const { stack } = stackWith(props);
  try {
    synth(stack);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected synth to fail validation");
}

describe("MultiAzDatabase (Aurora)", () => {
  test("minimal configuration synthesizes a writer and a same-size failover standby", () => {
    const { stack } = stackWith(minimal);
    expect(synth(stack)).toMatchSnapshot();
  });

  test("promotion tiers are always explicit: writer 0, failover 1, read 2", () => {
    const { stack } = stackWith({
      ...minimal,
      standbys: [
        { id: "standby-b", availabilityZone: "us-east-1b", role: "failover" },
        { id: "report-c", availabilityZone: "us-east-1c", role: "read" },
      ],
    });
    const tiers = Object.fromEntries(instances(stack).map((i) => [i.identifier, i.promotion_tier]));
    expect(tiers).toEqual({ "test-orders-writer": 0, "test-orders-standby-b": 1, "test-orders-report-c": 2 });
  });

  test("standbys default to the writer's instance class", () => {
    const { stack } = stackWith(minimal);
    expect(instances(stack).map((i) => i.instance_class)).toEqual(["db.r6g.large", "db.r6g.large"]);
  });

  test("every standby waits for the writer, so AWS makes the intended instance the writer", () => {
    const { stack } = stackWith(minimal);
    const json = resourcesOfType(synthJson(stack), "aws_rds_cluster_instance");
    const writerAddress = Object.keys(json).find((k) => k.includes("Writer"));
    const standby = Object.entries(json).find(([k]) => !k.includes("Writer"))?.[1];
    expect(standby?.depends_on).toEqual([`\${aws_rds_cluster_instance.${writerAddress}}`]);
  });

  test("roles are tagged for the runtime: writer coordinator, failover standby supporting", () => {
    const { stack } = stackWith(minimal);
    const roles = instances(stack).map((i) => (i.tags as Record<string, string>)["resilience:role"]);
    expect(roles).toEqual(["coordinator", "supporting"]);
  });

  test("secure defaults: encrypted with a created rotating key, deletion protection, final snapshot kept", () => {
    const { stack } = stackWith(minimal);
    const json = synthJson(stack);
    const cluster = Object.values(resourcesOfType(json, "aws_rds_cluster"))[0] ?? {};
    const key = Object.values(resourcesOfType(json, "aws_kms_key"))[0] ?? {};
    expect(cluster).toMatchObject({
      storage_encrypted: true,
      deletion_protection: true,
      skip_final_snapshot: false,
      copy_tags_to_snapshot: true,
      manage_master_user_password: true,
      iam_database_authentication_enabled: true,
      backup_retention_period: 7,
      lifecycle: { ignore_changes: ["final_snapshot_identifier"] },
    });
    expect(cluster.kms_key_id).toMatch(/^\$\{aws_kms_key\.Orders_Key_[0-9A-F]{8}\.arn\}$/);
    expect(cluster.final_snapshot_identifier).toContain("timestamp()");
    expect(key.enable_key_rotation).toBe(true);
    for (const i of instances(stack)) expect(i.publicly_accessible).toBe(false);
  });

  test("a given KMS key is used and no key is created", () => {
    const arn = "arn:aws:kms:us-east-1:111122223333:key/abcd";
    const { stack } = stackWith({ ...minimal, kmsKeyArn: arn });
    const json = synthJson(stack);
    expect(resourcesOfType(json, "aws_kms_key")).toEqual({});
    expect(Object.values(resourcesOfType(json, "aws_rds_cluster"))[0]?.kms_key_id).toBe(arn);
  });

  test("Terraform addresses are pinned: renaming internals must not move resources", () => {
    const { stack } = stackWith(minimal);
    const json = synthJson(stack);
    const addresses = Object.entries(json.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`));
    expect(addresses.sort()).toEqual([
      "aws_db_subnet_group.Orders_SubnetGroup_60D14C2A",
      "aws_kms_key.Orders_Key_594A494E",
      "aws_rds_cluster.Orders_A9B65338",
      "aws_rds_cluster_instance.Orders_Writer_1C6DC185",
      "aws_rds_cluster_instance.Orders_standby-b_F66280EC",
    ]);
  });

  test("isMultiAzDatabase recognises instances by brand, not class identity", () => {
    const { db } = stackWith(minimal);
    expect(MultiAzDatabase.isMultiAzDatabase(db)).toBe(true);
    expect(MultiAzDatabase.isMultiAzDatabase({})).toBe(false);
  });
});

describe("MultiAzDatabase props are checked at once (impossible input throws in the constructor)", () => {
  test("every invalid prop is listed in one error with field, value and fix", () => {
    let error: unknown;
    try {
      stackWith({
        ...minimal,
        backupRetentionDays: 50,
        clusterIdentifier: "Orders_DB",
        standbys: [{ id: "1bad", availabilityZone: "us-east-1b", role: "failover" }],
      });
    } catch (e) {
      error = e;
    }
    expect(isResilienceError(error)).toBe(true);
    expect((error as Error).message).toBe(
      [
        "MultiAzDatabase 'test/Orders' failed validation (3 problems):",
        `- [test/Orders] standbys[0].id: must start with a letter and hold only letters, digits and '-' (got "1bad"). Fix: use an id such as 'standby-b'; it becomes part of the Terraform address`,
        `- [test/Orders] clusterIdentifier: must be lowercase letters, digits and single hyphens, starting with a letter (got "Orders_DB"). Fix: use an identifier such as 'orders-db'`,
        "- [test/Orders] backupRetentionDays: must be a whole number from 1 to 35 (got 50). Fix: use a whole number from 1 to 35",
      ].join("\n"),
    );
  });

  test("an unknown prop is rejected with its name", () => {
    expect(() => stackWith({ ...minimal, writerClass: "db.r6g.large" } as MultiAzDatabaseProps)).toThrow(
      '(props): unrecognized key: "writerClass" (got {',
    );
  });

  test("nothing is left in the tree when props are invalid", () => {
    const stack = newStack();
    expect(() => new MultiAzDatabase(stack, "Orders", { ...minimal, standbys: [] })).toThrow(/standbys: too small/);
    expect(JSON.parse(Testing.synth(stack)).resource).toBeUndefined();
  });
});

describe("MultiAzDatabase topology rules (all problems reported together at synth)", () => {
  test.each<[string, Partial<MultiAzDatabaseProps>, string]>([
    [
      "failover standby in the writer's zone",
      { standbys: [{ id: "standby-a", availabilityZone: "us-east-1a", role: "failover" }] },
      "- [test/Orders] standbys: no failover standby of the top promotion tier is in another Availability Zone than the writer (us-east-1a) with at least the writer's size (db.r6g.large); found: standby 'standby-a' (db.r6g.large in us-east-1a, tier 1). Fix: add a standby with role: 'failover' in a zone other than us-east-1a, with instanceClass omitted (same as the writer) or at least as large",
    ],
    [
      "failover standby smaller than the writer",
      { standbys: [{ id: "standby-b", availabilityZone: "us-east-1b", role: "failover", instanceClass: "db.t4g.medium" }] },
      "found: standby 'standby-b' (db.t4g.medium in us-east-1b, tier 1)",
    ],
    [
      "only read replicas",
      { standbys: [{ id: "report-b", availabilityZone: "us-east-1b", role: "read" }] },
      "found: no failover standby. Fix:",
    ],
    [
      "standby zone without a subnet",
      { standbys: [{ id: "standby-d", availabilityZone: "us-east-1d", role: "failover" }] },
      "- [test/Orders] standbys[0].availabilityZone: 'us-east-1d' has no subnet in the database's subnet group (zones with subnets: us-east-1a, us-east-1b, us-east-1c). Fix: add a subnet in us-east-1d to subnets, or place the instance in one of us-east-1a, us-east-1b, us-east-1c",
    ],
    [
      "writer zone without a subnet",
      { writer: { availabilityZone: "us-east-1f", instanceClass: "db.r6g.large" } },
      "- [test/Orders] writer.availabilityZone: 'us-east-1f' has no subnet",
    ],
    [
      "subnets in one zone",
      {
        subnets: [
          { subnetId: "s1", availabilityZone: "us-east-1a" },
          { subnetId: "s2", availabilityZone: "us-east-1a" },
        ],
      },
      "- [test/Orders] subnets: subnets cover 1 Availability Zone (us-east-1a); a DB subnet group needs at least 2. Fix: add subnets in at least two Availability Zones",
    ],
    [
      "duplicate standby ids",
      {
        standbys: [
          { id: "standby-b", availabilityZone: "us-east-1b", role: "failover" },
          { id: "Standby-B", availabilityZone: "us-east-1c", role: "failover" },
        ],
      },
      "- [test/Orders] standbys[1].id: 'Standby-B' is already used by standbys[0] (ids are compared case-insensitively, as instance identifiers are). Fix: give each standby its own id",
    ],
    [
      "failover standby with a reader's tier",
      { standbys: [{ id: "standby-b", availabilityZone: "us-east-1b", role: "failover", promotionTier: 3 }] },
      "- [test/Orders] standbys[0].promotionTier: a failover standby has promotion tier 3, so readers could outrank it. Fix: use promotion tier 1 for failover standbys, or set role: 'read'",
    ],
    [
      "reader with a failover tier",
      {
        standbys: [
          { id: "standby-b", availabilityZone: "us-east-1b", role: "failover" },
          { id: "report-c", availabilityZone: "us-east-1c", role: "read", promotionTier: 1 },
        ],
      },
      "- [test/Orders] standbys[1].promotionTier: a read replica has promotion tier 1, so it would be promoted before or with the failover standbys. Fix: use a promotion tier from 2 to 15 for readers, or set role: 'failover'",
    ],
    [
      "instance identifier too long",
      {
        clusterIdentifier: "a".repeat(48),
        standbys: [{ id: "standby-in-zone-b-x", availabilityZone: "us-east-1b", role: "failover" }],
      },
      `- [test/Orders] standbys[0].id: the instance identifier '${"a".repeat(48)}-standby-in-zone-b-x' has 68 characters; RDS allows 63. Fix: shorten the id to at most 14 characters, or set a shorter clusterIdentifier`,
    ],
  ])("%s", (_name, change, expected) => {
    expect(validationError({ ...minimal, ...change })).toContain(expected);
  });

  test("several broken rules are reported in one message", () => {
    const message = validationError({
      ...minimal,
      writer: { availabilityZone: "us-east-1f", instanceClass: "db.r6g.large" },
      standbys: [{ id: "standby-d", availabilityZone: "us-east-1d", role: "failover", promotionTier: 4 }],
    });
    expect(message).toContain("MultiAzDatabase 'test/Orders' failed validation (3 problems):");
    expect(message.match(/^- \[test\/Orders\]/gm)).toHaveLength(3);
  });

  test("unresolved tokens are not rejected", () => {
    const stack = newStack();
    const tokenZone = "${TfToken[TOKEN.1]}";
    new MultiAzDatabase(stack, "Orders", {
      ...minimal,
      subnets: [...subnets, { subnetId: "subnet-x", availabilityZone: tokenZone }],
      standbys: [{ id: "standby-x", availabilityZone: "us-east-1b", role: "failover" }],
    });
    expect(() => synth(stack)).not.toThrow();
  });
});

describe("MultiAzDatabase warnings", () => {
  const withSmallReader: MultiAzDatabaseProps = {
    ...minimal,
    writer: { availabilityZone: "us-east-1a", instanceClass: "db.r6g.2xlarge" },
    standbys: [
      { id: "standby-b", availabilityZone: "us-east-1b", role: "failover" },
      { id: "report-c", availabilityZone: "us-east-1c", role: "read", instanceClass: "db.t4g.medium" },
    ],
  };

  test("a reader smaller than the writer warns with the capacity it would lose", () => {
    const { stack, db } = stackWith(withSmallReader);
    synth(stack);
    expect(warningsOf(db)).toEqual([
      "[test/Orders] standbys[1].instanceClass: standby 'report-c' (db.t4g.medium in us-east-1c, tier 2) can still be promoted if every higher-tier standby is lost; a failover to db.t4g.medium would cut memory 16× (64 → 4 GiB). Fix: use the writer's instance class, or acknowledge the risk for reporting replicas (acknowledge with Acknowledge.of(scope).add('resilience:reader-smaller-than-writer', reason))",
    ]);
  });

  test("an acknowledged warning is silenced", () => {
    const { stack, db } = stackWith(withSmallReader);
    Acknowledge.of(db).add("resilience:reader-smaller-than-writer", "reporting replica; losing capacity there is fine");
    synth(stack);
    expect(warningsOf(db)).toEqual([]);
  });

  test("acknowledging an unknown id or without a reason is an error", () => {
    const { db } = stackWith(minimal);
    expect(() => Acknowledge.of(db).add("resilience:no-such-warning", "because")).toThrow(
      "'resilience:no-such-warning' is not a warning id of cdktf-resilience. Fix: use one of resilience:reader-smaller-than-writer.",
    );
    expect(() => Acknowledge.of(db).add("resilience:reader-smaller-than-writer", " ")).toThrow("acknowledged without a reason");
  });
});

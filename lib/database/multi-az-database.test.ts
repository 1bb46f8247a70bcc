import { describe, expect, test } from "vitest";
import { addresses, MINIMAL, newStack, only, stackWith } from "../../test/helpers/databases";
import { Acknowledge, type AuroraDatabaseProps, isResilienceError, MultiAzDatabase } from "..";
import { Testing } from "../private/cdktf";
import { resourcesOfType, synth, synthJson, warningsOf } from "../testing";

const minimal = MINIMAL.aurora;

function instances(props: AuroraDatabaseProps) {
  return Object.values(resourcesOfType(synthJson(stackWith(props).stack), "aws_rds_cluster_instance"));
}

describe("MultiAzDatabase (Aurora)", () => {
  test("minimal configuration synthesizes a writer and a same-size failover standby", () => {
    expect(synth(stackWith(minimal).stack)).toMatchSnapshot();
  });

  test("promotion tiers are always explicit: writer 0, failover 1, read 2", () => {
    const tiers = instances({
      ...minimal,
      standbys: [...minimal.standbys, { id: "report-c", availabilityZone: "us-east-1c", role: "read" }],
    }).map((i) => [i.identifier, i.promotion_tier]);
    expect(Object.fromEntries(tiers)).toEqual({ "test-orders-writer": 0, "test-orders-standby-b": 1, "test-orders-report-c": 2 });
  });

  test("standbys default to the writer's instance class", () => {
    expect(instances(minimal).map((i) => i.instance_class)).toEqual(["db.r6g.large", "db.r6g.large"]);
  });

  test("every standby waits for the writer, so AWS makes the intended instance the writer", () => {
    const json = resourcesOfType(synthJson(stackWith(minimal).stack), "aws_rds_cluster_instance");
    const writerAddress = Object.keys(json).find((k) => k.includes("Writer"));
    const standby = Object.entries(json).find(([k]) => !k.includes("Writer"))?.[1];
    expect(standby?.depends_on).toEqual([`\${aws_rds_cluster_instance.${writerAddress}}`]);
  });

  test("roles are tagged for the runtime: writer coordinator, failover standby supporting", () => {
    expect(instances(minimal).map((i) => (i.tags as Record<string, string>)["resilience:role"])).toEqual(["coordinator", "supporting"]);
  });

  test("secure defaults: encrypted with a created rotating key (the managed secret too), deletion protection, final snapshot kept", () => {
    const json = synthJson(stackWith(minimal).stack);
    const cluster = only(json, "aws_rds_cluster");
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
    expect(cluster.master_user_secret_kms_key_id).toBe(cluster.kms_key_id);
    expect(cluster.final_snapshot_identifier).toContain("timestamp()");
    expect(only(json, "aws_kms_key").enable_key_rotation).toBe(true);
    for (const i of instances(minimal)) expect(i.publicly_accessible).toBe(false);
  });

  test("a given KMS key is used and no key is created", () => {
    const arn = "arn:aws:kms:us-east-1:111122223333:key/abcd";
    const json = synthJson(stackWith({ ...minimal, kmsKeyArn: arn }).stack);
    expect(resourcesOfType(json, "aws_kms_key")).toEqual({});
    expect(only(json, "aws_rds_cluster").kms_key_id).toBe(arn);
  });

  test("settings shared across zones are set once: cluster parameter group on the cluster, the instance parameter group on every instance", () => {
    const props = { ...minimal, parameterGroupName: "orders-cluster", instanceParameterGroupName: "orders-instances" };
    expect(only(synthJson(stackWith(props).stack), "aws_rds_cluster").db_cluster_parameter_group_name).toBe("orders-cluster");
    expect(instances(props).map((i) => i.db_parameter_group_name)).toEqual(["orders-instances", "orders-instances"]);
  });

  test("windows and cluster zones are passed through, maintenance days in AWS's lowercase", () => {
    const cluster = only(
      synthJson(
        stackWith({
          ...minimal,
          preferredBackupWindow: "03:00-03:30",
          preferredMaintenanceWindow: "Sun:05:00-Sun:06:00",
          availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
        }).stack,
      ),
      "aws_rds_cluster",
    );
    expect(cluster).toMatchObject({
      preferred_backup_window: "03:00-03:30",
      preferred_maintenance_window: "sun:05:00-sun:06:00",
      availability_zones: ["us-east-1a", "us-east-1b", "us-east-1c"],
    });
  });

  test("Serverless v2: the capacity range goes on the cluster, and a tier-1 db.serverless standby scales with the writer", () => {
    const props: AuroraDatabaseProps = {
      ...minimal,
      writer: { availabilityZone: "us-east-1a", instanceClass: "db.serverless" },
      serverlessV2Scaling: { minCapacity: 0.5, maxCapacity: 32 },
    };
    const { stack, db } = stackWith(props);
    expect(only(synthJson(stack), "aws_rds_cluster").serverlessv2_scaling_configuration).toEqual({ min_capacity: 0.5, max_capacity: 32 });
    expect(instances(props).map((i) => [i.instance_class, i.promotion_tier])).toEqual([
      ["db.serverless", 0],
      ["db.serverless", 1],
    ]);
    expect(warningsOf(db)).toEqual([]);
  });

  test("Terraform addresses are pinned: renaming internals must not move resources", () => {
    expect(addresses(synthJson(stackWith(minimal).stack))).toEqual([
      "aws_cloudwatch_event_rule.Orders_FailoverEvents_0C5E40A5",
      "aws_cloudwatch_metric_alarm.Orders_Alarm-replica-lag_DE6C1116",
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
        `- [test/Orders] clusterIdentifier: must be lowercase letters, digits and single hyphens, starting with a letter (got "Orders_DB"). Fix: use an identifier such as 'orders-db'`,
        "- [test/Orders] backupRetentionDays: must be a whole number from 1 to 35 (got 50). Fix: use a whole number from 1 to 35",
        `- [test/Orders] standbys[0].id: must start with a letter and hold only letters, digits and '-' (got "1bad"). Fix: use an id such as 'standby-b'; it becomes part of the Terraform address`,
      ].join("\n"),
    );
  });

  test("an unknown prop is rejected with its name", () => {
    expect(() => stackWith({ ...minimal, writerClass: "db.r6g.large" } as AuroraDatabaseProps)).toThrow(
      '(props): unrecognized key: "writerClass" (got {',
    );
  });

  test("nothing is left in the tree when props are invalid", () => {
    const stack = newStack();
    expect(() => new MultiAzDatabase(stack, "Orders", { ...minimal, standbys: [] })).toThrow(/standbys: too small/);
    expect(JSON.parse(Testing.synth(stack)).resource).toBeUndefined();
  });

  test("unresolved tokens are not rejected", () => {
    const stack = newStack();
    new MultiAzDatabase(stack, "Orders", {
      ...minimal,
      subnets: [...minimal.subnets, { subnetId: "subnet-x", availabilityZone: "${TfToken[TOKEN.1]}" }],
      standbys: [{ id: "standby-x", availabilityZone: "us-east-1b", role: "failover" }],
    });
    expect(() => synth(stack)).not.toThrow();
  });
});

describe("MultiAzDatabase topology rules report every problem together at synth", () => {
  test("several broken rules in one message, one line each", () => {
    const { stack } = stackWith({
      ...minimal,
      writer: { availabilityZone: "us-east-1f", instanceClass: "db.r6g.large" },
      standbys: [{ id: "standby-d", availabilityZone: "us-east-1d", role: "failover", promotionTier: 4 }],
    });
    let message = "";
    try {
      synth(stack);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("MultiAzDatabase 'test/Orders' failed validation (3 problems):");
    expect(message.match(/^- \[test\/Orders\]/gm)).toHaveLength(3);
  });
});

describe("MultiAzDatabase warnings can be acknowledged", () => {
  const withSmallReader: AuroraDatabaseProps = {
    ...minimal,
    writer: { availabilityZone: "us-east-1a", instanceClass: "db.r6g.2xlarge" },
    standbys: [...minimal.standbys, { id: "report-c", availabilityZone: "us-east-1c", role: "read", instanceClass: "db.t4g.medium" }],
  };

  test("an acknowledged warning is silenced, also from a parent scope", () => {
    const { stack, db } = stackWith(withSmallReader);
    synth(stack);
    expect(warningsOf(db)).toHaveLength(1);
    const again = stackWith(withSmallReader);
    Acknowledge.of(again.stack).add("resilience:reader-smaller-than-writer", "reporting replicas everywhere in this stack");
    synth(again.stack);
    expect(warningsOf(again.db)).toEqual([]);
  });

  test("acknowledging an unknown id or without a reason is an error", () => {
    const { db } = stackWith(minimal);
    expect(() => Acknowledge.of(db).add("resilience:no-such-warning", "because")).toThrow(
      /^Acknowledge 'test\/Orders': 'resilience:no-such-warning' is not a warning id of cdktf-resilience\. Fix: use one of resilience:contingency-smaller-than-primary, resilience:dns-ttl-long, resilience:drill-database-not-interrupted, resilience:failover-standby-in-other-zone, resilience:rds-stop-auto-restart, resilience:reader-smaller-than-writer, resilience:serverless-reader-scales-independently, resilience:short-backup-retention, resilience:vault-lock-compliance\.$/,
    );
    expect(() => Acknowledge.of(db).add("resilience:reader-smaller-than-writer", " ")).toThrow("acknowledged without a reason");
  });
});

describe("validation messages survive any props (issue: hostile and huge input)", () => {
  test("a construct passed where a prop does not belong: the message names its path instead of crashing on the cycle", () => {
    const stack = newStack();
    // a construct's node points at its scope and back: JSON.stringify threw "Converting circular structure to JSON"
    const props = { ...minimal, vpcConstruct: stack } as unknown as AuroraDatabaseProps;
    expect(() => new MultiAzDatabase(stack, "Orders", props)).toThrow(
      `(props): unrecognized key: "vpcConstruct" (got {"vpcConstruct":[TerraformStack test]}). Fix: remove vpcConstruct`,
    );
  });

  test("a cyclic plain value is [Circular], a NaN is NaN (JSON.stringify wrote null)", () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => stackWith({ ...minimal, engine: loop } as unknown as AuroraDatabaseProps)).toThrow(
      `engine: is not an engine MultiAzDatabase knows (got {"self":[Circular]})`,
    );
    expect(() => stackWith({ ...minimal, backupRetentionDays: Number.NaN })).toThrow(
      "backupRetentionDays: invalid input: expected number, received NaN (got NaN)",
    );
  });
});

import { describe, expect, test } from "vitest";
import { Acknowledge, MultiAzDatabase, SecureDefaults } from "..";
import {
  Aspects,
  AwsProvider,
  Construct,
  DbInstance,
  type IConstruct,
  RdsCluster,
  RdsClusterInstance,
  TerraformStack,
  TerraformVariable,
  Testing,
} from "../private/cdktf";
import { synth, synthJson, warningsOf } from "../testing";

function newStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  return stack;
}

/** An Aurora cluster written with raw provider classes, compliant unless `change` says otherwise. */
function rawAurora(scope: Construct, change: Partial<ConstructorParameters<typeof RdsCluster>[2]> = {}): RdsCluster {
  const cluster = new RdsCluster(scope, "Db", {
    clusterIdentifier: "orders",
    engine: "aurora-postgresql",
    masterUsername: "postgres",
    manageMasterUserPassword: true,
    storageEncrypted: true,
    deletionProtection: true,
    finalSnapshotIdentifier: "orders-final",
    copyTagsToSnapshot: true,
    backupRetentionPeriod: 7,
    iamDatabaseAuthenticationEnabled: true,
    ...change,
  });
  for (const az of ["a", "b"])
    new RdsClusterInstance(scope, `Instance-${az}`, {
      clusterIdentifier: cluster.id,
      engine: "aurora-postgresql",
      instanceClass: "db.r6g.large",
      availabilityZone: `us-east-1${az}`,
    });
  return cluster;
}

function synthError(stack: TerraformStack): string {
  try {
    synth(stack);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected synth to fail");
}

const BACKUP_PLAN_WARNING = (path: string, address: string) =>
  `[${path}] RES-RDS-BACKUP-PLAN: no AWS Backup plan selects the database by ARN (no aws_backup_selection lists ${address} by ARN). Fix: add an aws_backup_selection whose resources list the database's arn (acknowledge with Acknowledge.of(scope).add('RES-RDS-BACKUP-PLAN', reason))`;

describe("SecureDefaults (Aspect)", () => {
  test("an error on a resource written with a raw provider class fails synth, naming the resource, the rule and the fix", () => {
    const stack = newStack();
    rawAurora(stack, { storageEncrypted: false });
    Aspects.of(stack).add(new SecureDefaults());
    expect(synthError(stack)).toContain(
      "[test/Db] RES-RDS-ENCRYPTION: storage is not encrypted at rest (storage_encrypted is false). Fix: set storage_encrypted = true (MultiAzDatabase does), with kms_key_id for a customer managed key. To accept the risk: Acknowledge.of(scope).add('RES-RDS-ENCRYPTION', reason)",
    );
  });

  test("every error is reported in one synth", () => {
    const stack = newStack();
    rawAurora(stack, { storageEncrypted: false, skipFinalSnapshot: true });
    new DbInstance(stack, "Legacy", {
      instanceClass: "db.t4g.small",
      engine: "postgres",
      publiclyAccessible: true,
      storageEncrypted: true,
    });
    Aspects.of(stack).add(new SecureDefaults());
    const message = synthError(stack);
    expect(message.match(/\[test\/\w+\] RES-[A-Z-]+:/g)?.sort()).toEqual([
      "[test/Db] RES-RDS-ENCRYPTION:",
      "[test/Db] RES-RDS-FINAL-SNAPSHOT:",
      "[test/Legacy] RES-RDS-FINAL-SNAPSHOT:",
      "[test/Legacy] RES-RDS-MULTI-AZ:",
      "[test/Legacy] RES-RDS-PUBLIC-ACCESS:",
    ]);
  });

  test("warnings are annotations on the resource and do not fail synth", () => {
    const stack = newStack();
    rawAurora(stack, { iamDatabaseAuthenticationEnabled: false });
    Aspects.of(stack).add(new SecureDefaults());
    synth(stack);
    synth(stack); // a second synth must not repeat the annotations
    expect(warningsOf(stack).sort()).toEqual([
      BACKUP_PLAN_WARNING("test/Db", "aws_rds_cluster.Db"),
      "[test/Db] RES-RDS-IAM-AUTH: IAM database authentication is off (iam_database_authentication_enabled is false). Fix: set iam_database_authentication_enabled = true (acknowledge with Acknowledge.of(scope).add('RES-RDS-IAM-AUTH', reason))",
    ]);
  });

  test("MultiAzDatabase's defaults pass the pack; only the AWS Backup plan is left to the user", () => {
    const stack = newStack();
    const db = new MultiAzDatabase(stack, "Orders", {
      engine: "aurora-postgresql",
      subnets: ["a", "b", "c"].map((z) => ({ subnetId: `subnet-${z}`, availabilityZone: `us-east-1${z}` })),
      writer: { availabilityZone: "us-east-1a", instanceClass: "db.r6g.large" },
      standbys: [{ id: "standby-b", availabilityZone: "us-east-1b", role: "failover" }],
    });
    Aspects.of(stack).add(new SecureDefaults());
    synth(stack);
    expect(warningsOf(db)).toEqual([BACKUP_PLAN_WARNING("test/Orders/Resource", "aws_rds_cluster.Orders_A9B65338")]);
  });

  test("a fix applied by another Aspect counts, whatever the order the Aspects were added in", () => {
    const stack = newStack();
    rawAurora(stack, { storageEncrypted: false });
    Aspects.of(stack).add(new SecureDefaults());
    Aspects.of(stack).add({
      visit(node: IConstruct) {
        if (node instanceof RdsCluster) node.storageEncrypted = true;
      },
    });
    expect(() => synth(stack)).not.toThrow();
  });

  test("values known only after apply are not violations", () => {
    const stack = newStack();
    const encrypted = new TerraformVariable(stack, "encrypted", { type: "bool" });
    rawAurora(stack, { storageEncrypted: encrypted.booleanValue, backupRetentionPeriod: encrypted.numberValue });
    Aspects.of(stack).add(new SecureDefaults());
    expect(() => synth(stack)).not.toThrow();
  });

  test("added to a construct, it checks only the resources below it", () => {
    const stack = newStack();
    const checked = new Construct(stack, "Checked");
    rawAurora(checked);
    new DbInstance(stack, "Unchecked", { instanceClass: "db.t4g.small", engine: "postgres", publiclyAccessible: true });
    Aspects.of(checked).add(new SecureDefaults());
    expect(() => synth(stack)).not.toThrow();
  });

  test("resources without a construct (raw overrides) are reported on the stack", () => {
    const stack = newStack();
    stack.addOverride("resource.aws_db_instance.handwritten", {
      instance_class: "db.t4g.small",
      engine: "postgres",
      publicly_accessible: true,
    });
    Aspects.of(stack).add(new SecureDefaults());
    expect(synthError(stack)).toContain("[test] RES-RDS-PUBLIC-ACCESS aws_db_instance.handwritten: the database is publicly accessible");
  });
});

describe("acknowledging a policy finding", () => {
  test("an acknowledged error no longer fails synth, and the reason is written into the plan for the CLI", () => {
    const stack = newStack();
    const db = rawAurora(stack, { storageEncrypted: false });
    Acknowledge.of(db).add("RES-RDS-ENCRYPTION", "scratch database for load tests; holds no customer data");
    Aspects.of(stack).add(new SecureDefaults());
    const cluster = synthJson(stack).resource?.aws_rds_cluster?.Db;
    expect(cluster?.["//"]).toEqual({
      "cdktf-resilience": {
        acknowledged: { "RES-RDS-ENCRYPTION": { reason: "scratch database for load tests; holds no customer data", scope: "test/Db" } },
      },
    });
  });

  test("an acknowledgement on a parent covers every resource below it", () => {
    const stack = newStack();
    const team = new Construct(stack, "Team");
    rawAurora(team, { iamDatabaseAuthenticationEnabled: false });
    Acknowledge.of(team).add("RES-RDS-IAM-AUTH", "the application authenticates with Secrets Manager credentials");
    Aspects.of(stack).add(new SecureDefaults());
    synth(stack);
    expect(warningsOf(stack).filter((w) => w.includes("RES-RDS-IAM-AUTH"))).toEqual([]);
    const [cluster] = Object.values(synthJson(stack).resource?.aws_rds_cluster ?? {});
    expect(cluster?.["//"]).toMatchObject({
      "cdktf-resilience": { acknowledged: { "RES-RDS-IAM-AUTH": { scope: "test/Team" } } },
    });
  });

  test("an acknowledgement without findings writes nothing into the plan", () => {
    const stack = newStack();
    const db = rawAurora(stack);
    Acknowledge.of(db).add("RES-RDS-ENCRYPTION", "not needed, but harmless");
    Aspects.of(stack).add(new SecureDefaults());
    expect(synthJson(stack).resource?.aws_rds_cluster?.Db?.["//"]).toBeUndefined();
  });

  test("an unknown rule id is rejected with the rule ids to choose from; a missing reason too", () => {
    const stack = newStack();
    const db = rawAurora(stack);
    expect(() => Acknowledge.of(db).add("RES-RDS-ENCRYPTED", "typo")).toThrow(
      /'RES-RDS-ENCRYPTED' is not a policy rule id of cdktf-resilience\. Fix: use one of RES-ASG-CAPACITY-REBALANCE, .*RES-RDS-ENCRYPTION, /,
    );
    expect(() => Acknowledge.of(db).add("RES-RDS-ENCRYPTION", "")).toThrow("acknowledged without a reason");
  });
});

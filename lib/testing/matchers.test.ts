import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { Acknowledge, SecureDefaults } from "..";
import { Aspects, AwsProvider, RdsCluster, TerraformStack, Testing } from "../private/cdktf";
import { policyReport, synth } from ".";

function stackWith(props: Partial<ConstructorParameters<typeof RdsCluster>[2]> = {}): { stack: TerraformStack; cluster: RdsCluster } {
  const stack = new TerraformStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  const cluster = new RdsCluster(stack, "Db", {
    clusterIdentifier: "orders",
    engine: "aurora-postgresql",
    storageEncrypted: true,
    finalSnapshotIdentifier: "orders-final",
    vpcSecurityGroupIds: ["sg-1", "sg-2"],
    tags: { Name: "orders", "resilience:role": "coordinator" },
    ...props,
  });
  return { stack, cluster };
}

/** The message of the assertion error `fn` throws. */
function failure(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected the assertion to fail");
}

describe("toHaveResource", () => {
  test("takes the type as a string or a provider class", () => {
    const { stack } = stackWith();
    expect(stack).toHaveResource("aws_rds_cluster");
    expect(stack).toHaveResource(RdsCluster);
    expect(stack).not.toHaveResource("aws_db_instance");
  });

  test("a failure lists what the plan has instead", () => {
    const { stack } = stackWith();
    expect(failure(() => expect(stack).toHaveResource("aws_db_instance"))).toBe(
      "expected a resource of type aws_db_instance; the plan has aws_rds_cluster (1)",
    );
    expect(failure(() => expect(stack).not.toHaveResource(RdsCluster))).toBe(
      "expected no resource of type aws_rds_cluster, found aws_rds_cluster.Db",
    );
  });
});

describe("toHaveResourceWithProperties", () => {
  test("matches partially at every depth, with asymmetric matchers anywhere and camelCase keys", () => {
    const { stack } = stackWith();
    expect(stack).toHaveResourceWithProperties(RdsCluster, {
      storage_encrypted: true,
      finalSnapshotIdentifier: expect.stringMatching(/-final$/),
      tags: { Name: "orders" },
      vpc_security_group_ids: ["sg-1", expect.any(String)],
    });
    expect(stack).not.toHaveResourceWithProperties(RdsCluster, { tags: { Name: "billing" } });
  });

  test("arrays match item by item: a missing item fails, expect.arrayContaining does not", () => {
    const { stack } = stackWith();
    expect(stack).not.toHaveResourceWithProperties(RdsCluster, { vpc_security_group_ids: ["sg-1"] });
    expect(stack).toHaveResourceWithProperties(RdsCluster, { vpc_security_group_ids: expect.arrayContaining(["sg-2"]) });
  });

  test("a failure names the closest resource, the differing keys and a diff", () => {
    const { stack } = stackWith({ storageEncrypted: false });
    const message = failure(() =>
      expect(stack).toHaveResourceWithProperties(RdsCluster, { storageEncrypted: true, engine: "aurora-postgresql" }),
    );
    expect(message).toContain("expected a resource aws_rds_cluster with properties");
    expect(message).toContain("found 1 aws_rds_cluster; the closest, aws_rds_cluster.Db, differs in storage_encrypted:");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the diff's ANSI colours.
    const plain = message.replace(/\u001b\[\d+m/g, "");
    expect(plain).toMatch(/- +"storage_encrypted": true,\n\+ +"storage_encrypted": false,/);
  });

  test("a failure on a type the plan lacks says so", () => {
    const { stack } = stackWith();
    expect(failure(() => expect(stack).toHaveResourceWithProperties("aws_db_instance", { engine: "postgres" }))).toContain(
      "but the plan has no aws_db_instance; it has aws_rds_cluster (1)",
    );
  });

  test("accepts the plan as a stack, JSON text, parsed JSON or the path of a cdk.tf.json", () => {
    const { stack } = stackWith();
    const text = synth(stack);
    const file = join(mkdtempSync(join(tmpdir(), "matchers-")), "cdk.tf.json");
    writeFileSync(file, text);
    for (const received of [stack, text, JSON.parse(text), file])
      expect(received).toHaveResourceWithProperties(RdsCluster, { engine: "aurora-postgresql" });
  });

  test("rejects something that is not a plan with a clear error", () => {
    expect(() => expect(42).toHaveResource("aws_rds_cluster")).toThrow(
      "expected a TerraformStack, Terraform JSON (text or parsed) or the path of a cdk.tf.json, got number",
    );
    expect(() => expect("not json").toHaveResource("aws_rds_cluster")).toThrow("expected Terraform JSON or the path of a cdk.tf.json");
  });
});

describe("toHaveDataSource", () => {
  const plan = { data: { aws_iam_policy_document: { fis: { statement: [{ actions: ["rds:FailoverDBCluster"] }] } } } };

  test("finds a data source by type, optionally with properties", () => {
    expect(plan).toHaveDataSource("aws_iam_policy_document");
    expect(plan).toHaveDataSource("aws_iam_policy_document", { statement: [{ actions: ["rds:FailoverDBCluster"] }] });
    expect(plan).not.toHaveDataSource("aws_iam_policy_document", { statement: [{ actions: ["rds:*"] }] });
    expect(plan).not.toHaveDataSource("aws_caller_identity");
  });
});

describe("toPassPolicy", () => {
  test("passes a compliant plan and lists each violation of a failing one", () => {
    const { stack } = stackWith({ storageEncrypted: false, skipFinalSnapshot: true });
    const message = failure(() => expect(stack).toPassPolicy());
    expect(message).toContain("expected the plan to pass the SecureDefaults policy pack, but it has 2 violations:");
    expect(message).toContain(
      "  - [error] RES-RDS-ENCRYPTION aws_rds_cluster.Db: storage is not encrypted at rest (storage_encrypted is false). Fix: ",
    );
    expect(message).toContain(
      "  - [error] RES-RDS-FINAL-SNAPSHOT aws_rds_cluster.Db: no final snapshot would be kept on delete (skip_final_snapshot is true). Fix: ",
    );
  });

  test("warnings pass unless failOnWarnings is set", () => {
    const { stack } = stackWith({ deletionProtection: false });
    expect(stack).toPassPolicy();
    expect(failure(() => expect(stack).toPassPolicy({ failOnWarnings: true }))).toContain(
      "[warning] RES-RDS-DELETION-PROTECTION aws_rds_cluster.Db",
    );
  });

  test("runs whether or not the stack has the Aspect, and does not throw the Aspect's synth error", () => {
    const { stack } = stackWith({ storageEncrypted: false });
    Aspects.of(stack).add(new SecureDefaults());
    expect(stack).not.toPassPolicy();
  });

  test('honours acknowledgements from the construct tree, and from the plan\'s "//" blocks', () => {
    const { stack, cluster } = stackWith({ storageEncrypted: false });
    Acknowledge.of(cluster).add("RES-RDS-ENCRYPTION", "throwaway load-test database");
    expect(stack).toPassPolicy();
    Aspects.of(stack).add(new SecureDefaults());
    const plan = synth(stack);
    expect(plan).toPassPolicy();
    expect(policyReport(plan).acknowledged.map((f) => [f.ruleId, f.acknowledged])).toEqual([
      ["RES-RDS-ENCRYPTION", { reason: "throwaway load-test database", scope: "test/Db" }],
    ]);
  });

  test("a passing plan negated says how many rules it passed", () => {
    const { stack } = stackWith();
    expect(failure(() => expect(stack).not.toPassPolicy())).toMatch(
      /^expected the plan to fail the SecureDefaults policy pack, but it passes all \d+ rules/,
    );
  });
});

import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { Acknowledge, SecureDefaults } from "../lib";
import { POLICY_RULES } from "../lib/policy/pack";
import { Aspects, AwsProvider, RdsCluster, RdsClusterInstance, TerraformStack, Testing } from "../lib/private/cdktf";
import { cli } from "./helpers/cli";
import { synthAuroraExample, writePlan } from "./helpers/examples";

/** A hand-written plan: an unencrypted Aurora cluster with one public instance. */
const violating = {
  resource: {
    aws_rds_cluster: {
      db: {
        cluster_identifier: "orders",
        engine: "aurora-postgresql",
        deletion_protection: true,
        final_snapshot_identifier: "orders-final",
        copy_tags_to_snapshot: true,
        backup_retention_period: 7,
        iam_database_authentication_enabled: true,
      },
    },
    aws_rds_cluster_instance: {
      a: {
        cluster_identifier: "${aws_rds_cluster.db.id}",
        engine: "aurora-postgresql",
        instance_class: "db.r6g.large",
        availability_zone: "us-east-1a",
        publicly_accessible: true,
      },
      b: {
        cluster_identifier: "${aws_rds_cluster.db.id}",
        engine: "aurora-postgresql",
        instance_class: "db.r6g.large",
        availability_zone: "us-east-1b",
      },
    },
  },
};

let examplePlan: string;
beforeAll(() => {
  examplePlan = writePlan(synthAuroraExample());
});

describe("cdktf-resilience check (built binary)", () => {
  test("the Aurora example passes: exit 0, no open finding (its backup plan selects the cluster by ARN)", () => {
    const r = cli("check", examplePlan);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(`Plan    ${examplePlan}\nPolicy  SecureDefaults: ${POLICY_RULES.length} rules on `)).toBe(true);
    expect(r.stdout).toContain("No open findings.");
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("0 errors, 0 warnings, 0 acknowledged: passed");
  });

  test("violations: exit 1, a table row per finding, the fixes, and a verdict", () => {
    const r = cli("check", writePlan(JSON.stringify(violating), "violating"));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(
      /│ error +│ RES-RDS-ENCRYPTION +│ aws_rds_cluster\.db +│ storage is not encrypted at rest: storage_encrypted is not set \(default false\) +│/,
    );
    expect(r.stdout).toMatch(
      /│ error +│ RES-RDS-PUBLIC-ACCESS +│ aws_rds_cluster_instance\.a +│ the database is publicly accessible: publicly_accessible is true +│/,
    );
    expect(r.stdout).toMatch(/\n {2}RES-RDS-ENCRYPTION +set storage_encrypted = true/);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("2 errors, 1 warning, 0 acknowledged: FAILED: an error-severity rule failed");
  });

  test("--json prints one document: verdict, counts, and every finding with its mapped checks", () => {
    const r = cli("check", writePlan(JSON.stringify(violating), "violating"), "--json");
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      passed: false,
      rules: POLICY_RULES.length,
      resources: 3,
      summary: { errors: 2, warnings: 1, acknowledged: 0 },
    });
    expect(doc.plan).toMatch(/violating\/cdk\.tf\.json$/);
    expect(doc.findings).toContainEqual({
      ruleId: "RES-RDS-ENCRYPTION",
      severity: "error",
      address: "aws_rds_cluster.db",
      problem: "storage is not encrypted at rest",
      found: "storage_encrypted is not set (default false)",
      fix: expect.stringContaining("storage_encrypted = true"),
      mapped: { checkov: ["CKV_AWS_16", "CKV_AWS_96"], cdkNag: ["AwsSolutions-RDS2"], trivy: ["AVD-AWS-0079", "AVD-AWS-0080"] },
    });
  });

  test('a hand-written acknowledgement in the resource\'s "//" block is honoured; one without a reason is not', () => {
    const acknowledged = structuredClone(violating) as typeof violating & Record<string, unknown>;
    const cluster = acknowledged.resource.aws_rds_cluster.db as Record<string, unknown>;
    cluster["//"] = { "cdktf-resilience": { acknowledged: { "RES-RDS-ENCRYPTION": { reason: "scratch copy of public data" } } } };
    const instance = acknowledged.resource.aws_rds_cluster_instance.a as Record<string, unknown>;
    instance["//"] = { "cdktf-resilience": { acknowledged: { "RES-RDS-PUBLIC-ACCESS": { reason: " " } } } };
    const r = cli("check", writePlan(JSON.stringify(acknowledged), "acknowledged"));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Acknowledged (1):\n  RES-RDS-ENCRYPTION  aws_rds_cluster.db: "scratch copy of public data"\n');
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("1 error, 1 warning, 1 acknowledged: FAILED: an error-severity rule failed");
  });

  test("an acknowledgement made in code survives a real `cdktf synth` and is honoured by check", () => {
    const outdir = mkdtempSync(join(tmpdir(), "cdktf-resilience-out-"));
    const app = Testing.app({ outdir });
    const stack = new TerraformStack(app, "scratch");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    const db = new RdsCluster(stack, "Db", {
      clusterIdentifier: "scratch",
      engine: "aurora-postgresql",
      storageEncrypted: false,
      deletionProtection: true,
      finalSnapshotIdentifier: "scratch-final",
      copyTagsToSnapshot: true,
      backupRetentionPeriod: 7,
      iamDatabaseAuthenticationEnabled: true,
    });
    for (const az of ["a", "b"])
      new RdsClusterInstance(stack, `Instance-${az}`, {
        clusterIdentifier: db.id,
        engine: "aurora-postgresql",
        instanceClass: "db.r6g.large",
        availabilityZone: `us-east-1${az}`,
      });
    Acknowledge.of(stack).add("RES-RDS-ENCRYPTION", "load-test data only, destroyed nightly");
    Acknowledge.of(stack).add("RES-RDS-BACKUP-PLAN", "nothing worth restoring");
    Aspects.of(stack).add(new SecureDefaults());
    app.synth();

    const plan = join(outdir, "stacks", "scratch", "cdk.tf.json");
    const cluster = Object.values(JSON.parse(readFileSync(plan, "utf8")).resource.aws_rds_cluster)[0] as Record<string, unknown>;
    expect(cluster["//"]).toMatchObject({
      metadata: { path: "scratch/Db" },
      "cdktf-resilience": { acknowledged: { "RES-RDS-ENCRYPTION": { scope: "scratch" } } },
    });
    const r = cli("check", dirname(plan));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("No open findings.");
    expect(r.stdout).toContain(
      '  RES-RDS-ENCRYPTION  aws_rds_cluster.Db: "load-test data only, destroyed nightly" (acknowledged on scratch)',
    );
  });

  test("--help describes the command", () => {
    expect(cli("check", "--help")).toMatchObject({
      code: 0,
      stdout: expect.stringContaining("run the SecureDefaults policy pack on a synthesized plan"),
    });
  });
});

describe("check on bad input: exit 2, one message naming the problem and the fix, nothing on stdout", () => {
  test.each<[string, () => string[], RegExp]>([
    [
      "a missing file",
      () => ["check", "/nonexistent/cdk.tf.json"],
      /^Cannot read plan \/nonexistent\/cdk\.tf\.json: no such file or directory\.\nFix: /,
    ],
    [
      "a file that is not JSON",
      () => ["check", writePlan("{ not json")],
      /it is not JSON .*\nFix: pass the cdk\.tf\.json that `cdktf synth` wrote/,
    ],
    [
      "a malformed plan",
      () => ["check", writePlan(JSON.stringify({ resource: { aws_rds_cluster: { db: { storage_encrypted: "maybe" } } } }))],
      /is not a valid Terraform JSON plan \(1 problem\):\n- \$\.resource\.aws_rds_cluster\.db\.storage_encrypted: found "maybe"; expected true\/false or a \$\{\.\.\.\} expression\nFix: /,
    ],
    [
      "a directory without a plan",
      () => ["check", mkdtempSync(join(tmpdir(), "empty-"))],
      /the directory holds no cdk\.tf\.json\.\nFix: run `cdktf synth` first/,
    ],
    ["no plan argument", () => ["check"], /error: missing required argument 'plan'/],
    ["an unknown option", () => ["check", "x", "--jsn"], /error: unknown option '--jsn'/],
  ])("%s", (_name, args, message) => {
    const r = cli(...args());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
  });
});

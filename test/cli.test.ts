import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { planFromJson } from "../runtime/plan";
import { cli } from "./helpers/cli";
import { ROOT } from "./helpers/dist";
import { synthAuroraExample, synthExample, writePlan } from "./helpers/examples";

let plan: string;
beforeAll(() => {
  plan = writePlan(synthAuroraExample());
});

describe("cdktf-resilience inspect (built binary)", () => {
  test("prints the writer, standby and reader of the synthesized example", () => {
    const r = cli("inspect", plan);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Region  us-east-1");
    expect(r.stdout).toContain("Zones   us-east-1a (1 subnet), us-east-1b (1 subnet), us-east-1c (1 subnet)");
    expect(r.stdout).toMatch(/│ writer +│ us-east-1a │ 0 +│ db\.r6g\.large │ aws_rds_cluster_instance\.Orders_Writer_\w+ +│ tag/);
    expect(r.stdout).toMatch(/│ failover +│ us-east-1b │ 1 +│ db\.r6g\.large │/);
    expect(r.stdout).toMatch(/│ read +│ us-east-1c │ 2 +│ db\.r6g\.large │/);
    expect(r.stdout).toContain(
      "Not modelled (8 resources of 5 types): aws_cloudwatch_metric_alarm, aws_iam_role, aws_iam_role_policy, aws_iam_role_policy_attachment, aws_vpc",
    );
    expect(r.stdout).toMatch(
      /Drills\s+aws_fis_experiment_template\.ZoneADrill_\w+: 2 actions \(aws:network:disrupt-connectivity, aws:rds:failover-db-cluster\)/,
    );
    // what keeps the data elsewhere: the nightly backup with its cross-region copy, selected by ARN
    expect(r.stdout).toMatch(
      /\nProtect aws_backup_plan\.Backups_\w+ rule daily: cron\(0 3 \* \* \? \*\), kept 35 d, copy to aws_backup_vault\.Backups_CopyVault-us-west-2_\w+\n {8}aws_backup_selection\.Backups_Selection_\w+: aws_rds_cluster\.Orders_\w+ in aws_backup_plan\.Backups_\w+\n/,
    );
  });

  test("a contingency plan shows where the replacement runs and how the capacity is held", () => {
    const r = cli("inspect", writePlan(synthExample("contingency"), "contingency"));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /\nCapacity HeadNode: 1 × r6g\.large reserved in us-east-1a; 1 × r6g\.large designated in us-east-1b, leased as spot by aws_autoscaling_group\.HeadNode_SpotPool_\w+ \(bid ≥ \$0\.05\/h\)\n/,
    );
  });

  test("a Redshift plan shows the coordinating and the supporting cluster", () => {
    const r = cli("inspect", writePlan(synthExample("redshift"), "redshift"));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("redshift (redshift), identifier redshift-warehouse, topology Warehouse\n  Multi-AZ on\n");
    expect(r.stdout).toMatch(
      /│ writer +│ us-west-2a +│ - +│ ra3\.xlplus × 2 │ aws_redshift_cluster\.Warehouse_\w+ \(coordinator\) │ engine/,
    );
    expect(r.stdout).toMatch(
      /│ failover +│ \(AWS picks: us-west-2b, us-west-2c\) │ - +│ ra3\.xlplus × 2 │ aws_redshift_cluster\.Warehouse_\w+ \(supporting\) +│ engine/,
    );
  });

  test("--json prints the loader's topology as one document", () => {
    const r = cli("inspect", plan, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(planFromJson(JSON.parse(readFileSync(plan, "utf8")), plan));
  });

  test("a stack directory works as well as the file", () => {
    const r = cli("inspect", dirname(plan), "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).source).toBe(plan);
  });

  test("--help and --version succeed", () => {
    expect(cli("inspect", "--help")).toMatchObject({ code: 0, stdout: expect.stringContaining("print the topology the runtime sees") });
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(cli("--version")).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });
});

describe("bad input: exit 2, one message naming the problem and the fix, nothing on stdout", () => {
  test.each<[string, () => string[], RegExp]>([
    [
      "a missing file",
      () => ["inspect", "/nonexistent/cdk.tf.json"],
      /^Cannot read plan \/nonexistent\/cdk\.tf\.json: no such file or directory\.\nFix: /,
    ],
    [
      "a file that is not JSON",
      () => {
        const f = writePlan("{ not json");
        return ["inspect", f];
      },
      /it is not JSON .*\nFix: pass the cdk\.tf\.json that `cdktf synth` wrote/,
    ],
    [
      "a malformed plan",
      () => {
        const f = writePlan(JSON.stringify({ resource: { aws_rds_cluster_instance: { w: { engine: "aurora-postgresql" } } } }));
        return ["inspect", f];
      },
      /is not a valid Terraform JSON plan \(2 problems\):\n- \$\.resource\.aws_rds_cluster_instance\.w\.cluster_identifier: it is missing; expected a string\n/,
    ],
    ["no plan argument", () => ["inspect"], /error: missing required argument 'plan'/],
    ["an unknown option", () => ["inspect", "x", "--jsn"], /error: unknown option '--jsn'/],
    ["an unknown command", () => ["inspekt"], /error: unknown command 'inspekt'/],
  ])("%s", (_name, args, message) => {
    const r = cli(...args());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
  });

  test("the plan file is never modified", () => {
    const text = JSON.stringify({ resource: { aws_rds_cluster_instance: { w: {} } } });
    const f = writePlan(text);
    cli("inspect", f);
    expect(readFileSync(f, "utf8")).toBe(text);
    writeFileSync(f, text);
  });
});

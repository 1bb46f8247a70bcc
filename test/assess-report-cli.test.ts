/**
 * `assess --report` as the other commands' outputs: the file is checked before any seed runs, an
 * existing one is kept without --force, nothing is half-written, and an assessment that measured
 * nothing (exit 2) leaves no page behind.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { synthExample, writePlan } from "./helpers/examples";
import { runCli } from "./helpers/run-cli";

const aurora = writePlan(synthExample("aurora-postgres"));
const fresh = () => mkdtempSync(join(tmpdir(), "assess-report-cli-"));

describe("assess --report", () => {
  test("an existing file is kept: exit 2 before anything runs, naming the flag and the fix", async () => {
    const file = join(fresh(), "page.html");
    writeFileSync(file, "keep me");
    const r = await runCli("assess", aurora, "--seeds", "1", "--parallel", "1", "--report", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--report");
    expect(r.stderr).toContain("--force");
    expect(r.stdout).toBe("");
    expect(readFileSync(file, "utf8")).toBe("keep me");
  });

  test("--report - and --json cannot share standard output", async () => {
    const r = await runCli("assess", aurora, "--seeds", "1", "--parallel", "1", "--json", "--report", "-");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--report.*--json both write to standard output/s);
  });

  test("--report - writes the page to standard output and moves the summary to standard error", async () => {
    const r = await runCli("assess", aurora, "--seeds", "1", "--parallel", "1", "--report", "-");
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("<!doctype html>")).toBe(true);
    expect(r.stdout).toContain('<section class="disruption met" data-database="aws_rds_cluster.Orders_');
    expect(r.stderr).toContain("Every target met in every seed.");
  }, 60_000);

  test("with --force an existing file is replaced by the whole page", async () => {
    const file = join(fresh(), "page.html");
    writeFileSync(file, "old");
    const r = await runCli("assess", aurora, "--seeds", "1", "--parallel", "1", "--report", file, "--force");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Report: ${file}`);
    const html = readFileSync(file, "utf8");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html.endsWith("</html>\n")).toBe(true);
  }, 60_000);

  test("nothing assessed (an RDS Multi-AZ DB instance, whose clients the emulator does not run): exit 2 and no page", async () => {
    const file = join(fresh(), "page.html");
    const dir = fresh();
    const instancePlan = join(dir, "plan.tf.json");
    writeFileSync(
      instancePlan,
      JSON.stringify({
        provider: { aws: { region: "eu-west-1" } },
        resource: {
          aws_subnet: { a: { vpc_id: "vpc-1", availability_zone: "eu-west-1a" }, b: { vpc_id: "vpc-1", availability_zone: "eu-west-1b" } },
          aws_db_subnet_group: { g: { name: "g", subnet_ids: ["${aws_subnet.a.id}", "${aws_subnet.b.id}"] } },
          aws_db_instance: {
            db: {
              identifier: "orders",
              engine: "postgres",
              instance_class: "db.m6g.large",
              multi_az: true,
              availability_zone: "eu-west-1a",
              db_subnet_group_name: "${aws_db_subnet_group.g.name}",
              storage_encrypted: true,
              tags: { "resilience:policy": "orders" },
            },
          },
          aws_resiliencehub_resiliency_policy: {
            p: {
              name: "orders",
              tier: "CoreServices",
              policy: [{ az: [{ rto: "5m", rpo: "0s" }], hardware: [{ rto: "5m", rpo: "0s" }], software: [{ rto: "5m", rpo: "0s" }] }],
            },
          },
        },
      }),
    );
    const r = await runCli("assess", instancePlan, "--seeds", "1", "--parallel", "1", "--report", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("No report written: nothing was assessed");
    expect(existsSync(file)).toBe(false);
  }, 60_000);
});

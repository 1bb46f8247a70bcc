/**
 * `App({ skipValidation: true })` — which cdktf's own "Validation failed" message suggests — turns
 * off every `node.addValidation` check. The construct rules must still stop `app.synth()`: an
 * unsafe topology never reaches `cdk.tf.json`, and the acknowledgement on the database stays the
 * only way past a waivable error.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { MINIMAL, subnets } from "../../test/helpers/databases";
import { Acknowledge, type AuroraDatabaseProps, MultiAzDatabase } from "..";
import { App, AwsProvider, Construct, TerraformStack } from "../private/cdktf";

/** Writer and failover standby both in us-east-1a: losing that zone loses both. */
const sameZone: AuroraDatabaseProps = {
  ...MINIMAL.aurora,
  standbys: [{ id: "standby-a", availabilityZone: "us-east-1a", role: "failover" }],
};

function app(options: { skipValidation?: boolean } = {}) {
  const outdir = mkdtempSync(join(tmpdir(), "skip-validation-"));
  const a = new App({ outdir, ...options });
  const stack = new TerraformStack(a, "orders");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  const planFile = join(outdir, "stacks", "orders", "cdk.tf.json");
  return { app: a, stack, planFile };
}

function synthError(run: () => void): string {
  try {
    run();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("synth passed");
}

describe("App({ skipValidation: true }) does not turn the resilience checks off", () => {
  test("cdktf's own validations are skipped (the switch does what cdktf says)", () => {
    const { app: a, stack, planFile } = app({ skipValidation: true });
    new (class extends Construct {})(stack, "Custom").node.addValidation({ validate: () => ["a cdktf validation that fails"] });
    a.synth();
    expect(existsSync(planFile)).toBe(true);
  });

  test("an unacknowledged same-zone failover standby is refused and no cdk.tf.json is written", () => {
    const { app: a, stack, planFile } = app({ skipValidation: true });
    new MultiAzDatabase(stack, "Orders", sameZone);
    const message = synthError(() => a.synth());
    expect(message).toMatch(/^Synthesis refused: skipValidation turns off cdktf's own validations, not the checks of cdktf-resilience/);
    expect(message).toContain("[orders/Orders] MultiAzDatabase 'orders/Orders' failed validation (1 problem):");
    expect(message).toContain(
      "- [orders/Orders] standbys: no failover standby of the top promotion tier is in another Availability Zone than the writer (us-east-1a)",
    );
    expect(message).toContain("Acknowledge.of(construct).add('resilience:failover-standby-in-other-zone', reason)");
    expect(existsSync(planFile)).toBe(false);
  });

  test("every problem of every construct is listed at once, each under its construct path with its fix", () => {
    const { app: a, stack } = app({ skipValidation: true });
    new MultiAzDatabase(stack, "Orders", sameZone);
    new MultiAzDatabase(stack, "Billing", { ...sameZone, writer: { availabilityZone: "us-east-1a", instanceClass: "db.t4g.medium" } });
    const message = synthError(() => a.synth());
    const problems = message.split("\n").filter((l) => l.startsWith("- ["));
    expect(problems.map((l) => l.slice(0, l.indexOf("]") + 1))).toEqual(
      expect.arrayContaining(["- [orders/Orders]", "- [orders/Billing]"]),
    );
    expect(problems.every((l) => l.includes(" Fix: "))).toBe(true);
    // The same problems cdktf's validation reports when it is not skipped.
    const validated = synthError(() => {
      const { app: b, stack: s } = app();
      new MultiAzDatabase(s, "Orders", sameZone);
      new MultiAzDatabase(s, "Billing", { ...sameZone, writer: { availabilityZone: "us-east-1a", instanceClass: "db.t4g.medium" } });
      b.synth();
    });
    expect(validated.split("\n").filter((l) => l.startsWith("- ["))).toEqual(problems);
  });

  test("an acknowledgement on a parent scope does not get past it", () => {
    const { app: a, stack } = app({ skipValidation: true });
    Acknowledge.of(stack).add("resilience:failover-standby-in-other-zone", "single-zone test stack");
    new MultiAzDatabase(stack, "Orders", sameZone);
    expect(synthError(() => a.synth())).toContain("an acknowledgement on a parent scope does not count for this hard error");
  });

  test("only the acknowledgement on the database itself lets the same-zone standby synthesize", () => {
    const { app: a, stack, planFile } = app({ skipValidation: true });
    const db = new MultiAzDatabase(stack, "Orders", sameZone);
    Acknowledge.of(db).add("resilience:failover-standby-in-other-zone", "single-zone test cluster, rebuilt from backups");
    a.synth();
    const instances = JSON.parse(readFileSync(planFile, "utf8")).resource.aws_rds_cluster_instance as Record<
      string,
      { availability_zone: string }
    >;
    expect(Object.values(instances).map((i) => i.availability_zone)).toEqual(["us-east-1a", "us-east-1a"]);
  });

  test("a safe topology synthesizes with validation skipped", () => {
    const { app: a, stack, planFile } = app({ skipValidation: true });
    new MultiAzDatabase(stack, "Orders", { ...MINIMAL.aurora, subnets });
    a.synth();
    expect(existsSync(planFile)).toBe(true);
  });
});

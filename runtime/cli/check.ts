import type { Command } from "commander";
import { evaluatePolicy, PlanView, type PolicyFinding, type PolicyReport } from "../../lib/policy/pack";
import { loadPlanFile } from "../plan/load-plan";
import { EXIT, type ExitStatus } from "./exit-codes";
import { addInputSizeOption, type InputSizeFlags, inputLimits } from "./input-size";
import type { CliIo } from "./io";
import { textTable } from "./text-table";

export function registerCheck(program: Command, io: CliIo, status: ExitStatus): void {
  addInputSizeOption(
    program
      .command("check")
      .description("run the SecureDefaults policy pack on a synthesized plan; exit 1 when an error-severity rule fails")
      .argument("<plan>", "a cdk.tf.json file, a directory holding one (cdktf.out/stacks/<stack>), or a `terraform show -json` plan")
      .option("--json", "print the findings as one JSON document (for scripts)"),
  ).action((plan: string, options: { json?: boolean } & InputSizeFlags) => {
    // The loader reads the file once and validates it (one error listing every problem, exit 2) before any rule
    // runs, and the rules see the instances it evaluated: every count/for_each instance, every module's resources.
    const loaded = loadPlanFile(plan, inputLimits(options));
    const file = loaded.topology.source;
    // Each instance as the rules see it (a resource: its address, kind and attributes), not a copy of every field.
    const report = evaluatePolicy(
      PlanView.fromResources(
        loaded.resources.map((r) => ({ address: r.address, mode: r.mode, type: r.type, name: r.name, attributes: r.body })),
      ),
    );
    io.out(options.json ? `${JSON.stringify(reportJson(file, report), null, 2)}\n` : formatReport(file, report));
    if (!report.passed) status.code = EXIT.violation;
  });
}

/** The `--json` document: fields are added over time, never renamed. */
function reportJson(file: string, r: PolicyReport) {
  return {
    plan: file,
    passed: r.passed,
    rules: r.rules,
    resources: r.resources,
    summary: { errors: r.errors.length, warnings: r.warnings.length, acknowledged: r.acknowledged.length },
    findings: r.findings,
  };
}

/** The human view: a table of open findings, how to fix each rule, what was acknowledged and why. */
export function formatReport(file: string, r: PolicyReport): string {
  const lines = [`Plan    ${file}`, `Policy  SecureDefaults: ${count(r.rules, "rule")} on ${count(r.resources, "resource")}`, ""];
  const open = [...r.errors, ...r.warnings];
  if (open.length === 0) lines.push("No open findings.");
  else {
    const table = textTable(
      ["severity", "rule", "resource", "finding"],
      open.map((f) => [f.severity, f.ruleId, f.address, `${f.problem}: ${f.found}`]),
    );
    lines.push(table, "", "How to fix:");
    const fixes = new Map(open.map((f) => [f.ruleId, f.fix]));
    const width = Math.max(...[...fixes.keys()].map((id) => id.length));
    for (const [id, fix] of fixes) lines.push(`  ${id.padEnd(width)}  ${fix}`);
    lines.push(`  Or accept a finding: Acknowledge.of(scope).add('<rule>', reason) in the stack's code.`);
  }
  if (r.acknowledged.length) {
    lines.push("", `Acknowledged (${r.acknowledged.length}):`);
    for (const f of r.acknowledged) lines.push(`  ${f.ruleId}  ${f.address}: ${acknowledgedText(f)}`);
  }
  const verdict = r.passed ? "passed" : "FAILED: an error-severity rule failed";
  lines.push(
    "",
    `${count(r.errors.length, "error")}, ${count(r.warnings.length, "warning")}, ${r.acknowledged.length} acknowledged: ${verdict}`,
  );
  return `${lines.join("\n")}\n`;
}

function acknowledgedText(f: PolicyFinding): string {
  const ack = f.acknowledged;
  return ack ? `"${ack.reason}"${ack.scope ? ` (acknowledged on ${ack.scope})` : ""}` : "";
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

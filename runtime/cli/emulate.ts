import type { Command } from "commander";
import { formatFailure } from "../checkers/sim-failure";
import { formatClock as clock, formatSeconds as seconds } from "../report/format";
import { renderHtmlReport } from "../report/html-report";
import type { EmulationResult } from "../scenarios/emulation-result";
import type { EmulationRegistry } from "../scenarios/registry";
import { EXIT, type ExitStatus } from "./exit-codes";
import type { CliIo } from "./io";
import { OutputFiles, type OutputRequest } from "./output-file";
import { addRunOptions, type RunFlags, runFromFlags, SCENARIO_HELP } from "./run-flags";

interface EmulateFlags extends RunFlags {
  readonly scenario: string;
  readonly json?: boolean;
  readonly trace?: string;
  readonly report?: string;
  readonly force?: boolean;
}

export function registerEmulate(program: Command, io: CliIo, status: ExitStatus, registry?: EmulationRegistry): void {
  addRunOptions(
    program
      .command("emulate")
      .description("run a scenario against the plan's mock cloud in the deterministic simulator; exit 1 when an invariant fails")
      .argument("<plan>", "a cdk.tf.json file, or a directory holding one (cdktf.out/stacks/<stack>)")
      .requiredOption("--scenario <name|file>", SCENARIO_HELP),
  )
    .option("--json", "print the result as one JSON document (DESIGN.md §7)")
    .option("--trace <file>", "also write the trace (one line per event) to this file; - for standard output")
    .option("--report <file>", "also write a self-contained HTML report (timeline, recovery figures, invariants); - for standard output")
    .option("--force", "let --trace and --report replace an existing file, or write through a symbolic link, into a device or a FIFO")
    .action((plan: string, flags: EmulateFlags) => {
      // Every output is checked before the run: a bad --report never leaves a --trace behind.
      const requests: OutputRequest[] = [];
      if (flags.trace !== undefined) requests.push({ flag: "--trace", path: flags.trace });
      if (flags.report !== undefined) requests.push({ flag: "--report", path: flags.report });
      const outputs = OutputFiles.check(requests, { force: flags.force === true, ...(flags.json ? { stdoutTaken: "--json" } : {}) });
      const lines: string[] = [];
      const {
        topology,
        emulation: run,
        commands,
      } = runFromFlags(plan, flags.scenario, flags, registry, requests.length ? (l) => lines.push(l) : undefined);
      if (outputs.has("--trace")) outputs.set("--trace", lines.length ? `${lines.join("\n")}\n` : "");
      if (outputs.has("--report"))
        outputs.set(
          "--report",
          renderHtmlReport({ plan, result: run.result, traceLines: lines, replayCommand: commands.emulate, notes: run.notes }),
        );
      // With an output on standard output, the human summary moves to standard error.
      const say = outputs.toStdout() ? io.err : io.out;
      const summary = flags.json
        ? `${JSON.stringify(run.result, null, 2)}\n`
        : formatSummary(topology.source, run.result, run.notes, commands.emulate);
      try {
        outputs.commit(io.out);
      } catch (e) {
        // The run finished: its result is still worth having next to the write error.
        say(summary);
        throw e;
      }
      say(`${summary}${!flags.json && flags.report !== undefined && flags.report !== "-" ? `Report: ${flags.report}\n` : ""}`);
      if (run.report.failure) {
        io.err(`${formatFailure(run.report.failure)}\n`);
        status.code = EXIT.violation;
      }
    });
}

/** The human view: what ran, each invariant, then the sections that have rows. */
export function formatSummary(plan: string, r: EmulationResult, notes: readonly string[], replay: string): string {
  const lines = [
    `Plan      ${plan}`,
    `Scenario  ${r.scenario} (seed ${r.seed}, profile ${r.profile})`,
    `Ran       ${clock(r.virtualDurationMs)} of virtual time, ${r.events} events, trace ${r.traceHash?.slice(0, 16) ?? "(off)"}`,
    "",
    "Invariants",
    ...r.invariants.map(
      (i) =>
        `  ${i.ok ? "ok  " : "FAIL"} ${i.id} (${i.checks} checks)${i.firstViolation ? `: ${i.firstViolation.message} at ${clock(i.firstViolation.atMs)}` : ""}`,
    ),
  ];
  if (r.failovers.length) {
    lines.push("", "Failovers");
    for (const f of r.failovers) {
      lines.push(
        `  ${f.resource}: ${f.fromAz} -> ${f.toAz} (${f.fromInstance} -> ${f.toInstance})`,
        `    detected ${clock(f.detectedAtMs)}, new writer ${clock(f.completedAtMs)}, clients back after ${seconds(f.clientOutageMs)}${f.repairedWith ? `; replica again in ${f.repairedWith.az} at ${clock(f.repairedWith.atMs)}` : ""}`,
      );
      if (f.rto)
        lines.push(
          `    ${f.cause === "planned" ? "planned" : "lost"}: detection ${seconds(f.rto.detectionMs)} + promotion ${seconds(f.rto.promotionMs)} + switch ${seconds(f.rto.switchMs)}; epoch ${f.epoch}; acknowledged writes lost ${f.lostAckedWrites}`,
        );
    }
  }
  if (r.revocations.length) lines.push("", "Revocations", ...r.revocations.map((row) => `  ${JSON.stringify(row)}`));
  if (r.restores.length)
    lines.push(
      "",
      "Restores",
      ...r.restores.map(
        (x) =>
          `  ${x.kind} of ${x.source} into ${x.target}, point ${clock(x.pointMs)}: ${x.verified ? "verified" : "NOT verified"} against the client's writes`,
      ),
    );
  if (r.cache) {
    const c = r.cache;
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    lines.push(
      "",
      "Cache",
      `  kept ${c.kept} of ${c.entriesBefore} entries after the last recovery, ${c.invalidated} invalidated; available after ${c.timeToAvailableMs} ms, ${c.backendReadsDuringRecovery} storage reads`,
      `  hit ratio ${pct(c.hitRatioBefore)} before, ${pct(c.hitRatioAfterFirst10k)} over the first 10k reads after`,
    );
  }
  if (r.groups) lines.push("", `Groups    ${JSON.stringify(r.groups)}`);
  for (const n of notes) lines.push(`Note: ${n}`);
  const failed = r.invariants.filter((i) => !i.ok);
  lines.push("", failed.length ? `FAILED: ${failed.map((i) => i.id).join(", ")}` : "Every invariant held.", `Replay: ${replay}`);
  return `${lines.join("\n")}\n`;
}

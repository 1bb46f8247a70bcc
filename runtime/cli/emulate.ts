import type { Command } from "commander";
import type { ClientRequestsRow, EmulationResult } from "../contract/emulation-result";
import type { Emulation } from "../emulation/emulate";
import { formatClock as clock, formatSeconds as seconds } from "../report/format";
import { renderHtmlReport } from "../report/html-report";
import { formatJson } from "../report/json";
import { modelledByResource } from "../report/modelled";
import type { EmulationRegistry } from "../scenarios/registry";
import { formatFailure } from "../sim/sim-failure";
import { EXIT, type ExitStatus } from "./exit-codes";
import type { CliIo } from "./io";
import { OutputFiles, type OutputRequest } from "./output-file";
import { addDatabaseOption, addRunOptions, type RunFlags, runFromFlags, scenarioHelp } from "./run-flags";

interface EmulateFlags extends RunFlags {
  readonly scenario: string;
  readonly json?: boolean;
  readonly trace?: string;
  readonly report?: string;
  readonly force?: boolean;
}

export function registerEmulate(program: Command, io: CliIo, status: ExitStatus, registry?: EmulationRegistry): void {
  addDatabaseOption(
    addRunOptions(
      program
        .command("emulate")
        .description("run a scenario against the plan's mock cloud in the deterministic simulator; exit 1 when an invariant fails")
        .argument("<plan>", "a cdk.tf.json file, or a directory holding one (cdktf.out/stacks/<stack>)")
        .requiredOption("--scenario <name|file>", scenarioHelp(registry)),
    ),
  )
    .option("--json", "print the result as one JSON document (for scripts)")
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
      // A run that judged nothing writes no outputs: exit 2 leaves nothing behind, as bad input does.
      const judged = run.result.verdict !== "not-judged";
      if (outputs.has("--trace")) outputs.set("--trace", lines.length ? `${lines.join("\n")}\n` : "");
      if (outputs.has("--report"))
        outputs.set(
          "--report",
          renderHtmlReport({ plan, result: run.result, traceLines: lines, replayCommand: commands.emulate, notes: run.notes, topology }),
        );
      // With an output on standard output, the human summary moves to standard error.
      const say = judged && outputs.toStdout() ? io.err : io.out;
      const summary = flags.json ? `${formatJson(run.result)}\n` : formatSummary(topology.source, run.result, run.notes, commands.emulate);
      if (judged) {
        try {
          outputs.commit(io.out);
        } catch (e) {
          // The run finished: its result is still worth having next to the write error.
          say(summary);
          throw e;
        }
      }
      say(`${summary}${judged && !flags.json && flags.report !== undefined && flags.report !== "-" ? `Report: ${flags.report}\n` : ""}`);
      reportVerdict(io, status, run);
    });
}

/**
 * Sets the exit code from the run's verdict and says on stderr what went wrong: 1 with the failure
 * and its replay command when an invariant failed; 2 when the run judged nothing.
 */
export function reportVerdict(io: CliIo, status: ExitStatus, run: Emulation): void {
  if (run.report.failure) {
    io.err(`${formatFailure(run.report.failure)}\n`);
    status.code = EXIT.violation;
  } else if (run.result.verdict === "not-judged") {
    io.err(`Not judged: ${run.result.notJudged}\nFix: ${notJudgedFix(run.result)}\n`);
    status.code = Math.max(status.code, EXIT.badInput);
  }
}

/** What to do about a run that judged nothing. */
export function notJudgedFix(r: EmulationResult): string {
  if (r.experiment.failure)
    return 'make the target select resources of this plan (check its resourceArns, resourceTags and zone parameters against the plan, tags included from the provider\'s default_tags), or set experiment_options.empty_target_resolution_mode = "skip" if an empty target is expected';
  if (r.modelled.length === 0)
    return "emulate a plan that holds a database, a contingency service or processing nodes (what each kind of resource runs: docs/emulator/verdicts.md)";
  return "run a scenario that strikes what the plan holds: a zone its database runs in (--az), or an FIS template that targets its resources";
}

/** ` (between 2m00.000s and 2m26.000s)`: the first and last bucket with a failure, over the incidents. */
function failureSpan(c: ClientRequestsRow): string {
  const spans = c.incidents.flatMap((s) =>
    s.failed.flatMap((n, i) => (n > 0 ? [[s.fromMs + i * s.bucketMs, s.fromMs + (i + 1) * s.bucketMs] as const] : [])),
  );
  const first = spans[0];
  const last = spans[spans.length - 1];
  return first && last ? ` (between ${clock(first[0])} and ${clock(last[1])})` : "";
}

/** The human view: what ran, each invariant, then the sections that have rows. */
export function formatSummary(plan: string, r: EmulationResult, notes: readonly string[], replay: string): string {
  const lines = [
    `Plan      ${plan}`,
    `Scenario  ${r.scenario} (seed ${r.seed}, profile ${r.profile})`,
    `Ran       ${clock(r.virtualDurationMs)} of virtual time, ${r.events} events, trace ${r.traceHash?.slice(0, 16) ?? "(off)"}`,
    ...modelledLines(r),
    ...notRunLines(r),
    ...experimentLines(r),
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
  if (r.clients.length) {
    lines.push("", "Clients");
    for (const c of r.clients)
      lines.push(
        `  ${c.database}: ${c.succeeded} of ${c.sent} requests succeeded, ${c.failed} failed${failureSpan(c)}; acknowledged writes lost ${c.acknowledgedWritesLost}`,
      );
  }
  if (r.recovery?.length) {
    lines.push("", "Recovery (what each database's clients saw)");
    for (const x of r.recovery) {
      const failed = x.outages.reduce((n, o) => n + o.failed, 0);
      const cut =
        x.longestOutageMs === null
          ? "cut off until the run ended"
          : x.outages.length === 0
            ? "no failed request"
            : `cut off ${seconds(x.longestOutageMs)} at most (${x.outages.length} outage${x.outages.length === 1 ? "" : "s"}, ${failed} failed request${failed === 1 ? "" : "s"})`;
      const lost =
        x.acknowledgedWritesLost === undefined
          ? ""
          : `; acknowledged writes lost ${x.acknowledgedWritesLost}${x.acknowledgedWritesLost ? ` over ${seconds(x.dataLossWindowMs ?? 0)}` : ""}`;
      lines.push(`  ${x.database}: ${cut}${lost}`);
    }
  }
  if (r.revocations.length)
    lines.push(
      "",
      `Revocations${ofResources(r.revocations.map((x) => x.resource))}`,
      ...r.revocations.map((row) => `  ${JSON.stringify(row)}`),
    );
  if (r.restores.length)
    lines.push(
      "",
      `Restores${ofResources(r.restores.map((x) => x.database))}`,
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
      `Cache${c.database ? ` (the writer's buffer cache of ${c.database})` : ""}`,
      `  kept ${c.kept} of ${c.entriesBefore} entries after the last recovery, ${c.invalidated} invalidated; available after ${c.timeToAvailableMs} ms, ${c.backendReadsDuringRecovery} storage reads`,
      `  hit ratio ${pct(c.hitRatioBefore)} before, ${pct(c.hitRatioAfterFirst10k)} over the first 10k reads after`,
    );
  }
  if (r.groups) lines.push("", `Groups    ${JSON.stringify(r.groups)}`);
  for (const n of notes) lines.push(`Note: ${n}`);
  const failed = r.invariants.filter((i) => !i.ok);
  const verdict = failed.length
    ? `FAILED: ${failed.map((i) => i.id).join(", ")}`
    : r.verdict === "not-judged"
      ? `NOT JUDGED: ${r.notJudged}`
      : "Every invariant held.";
  lines.push("", verdict, `Replay: ${replay}`);
  return `${lines.join("\n")}\n`;
}

/** ` (of a, b)` for the plan resources a section's rows model. */
function ofResources(resources: readonly (string | undefined)[]): string {
  const named = [...new Set(resources.filter((x): x is string => x !== undefined))];
  return named.length ? ` (${named.join(", ")})` : "";
}

/** One line per plan resource the run modelled: what ran for it, and whether the scenario reached it. */
function modelledLines(r: EmulationResult): string[] {
  const rows = modelledByResource(r);
  if (rows.length === 0) return ["Modelled  nothing"];
  return rows.map(
    (e, i) =>
      `${i === 0 ? "Modelled" : "        "}  ${e.resource} (${e.components.join(", ")})${e.struck ? "" : ", not reached by the scenario"}`,
  );
}

/** One line per component that did not run, and why: none of its invariants is in the list below. */
function notRunLines(r: EmulationResult): string[] {
  return r.notRun.map((n, i) => `${i === 0 ? "Not run" : "       "}   ${n.component}: ${n.why}`);
}

/** The experiment's failure or skipped actions, when there were any. */
function experimentLines(r: EmulationResult): string[] {
  const x = r.experiment;
  if (x.failure) return [`FIS       experiment FAILED: target ${x.failure.target} resolved to no resource: ${x.failure.why}`];
  return x.skipped.map((s, i) => `${i === 0 ? "Skipped" : "       "}   ${s.action} (target ${s.target}: ${s.why})`);
}

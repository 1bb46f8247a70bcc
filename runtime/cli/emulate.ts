import { writeFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { formatFailure } from "../checkers/sim-failure";
import { loadPlan } from "../plan/load-plan";
import { emulate } from "../scenarios/emulate";
import type { EmulationResult } from "../scenarios/emulation-result";
import type { EmulationRegistry } from "../scenarios/registry";
import { ScenarioError } from "../scenarios/scenario-error";
import { SEED_MAX } from "../sim/random";
import { EXIT, type ExitStatus } from "./exit-codes";
import type { CliIo } from "./io";

interface EmulateFlags {
  readonly scenario: string;
  readonly seed: string;
  readonly az?: string;
  readonly profile: "realistic" | "fast";
  readonly json?: boolean;
  readonly trace?: string;
}

export function registerEmulate(program: Command, io: CliIo, status: ExitStatus, registry?: EmulationRegistry): void {
  program
    .command("emulate")
    .description("run a scenario against the plan's mock cloud in the deterministic simulator; exit 1 when an invariant fails")
    .argument("<plan>", "a cdk.tf.json file, or a directory holding one (cdktf.out/stacks/<stack>)")
    .requiredOption(
      "--scenario <name|file>",
      "az-outage, writer-crash, spot-reclaim, disk-stall, an FIS template of the plan, or a JSON file",
    )
    .requiredOption("--seed <n>", "root seed (an integer from 0 to 2^53-1); the same seed replays the same run")
    .option("--az <zone>", "the zone zonal scenarios strike (default: the first writer's zone)")
    .addOption(new Option("--profile <profile>", "timing profile").choices(["realistic", "fast"]).default("realistic"))
    .option("--json", "print the result as one JSON document (DESIGN.md §7)")
    .option("--trace <file>", "also write the trace (one line per event) to this file")
    .action((plan: string, flags: EmulateFlags) => {
      const seed = parseSeed(flags.seed);
      const topology = loadPlan(plan);
      const lines: string[] = [];
      const replay = (s: number, _scenario: string) =>
        [
          "cdktf-resilience emulate",
          quote(plan),
          "--scenario",
          quote(flags.scenario),
          "--seed",
          String(s),
          "--profile",
          flags.profile,
          ...(flags.az ? ["--az", quote(flags.az)] : []),
        ].join(" ");
      const run = emulate({
        topology,
        scenario: flags.scenario,
        seed,
        profile: flags.profile,
        ...(flags.az !== undefined ? { az: flags.az } : {}),
        replayCommand: replay,
        ...(registry ? { registry } : {}),
        ...(flags.trace !== undefined ? { trace: { sink: (l: string) => lines.push(l) } } : {}),
      });
      if (flags.trace !== undefined) writeFileSync(flags.trace, lines.length ? `${lines.join("\n")}\n` : "");
      io.out(
        flags.json
          ? `${JSON.stringify(run.result, null, 2)}\n`
          : formatSummary(topology.source, run.result, run.notes, replay(seed, flags.scenario)),
      );
      if (run.report.failure) {
        io.err(`${formatFailure(run.report.failure)}\n`);
        status.code = EXIT.violation;
      }
    });
}

function parseSeed(text: string): number {
  const n = /^\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isSafeInteger(n) && n <= SEED_MAX) return n;
  throw new ScenarioError(
    `--seed ${text} is not a seed.`,
    [{ path: "--seed", message: `found "${text}"`, expected: `an integer from 0 to ${SEED_MAX}` }],
    "pass a whole number, e.g. --seed 42 (the same seed replays the same run)",
  );
}

function quote(s: string): string {
  return /^[\w./:@=-]+$/.test(s) ? s : JSON.stringify(s);
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
    }
  }
  for (const [title, rows] of [
    ["Revocations", r.revocations],
    ["Restores", r.restores],
  ] as const)
    if (rows.length) lines.push("", title, ...rows.map((row) => `  ${JSON.stringify(row)}`));
  if (r.cache) lines.push("", `Cache     ${JSON.stringify(r.cache)}`);
  if (r.groups) lines.push("", `Groups    ${JSON.stringify(r.groups)}`);
  for (const n of notes) lines.push(`Note: ${n}`);
  const failed = r.invariants.filter((i) => !i.ok);
  lines.push("", failed.length ? `FAILED: ${failed.map((i) => i.id).join(", ")}` : "Every invariant held.", `Replay: ${replay}`);
  return `${lines.join("\n")}\n`;
}

/** `1h17m00.000s`-style virtual time. */
function clock(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = ((ms % 60_000) / 1000).toFixed(3).padStart(6, "0");
  return `${h ? `${h}h` : ""}${h || m ? `${String(m).padStart(h ? 2 : 1, "0")}m` : ""}${s}s`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

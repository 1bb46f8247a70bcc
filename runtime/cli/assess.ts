import { availableParallelism } from "node:os";
import Table from "cli-table3";
import { type Command, Option } from "commander";
import { assess } from "../assess/assess";
import type { Assessment, DisruptionAssessment, MeasureSummary } from "../assess/assessment";
import { loadPlan } from "../plan/load-plan";
import { assertJudgeable } from "../plan/unknown-blockers";
import { renderAssessmentPage } from "../report/assessment-page";
import { formatSeconds } from "../report/format";
import { SEED_MAX } from "../sim/random";
import { CliInputError, parseCount } from "./cli-error";
import { EXIT, type ExitStatus } from "./exit-codes";
import { addInputSizeOption, type InputSizeFlags, inputLimits } from "./input-size";
import type { CliIo } from "./io";
import { OutputFiles } from "./output-file";
import { parseSeed } from "./run-flags";

interface AssessFlags extends InputSizeFlags {
  readonly seeds: string;
  readonly firstSeed: string;
  readonly parallel?: string;
  readonly profile: "realistic" | "fast";
  readonly json?: boolean;
  readonly strict?: boolean;
  readonly buggify?: boolean;
  readonly report?: string;
  readonly force?: boolean;
}

/** Seeds per scenario when `--seeds` is left out: the Aurora example's three scenarios (150 runs) in about a minute on 2 cores. */
export const ASSESS_SEEDS_DEFAULT = 50;
const SEEDS_MAX = 1_000_000;

export function registerAssess(program: Command, io: CliIo, status: ExitStatus): void {
  const cmd = program
    .command("assess")
    .description(
      "judge the plan's resiliency policies (aws_resiliencehub_resiliency_policy): run each governed database's disruptions over many seeds, measure RTO and RPO from what its clients saw, and compare with the targets; exit 1 when a target is breached",
    )
    .argument("<plan>", "a cdk.tf.json file, or a directory holding one")
    .option("--seeds <n>", "seeds per scenario", String(ASSESS_SEEDS_DEFAULT))
    .option("--first-seed <n>", "the first seed; seeds run first-seed … first-seed+seeds-1", "1")
    .option("--parallel <p>", "worker threads (default: the machine's available parallelism)")
    .addOption(new Option("--profile <profile>", "timing profile").choices(["realistic", "fast"]).default("realistic"))
    .option("--buggify", "add the BUGGIFY sites' seeded second faults to every run (a policy's disruption is one fault by default)")
    .option("--strict", "exit 2 when a target cannot be assessed (a region target, an engine without a client model)")
    .option("--json", "print the assessment as one JSON document")
    .option(
      "--report <file>",
      "also write a self-contained HTML page: per database and disruption, RTO and RPO histograms across seeds with the target drawn on them, the breaching seeds with replay commands, the advice; - for standard output",
    )
    .option("--force", "let --report replace an existing file, or write through a symbolic link, into a device or a FIFO");
  addInputSizeOption(cmd).action(async (plan: string, flags: AssessFlags) => {
    const seeds = parseCount("--seeds", flags.seeds, 1, SEEDS_MAX);
    const firstSeed = parseSeed(flags.firstSeed);
    if (seeds - 1 > SEED_MAX - firstSeed)
      throw new CliInputError(
        "--first-seed",
        flags.firstSeed,
        `with ${seeds} seeds runs past the largest seed ${SEED_MAX}`,
        `pass --first-seed ${SEED_MAX - seeds + 1} or less, or fewer seeds`,
      );
    // The page's file is checked before any seed runs: a bad --report costs nothing and leaves nothing.
    const outputs = OutputFiles.check(flags.report === undefined ? [] : [{ flag: "--report", path: flags.report }], {
      force: flags.force === true,
      ...(flags.json ? { stdoutTaken: "--json" } : {}),
    });
    const cores = availableParallelism();
    const parallel = flags.parallel === undefined ? cores : parseCount("--parallel", flags.parallel, 1, cores);
    const limits = inputLimits(flags);
    const topology = loadPlan(plan, limits);
    assertJudgeable(topology);
    const policies = topology.resiliencePolicies ?? [];
    if (policies.length === 0 || policies.every((p) => p.governs.length === 0))
      throw new CliInputError(
        "<plan>",
        plan,
        policies.length === 0
          ? "holds no aws_resiliencehub_resiliency_policy, so there is no target to assess"
          : `has resiliency ${policies.length === 1 ? "policy" : "policies"} ${policies.map((p) => p.name).join(", ")}, but no database names one in its resilience:policy tag`,
        policies.length === 0
          ? "add a ResiliencePolicy construct (or an aws_resiliencehub_resiliency_policy resource) and tag the databases it governs with resilience:policy = <its name>"
          : `tag each governed database with resilience:policy = ${policies[0]?.name} (ResiliencePolicy.govern(database), or tags in plain Terraform)`,
      );
    const result = await assess({
      plan,
      topology,
      seeds,
      firstSeed,
      profile: flags.profile,
      parallel,
      buggify: flags.buggify === true,
      inputLimits: limits,
    });
    const summary = flags.json ? `${JSON.stringify(result, null, 2)}\n` : formatAssessment(result);
    // Nothing assessed exits 2 as bad input does, and like it leaves no page behind.
    const written = outputs.has("--report") && result.verdict !== "nothing-assessed";
    // With the page on standard output, the human summary moves to standard error.
    const say = written && outputs.toStdout() ? io.err : io.out;
    if (written) {
      outputs.set("--report", renderAssessmentPage(result));
      try {
        outputs.commit(io.out);
      } catch (e) {
        // The seeds ran: their assessment is still worth having next to the write error.
        say(summary);
        throw e;
      }
    }
    say(`${summary}${written && !flags.json && flags.report !== "-" ? `Report: ${flags.report}\n` : ""}`);
    if (outputs.has("--report") && !written) io.err("No report written: nothing was assessed, so there is nothing to draw.\n");
    status.code = exitCodeOf(result, flags.strict === true);
  });
}

/** 1 on a breach (or an invariant failure); 2 when nothing could be assessed, or with --strict when a target was not; else 0. */
export function exitCodeOf(a: Assessment, strict: boolean): number {
  if (a.verdict === "breached" || a.verdict === "invariant-failed") return EXIT.violation;
  if (a.verdict === "nothing-assessed") return EXIT.badInput;
  if (strict && a.verdict !== "met") return EXIT.badInput;
  return EXIT.ok;
}

const ms = (x: number | null) => (x === null ? "never" : formatSeconds(x));

function measure(m: MeasureSummary | undefined): string {
  return m ? `${ms(m.p50Ms)} / ${ms(m.p99Ms)} / ${ms(m.maxMs)} (target ${m.target})` : "-";
}

/** One table per policy, then each breach's worst seed and advice, then what was not assessed and the verdict. */
export function formatAssessment(a: Assessment): string {
  const lines = [
    `Assessed ${a.plan}: ${a.runs} runs (${a.seeds} seeds per scenario from seed ${a.firstSeed}, profile ${a.profile}) in ${a.mode}.`,
  ];
  const breaches: { db: string; d: DisruptionAssessment }[] = [];
  const unassessed: { db: string; d: DisruptionAssessment }[] = [];
  for (const p of a.policies) {
    lines.push("", `Policy ${p.policy} (${p.tier}, ${p.address})`);
    const table = new Table({
      head: ["database", "disruption", "verdict", "runs", "RTO p50 / p99 / max", "RPO p50 / p99 / max", "breaching seeds"],
      style: { head: [], border: [] },
    });
    for (const db of p.databases)
      for (const d of db.disruptions) {
        table.push([
          db.database,
          d.type,
          d.verdict === "breached" ? "BREACHED" : d.verdict === "met" ? "met" : "not assessed",
          d.runs,
          measure(d.rto),
          measure(d.rpo),
          d.breachFraction === undefined ? "-" : `${(d.breachFraction * 100).toFixed(1)}%`,
        ]);
        if (d.verdict === "breached") breaches.push({ db: db.database, d });
        if (d.verdict === "not-assessed") unassessed.push({ db: db.database, d });
      }
    if (p.databases.length === 0) lines.push("  governs no database (no database's resilience:policy tag names it)");
    else lines.push(table.toString());
  }
  for (const { db, d } of breaches) {
    lines.push("", `BREACHED: ${db}, ${d.type} (${d.scenarios.join(", ")})`);
    if (d.worst)
      lines.push(
        `  worst seed ${d.worst.seed}: clients cut off ${ms(d.worst.rtoMs)}, ${d.worst.acknowledgedWritesLost} acknowledged writes lost`,
        `  replay: ${d.worst.replay}`,
      );
    for (const advice of d.advice ?? []) lines.push(`  - ${advice}`);
  }
  for (const { db, d } of unassessed) lines.push("", `Not assessed: ${db}, ${d.type}: ${d.reason}`);
  for (const u of a.ungoverned) lines.push(`Not judged: ${u}: no resiliency policy governs it (no resilience:policy tag).`);
  if (a.failures.length) {
    lines.push("", "Invariants failed:");
    for (const f of a.failures.slice(0, 20)) lines.push(`  ${f.message}`, `    replay: ${f.replay}`);
  }
  lines.push(
    "",
    a.verdict === "met"
      ? "Every target met in every seed."
      : a.verdict === "invariant-failed"
        ? "FAILED: an invariant failed (see above); no figure counts until it holds."
        : a.verdict === "breached"
          ? "BREACHED: a target was missed (see above)."
          : a.verdict === "met-where-assessed"
            ? `Met where assessed; ${unassessed.length} target${unassessed.length === 1 ? " was" : "s were"} NOT assessed (--strict makes that exit 2).`
            : "NOTHING ASSESSED: no target could be measured.",
  );
  return `${lines.join("\n")}\n`;
}

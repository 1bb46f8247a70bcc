import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { SingleBar } from "cli-progress";
import Table from "cli-table3";
import { type Command, Option } from "commander";
import { type CampaignSummary, campaignRefusal, runCampaignRuns, scenariosNotRun } from "../campaign/campaign";
import { campaignResult } from "../campaign/result-file";
import { defaultRegistry } from "../emulation/default-registry";
import { loadPlan } from "../plan/load-plan";
import { assertJudgeable } from "../plan/unknown-blockers";
import { formatSeconds } from "../report/format";
import { unreachedPoints } from "../sim/coverage";
import { SEED_MAX } from "../sim/random";
import {
  planDigests,
  RESULT_OPTION,
  registerCampaignMerge,
  resultOutputOf,
  SHARD_OPTION,
  type ShardFlags,
  shardOf,
  writeResultAndSummary,
} from "./campaign-results";
import { CliInputError, parseCount } from "./cli-error";
import { EXIT, type ExitStatus } from "./exit-codes";
import { addInputSizeOption, type InputSizeFlags, inputLimits } from "./input-size";
import type { CliIo } from "./io";
import { packageVersion } from "./package-version";
import { parseSeed } from "./run-flags";

interface CampaignFlags extends InputSizeFlags, ShardFlags {
  readonly seeds?: string;
  readonly total?: string;
  readonly parallel?: string;
  readonly scenario?: string[];
  readonly firstSeed: string;
  readonly profile: "realistic" | "fast";
  readonly json?: boolean;
  readonly progress: boolean;
  readonly buggify: boolean;
  readonly force?: boolean;
}

/** Upper bound on seeds per plan × scenario: a campaign is bounded work. */
const SEEDS_MAX = 1_000_000;

/** Upper bound on worker threads even with --force (each holds its own heap, ~50 MB and up). */
const PARALLEL_MAX = 256;

/** Campaign runs use the default registry: worker threads cannot receive a registry object. */
export function registerCampaign(program: Command, io: CliIo, status: ExitStatus): void {
  const campaign = program
    .command("campaign")
    .description(
      "run many seeds of every scenario on one or more plans over worker threads; print a summary table and each failing seed with its replay command; exit 1 on any violation",
    )
    .argument("<plans...>", "cdk.tf.json files, or directories holding one")
    .option("--seeds <n>", "seeds per plan and scenario")
    .option("--total <runs>", "a budget of runs spread evenly: seeds per plan and scenario = ⌈runs ÷ the plan × scenario pairs that run⌉")
    .option("--parallel <p>", "worker threads (default and most: the machine's available parallelism, unless --force)")
    .option(
      "--scenario <name>",
      "a scenario to run (repeat for several; default: every named scenario, on each plan it can reach; one a plan cannot reach is refused)",
      collect,
    )
    .option("--first-seed <n>", "the first seed; seeds run first-seed … first-seed+seeds-1", "1")
    .addOption(new Option("--profile <profile>", "timing profile").choices(["realistic", "fast"]).default("realistic"))
    .option("--json", "print the summary as one JSON document")
    .option("--no-progress", "no progress bar (it is drawn only on a terminal anyway)")
    .option("--no-buggify", "run each scenario exactly, without the BUGGIFY sites' seeded second faults")
    .option("--force", "let --parallel exceed the machine's available parallelism, and --result replace an existing file")
    .option(...SHARD_OPTION)
    .option(...RESULT_OPTION);
  addInputSizeOption(campaign).action(async (plans: string[], flags: CampaignFlags) => {
    if ((flags.seeds === undefined) === (flags.total === undefined))
      throw new CliInputError(
        "--seeds/--total",
        flags.seeds === undefined ? "(neither given)" : `${flags.seeds} and ${flags.total}`,
        "is not a campaign size: exactly one of the two says how many runs",
        "pass --seeds <n> (per plan and scenario) or --total <runs> (for the whole campaign)",
      );
    const cores = availableParallelism();
    const parallel = flags.parallel === undefined ? cores : parseCount("--parallel", flags.parallel, 1, PARALLEL_MAX);
    // Threads beyond the cores only add heaps: 256 threads on 2 cores took 3.5 GB and ran no faster.
    if (parallel > cores && !flags.force)
      throw new CliInputError(
        "--parallel",
        String(parallel),
        `is more worker threads than this machine's ${cores} available core${cores === 1 ? "" : "s"}; each thread holds its own heap and more do not run faster`,
        `pass --parallel ${cores} or less (or leave it out), or add --force to run ${parallel} anyway`,
      );
    const firstSeed = parseSeed(flags.firstSeed);
    const shard = shardOf(flags);
    const { path: resultPath, outputs } = resultOutputOf(flags, shard);
    const limits = inputLimits(flags);
    const known = defaultRegistry()
      .scenarios()
      .map((s) => s.name);
    const scenarios = flags.scenario ?? known;
    // Plans and scenarios are checked before anything runs, so bad input never starts a worker.
    const topologies = plans.map((p) => loadPlan(p, limits));
    // A plan whose databases depend on values it does not fix is refused here, not in every worker.
    for (const t of topologies) assertJudgeable(t);
    const templates = topologies.map((t) => t.fisTemplates.flatMap((f) => [f.address, f.address.split(".")[1] as string]));
    for (const s of scenarios)
      if (!known.includes(s) && !existsSync(s) && !templates.every((t) => t.includes(s)))
        throw new CliInputError(
          "--scenario",
          s,
          "is not a named scenario, a scenario file, or an FIS template of every plan",
          `pass one of ${known.join(", ")}, a scenario file, or a template every plan has`,
        );
    const units = plans.length * scenarios.length;
    const seedsGiven = flags.seeds !== undefined ? parseCount("--seeds", flags.seeds, 1, SEEDS_MAX) : undefined;
    const totalGiven = flags.total !== undefined ? parseCount("--total", flags.total, 1, SEEDS_MAX * units) : undefined;
    // Scenarios that reach nothing a plan holds are not run there (each would end every seed "not
    // judged"); one the user named is refused, and so is a campaign left with nothing to run.
    const notRun = scenariosNotRun({ plans, scenarios, seeds: 1, firstSeed, profile: flags.profile, inputLimits: limits });
    const refused = campaignRefusal(plans, scenarios, flags.scenario !== undefined, notRun);
    if (refused) throw new CliInputError(refused.flag, refused.value, refused.problem, refused.fix);
    // A --total budget is spread over the plan × scenario pairs that run.
    const runnable = units - notRun.length;
    const seeds = seedsGiven ?? Math.ceil((totalGiven as number) / runnable);
    if (seeds > SEEDS_MAX)
      throw new CliInputError(
        "--total",
        flags.total ?? "",
        `asks ${seeds} seeds of each of the ${runnable} plan × scenario pairs that run, more than ${SEEDS_MAX}`,
        `pass --total ${SEEDS_MAX * runnable} or less`,
      );
    // Compared as a difference: past 2^53 the sum itself is no longer exact.
    if (seeds - 1 > SEED_MAX - firstSeed)
      throw new CliInputError(
        "--first-seed",
        flags.firstSeed,
        `with ${seeds} seeds runs to seed ${BigInt(firstSeed) + BigInt(seeds - 1)}, past the largest seed ${SEED_MAX} (seeds are integers from 0 to 2^53-1)`,
        `pass --first-seed ${SEED_MAX - seeds + 1} or less, or fewer seeds`,
      );
    const options = { plans, scenarios, seeds, firstSeed, profile: flags.profile, buggify: flags.buggify, ...(shard ? { shard } : {}) };
    const bar =
      flags.progress && !flags.json && process.stderr.isTTY
        ? new SingleBar({
            format: "campaign [{bar}] {value}/{total} runs | violations: {violations} | {eta_formatted} left",
            hideCursor: true,
          })
        : undefined;
    const all = runnable * seeds;
    const total = shard ? Math.floor(all / shard.count) + (all % shard.count >= shard.index ? 1 : 0) : all;
    bar?.start(total, 0, { violations: 0 });
    const planSha256 = resultPath !== undefined ? planDigests(plans) : {};
    const { summary, runs } = await runCampaignRuns({
      ...options,
      notRun,
      parallel,
      inputLimits: limits,
      onProgress: (done, _t, violations) => bar?.update(done, { violations }),
    });
    bar?.stop();
    writeResultAndSummary(
      outputs,
      campaignResult(options, shard ?? { index: 1, count: 1 }, runs, planSha256, packageVersion(), notRun),
      flags.json ? `${JSON.stringify(summary, null, 2)}\n` : formatCampaign(summary),
      io,
    );
    if (summary.violations) status.code = EXIT.violation;
  });
  registerCampaignMerge(campaign, io, status, formatCampaign);
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Table per plan × scenario, the failing seeds with replay commands, rare paths, and the last line. */
export function formatCampaign(s: CampaignSummary): string {
  const table = new Table({
    head: ["plan", "scenario", "runs", "violations", "not judged", "failovers", "worst client outage", "virtual hours"],
    style: { head: [], border: [] },
  });
  for (const r of s.rows)
    table.push([
      r.plan,
      r.scenario,
      r.runs,
      r.violations,
      r.notJudged,
      r.failovers,
      formatSeconds(r.clientOutageMsMax),
      r.virtualHours.toFixed(1),
    ]);
  const lines = [`Ran ${s.runs} runs in ${s.mode}.`, table.toString()];
  if (s.notRun.length) {
    lines.push("", "Not run (the scenario reaches nothing the plan holds; decided before any seed ran):");
    for (const x of s.notRun) lines.push(`  not run on ${x.plan}: ${x.scenario}: ${x.why}`);
  }
  if (s.failures.length) {
    lines.push("", "Failing seeds:");
    for (const f of s.failures)
      lines.push(
        `  ${f.unit.scenario} seed ${f.unit.seed}: ${f.kind}${f.invariant ? ` ${f.invariant}` : ""}: ${f.message}`,
        `    replay: ${f.replay}`,
      );
  }
  const points = Object.keys(s.coverage);
  if (points.length) {
    const never = unreachedPoints(s.coverage);
    lines.push(
      "",
      `Rare paths reached: ${points.length - never.length} of ${points.length}${never.length ? ` (never: ${never.join(", ")})` : ""}`,
    );
  }
  if (s.notJudged)
    lines.push(
      `Not judged: ${s.notJudged} run${s.notJudged === 1 ? "" : "s"} whose scenario reached nothing the plan holds (see \`emulate\` on one for why); they are not counted as passes.`,
    );
  lines.push(
    `seeds: ${s.runs}, violations: ${s.violations}, not judged: ${s.notJudged}${s.notRun.length ? `, not run: ${s.notRun.length} scenario${s.notRun.length === 1 ? "" : "s"} on a plan` : ""}`,
  );
  return `${lines.join("\n")}\n`;
}

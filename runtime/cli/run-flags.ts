/**
 * The flags every command that runs an emulation shares (`emulate`, `replay`, `drill`), how they
 * become one run, and the commands that reproduce it.
 */
import { type Command, Option } from "commander";
import { reproduceCommand } from "../campaign/replay-command";
import { defaultRegistry } from "../emulation/default-registry";
import { type Emulation, emulate } from "../emulation/emulate";
import { loadPlan } from "../plan/load-plan";
import type { Topology } from "../plan/topology";
import type { EmulationRegistry } from "../scenarios/registry";
import { ScenarioError } from "../scenarios/scenario-error";
import { SEED_MAX } from "../sim/random";
import { addInputSizeOption, type InputSizeFlags, inputLimits } from "./input-size";

export interface RunFlags extends InputSizeFlags {
  readonly seed: string;
  readonly az?: string;
  readonly database?: string;
  readonly profile: "realistic" | "fast";
  readonly buggify?: boolean;
}

/** The seed of a run that names none; every run prints its seed, so any run can be replayed. */
export const DEFAULT_SEED = "1";

/** `--scenario`'s help: every scenario of the registry, by name, then the other forms a scenario takes. */
export function scenarioHelp(registry: EmulationRegistry = defaultRegistry()): string {
  const names = registry.scenarios().map((s) => s.name);
  return `${names.join(", ")}, an FIS template of the plan (its address or name), or a JSON file (an FIS experiment template)`;
}

/** Adds `--seed`, `--az`, `--profile`, `--buggify` and `--max-input-size` (the scenario flag differs per command). */
export function addRunOptions(cmd: Command): Command {
  return addInputSizeOption(
    cmd
      .option(
        "--seed <n>",
        "root seed (an integer from 0 to 2^53-1), printed with the result; the same seed replays the same run",
        DEFAULT_SEED,
      )
      .option("--az <zone>", "the zone zonal scenarios strike (default: the first writer's zone)")
      .addOption(new Option("--profile <profile>", "timing profile").choices(["realistic", "fast"]).default("realistic"))
      .option("--buggify", "let BUGGIFY sites add seeded second faults, as campaigns do (replays a campaign's failing seed)"),
  );
}

/** Adds `--database` (emulate and replay: a drill runs the plan's own templates, which name their targets). */
export function addDatabaseOption(cmd: Command): Command {
  return cmd.option(
    "--database <address>",
    "the database writer-crash and instance-failure strike, by Terraform address (default: the first cluster that has a writer)",
  );
}

export function parseSeed(text: string): number {
  const n = /^\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isSafeInteger(n) && n <= SEED_MAX) return n;
  throw new ScenarioError(
    `--seed ${text} is not a seed.`,
    [{ path: "--seed", message: `found "${text}"`, expected: `an integer from 0 to ${SEED_MAX}` }],
    "pass a whole number, e.g. --seed 42 (the same seed replays the same run)",
  );
}

/** The `emulate` and `replay` commands that reproduce a run of `scenario` with `seed`. */
export function reproduceCommands(plan: string, scenario: string, seed: number, flags: RunFlags) {
  const run = {
    plan,
    scenario,
    seed,
    profile: flags.profile,
    ...(flags.az ? { az: flags.az } : {}),
    ...(flags.database ? { database: flags.database } : {}),
    ...(flags.buggify ? { buggify: true } : {}),
    ...(flags.maxInputSize !== undefined ? { maxInputBytes: inputLimits(flags).maxBytes } : {}),
  };
  return { emulate: reproduceCommand("emulate", run), replay: reproduceCommand("replay", run) };
}

export interface FlagRun {
  readonly topology: Topology;
  readonly seed: number;
  readonly emulation: Emulation;
  readonly commands: { readonly emulate: string; readonly replay: string };
}

/**
 * Runs `scenario` on `plan` with the flags; `sink` receives every trace line. Throws PlanError or
 * ScenarioError on bad input, before anything runs.
 */
export function runFromFlags(
  plan: string | Topology,
  scenario: string,
  flags: RunFlags,
  registry?: EmulationRegistry,
  sink?: (line: string) => void,
): FlagRun {
  const seed = parseSeed(flags.seed);
  const limits = inputLimits(flags);
  const topology = typeof plan === "string" ? loadPlan(plan, limits) : plan;
  const name = typeof plan === "string" ? plan : topology.source;
  const emulation = emulate({
    topology,
    scenario,
    seed,
    profile: flags.profile,
    ...(flags.buggify ? { buggify: true } : {}),
    ...(flags.az !== undefined ? { az: flags.az } : {}),
    ...(flags.database !== undefined ? { database: flags.database } : {}),
    inputLimits: limits,
    replayCommand: (s) => reproduceCommands(name, scenario, s, flags).replay,
    ...(registry ? { registry } : {}),
    ...(sink ? { trace: { sink } } : {}),
  });
  return { topology, seed, emulation, commands: reproduceCommands(name, scenario, seed, flags) };
}

import type { Command } from "commander";
import type { EmulationRegistry } from "../scenarios/registry";
import { KERNEL_KINDS } from "../sim/sim-trace";
import { CliInputError } from "./cli-error";
import { notJudgedFix } from "./emulate";
import { EXIT, type ExitStatus } from "./exit-codes";
import type { CliIo } from "./io";
import { addDatabaseOption, addRunOptions, type RunFlags, runFromFlags, scenarioHelp } from "./run-flags";

interface ReplayFlags extends RunFlags {
  readonly scenario: string;
  readonly kind?: string;
  readonly subject?: string;
  readonly grep?: string;
  readonly from?: string;
  readonly to?: string;
}

export function registerReplay(program: Command, io: CliIo, status: ExitStatus, registry?: EmulationRegistry): void {
  addDatabaseOption(
    addRunOptions(
      program
        .command("replay")
        .description(
          "re-run one seed and print its trace, one line per event (`<atMs> <step> <kind> <subject> [detail]`); exit 1 when an invariant fails",
        )
        .argument("<plan>", "a cdk.tf.json file, or a directory holding one (cdktf.out/stacks/<stack>)")
        .requiredOption("--scenario <name|file>", scenarioHelp(registry)),
    ),
  )
    .option("--kind <kinds>", "only these event kinds, comma-separated (e.g. fault,rds,violation)")
    .option("--subject <text>", "only events whose subject contains this text")
    .option("--grep <text>", "only lines containing this text")
    .option("--from <time>", "only events at or after this virtual time (ms, or with a unit: 90s, 2m, 1h)")
    .option("--to <time>", "only events at or before this virtual time (ms, or with a unit)")
    .action((plan: string, flags: ReplayFlags) => {
      const keep = traceFilter(flags);
      const out: string[] = [];
      const seen = new Set<string>(KERNEL_KINDS);
      const { emulation } = runFromFlags(plan, flags.scenario, flags, registry, (line) => {
        seen.add(line.split(" ", 3)[2] ?? "");
        if (keep(line)) out.push(line);
      });
      // Kinds are open-ended (components add theirs), so a misspelt one is only known after the run.
      const unknown = kindsOf(flags).filter((k) => !seen.has(k));
      if (unknown.length)
        throw new CliInputError(
          "--kind",
          flags.kind ?? "",
          `names ${unknown.length === 1 ? "a kind" : "kinds"} no event of this run has (${unknown.join(", ")})`,
          `pass kinds from: ${[...seen].filter(Boolean).sort().join(", ")}`,
        );
      io.out(out.length ? `${out.join("\n")}\n` : "");
      if (emulation.report.failure) status.code = EXIT.violation;
      else if (emulation.result.verdict === "not-judged") {
        io.err(`Not judged: ${emulation.result.notJudged}\nFix: ${notJudgedFix(emulation.result)}\n`);
        status.code = EXIT.badInput;
      }
    });
}

/** A predicate over trace lines from the filter flags; bad flag values throw before the run. */
export function traceFilter(flags: Pick<ReplayFlags, "kind" | "subject" | "grep" | "from" | "to">): (line: string) => boolean {
  const kinds = flags.kind !== undefined ? new Set(kindsOf(flags)) : undefined;
  const from = flags.from !== undefined ? parseTime("--from", flags.from) : 0;
  const to = flags.to !== undefined ? parseTime("--to", flags.to) : Number.POSITIVE_INFINITY;
  if (from > to) throw new CliInputError("--from", flags.from ?? "", `is after --to ${flags.to}`, "pass a --from time at or before --to");
  return (line) => {
    const [at, , kind, subject] = line.split(" ", 4);
    const atMs = Number(at);
    if (atMs < from || atMs > to) return false;
    if (kinds && !kinds.has(kind ?? "")) return false;
    if (flags.subject !== undefined && !(subject ?? "").includes(flags.subject)) return false;
    return flags.grep === undefined || line.includes(flags.grep);
  };
}

/** The kinds `--kind` names; each must be one word. */
function kindsOf(flags: Pick<ReplayFlags, "kind">): string[] {
  if (flags.kind === undefined) return [];
  const kinds = flags.kind
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
  const bad = kinds.find((k) => !/^[a-z][a-z0-9-]*$/.test(k));
  if (!kinds.length || bad !== undefined)
    throw new CliInputError(
      "--kind",
      flags.kind,
      bad === undefined ? "names no kind" : `holds "${bad}", which is not an event kind (one lowercase word)`,
      "pass comma-separated kinds, e.g. --kind fault,rds,violation",
    );
  return kinds;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

function parseTime(flag: string, text: string): number {
  const m = /^(\d{1,12})(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw new CliInputError(flag, text, "is not a virtual time", `pass milliseconds or a number with a unit, e.g. ${flag} 90s`);
  return Number(m[1]) * (UNIT_MS[m[2] ?? "ms"] as number);
}

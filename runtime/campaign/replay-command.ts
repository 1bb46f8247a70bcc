/**
 * The commands that reproduce one run — the same builder for the CLI's summaries and reports and
 * for a campaign's failing seeds, so a printed command always carries every flag the run had.
 */
import type { CampaignUnit } from "./run-unit";

export function quote(s: string): string {
  return /^[\w./:@=-]+$/.test(s) ? s : JSON.stringify(s);
}

/** What a run was: enough to run it again. */
export interface ReplayableRun {
  readonly plan: string;
  readonly scenario: string;
  readonly seed: number;
  readonly profile: "realistic" | "fast";
  readonly az?: string;
  /** The database a one-database scenario strikes (`--database`). */
  readonly database?: string;
  readonly buggify?: boolean;
  /** A raised cap on input file sizes (`--max-input-size`), carried so the replay reads the same files. */
  readonly maxInputBytes?: number;
  /** Test-only planted bugs: not a CLI option, so the command says so instead of passing silently. */
  readonly mutants?: readonly string[];
}

/** `cdktf-resilience emulate|replay <plan> --scenario … --seed … --profile …` for the run. */
export function reproduceCommand(command: "emulate" | "replay", r: ReplayableRun): string {
  return [
    `cdktf-resilience ${command}`,
    quote(r.plan),
    "--scenario",
    quote(r.scenario),
    "--seed",
    String(r.seed),
    "--profile",
    r.profile,
    ...(r.az ? ["--az", quote(r.az)] : []),
    ...(r.database ? ["--database", quote(r.database)] : []),
    ...(r.buggify ? ["--buggify"] : []),
    ...(r.maxInputBytes !== undefined ? ["--max-input-size", String(r.maxInputBytes)] : []),
    ...(r.mutants?.length ? [`  # with planted bugs ${r.mutants.join(", ")}: replay with emulateInternal({ ..., mutants })`] : []),
  ].join(" ");
}

/** The command that replays one campaign unit and prints its trace. */
export function replayCommand(u: CampaignUnit): string {
  return reproduceCommand("replay", u);
}

import type { CampaignUnit } from "./run-unit";

export function quote(s: string): string {
  return /^[\w./:@=-]+$/.test(s) ? s : JSON.stringify(s);
}

/** The command that replays one campaign unit and prints its trace. */
export function replayCommand(u: CampaignUnit): string {
  return [
    "cdktf-resilience replay",
    quote(u.plan),
    "--scenario",
    quote(u.scenario),
    "--seed",
    String(u.seed),
    ...(u.profile !== "realistic" ? ["--profile", u.profile] : []),
    ...(u.buggify ? ["--buggify"] : []),
    // Planted bugs are not a CLI option: say so, rather than print a command that would pass.
    ...(u.mutants?.length ? [`  # with planted bugs ${u.mutants.join(", ")}: replay with emulate({ ..., mutants })`] : []),
  ].join(" ");
}

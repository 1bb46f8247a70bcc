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
  ].join(" ");
}

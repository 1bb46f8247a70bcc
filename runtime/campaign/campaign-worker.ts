/** A campaign worker thread: runs the units the main thread posts and posts each outcome back. */
import { parentPort } from "node:worker_threads";
import { replayCommand } from "./replay-command";
import { type CampaignUnit, runUnit } from "./run-unit";

parentPort?.on("message", ({ index, unit }: { index: number; unit: CampaignUnit }) => {
  try {
    parentPort?.postMessage({ index, outcome: runUnit(unit, replayCommand) });
  } catch (e) {
    parentPort?.postMessage({ index, error: e instanceof Error ? e.message : String(e) });
  }
});

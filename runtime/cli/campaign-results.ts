/**
 * Campaigns split over machines: `campaign --shard k/n` runs one slice and writes a result file
 * (`--result`, by default `campaign-shard-<k>-of-<n>.json`); `campaign merge <files…>` combines
 * every shard's file into the summary, coverage and failure list one unsharded run prints.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { CampaignSummary } from "../campaign/campaign";
import { type CampaignResult, CampaignResultError, mergeCampaignResults, parseCampaignResult } from "../campaign/result-file";
import { parseShard, type Shard, ShardError } from "../campaign/shard";
import { resolvePlanPath } from "../plan/load-plan";
import { CliInputError } from "./cli-error";
import { EXIT, type ExitStatus } from "./exit-codes";
import type { CliIo } from "./io";
import { OutputFiles } from "./output-file";

export interface ShardFlags {
  readonly shard?: string;
  readonly result?: string;
}

/** `campaign --shard`: flag and help. */
export const SHARD_OPTION = [
  "--shard <k/n>",
  "run only shard k of n (unit i runs in shard (i mod n) + 1) and write a result file; env/n reads k from CDKTF_RESILIENCE_SHARD_INDEX, JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX (0-based)",
] as const;

/** `campaign --result`: flag and help. */
export const RESULT_OPTION = [
  "--result <file>",
  "write every run's verdict and trace hash to this file, for campaign merge (default with --shard: campaign-shard-<k>-of-<n>.json)",
] as const;

/** The shard the flags ask for, read before anything runs (a bad one is exit 2, nothing written). */
export function shardOf(flags: ShardFlags, env: NodeJS.ProcessEnv = process.env): Shard | undefined {
  if (flags.shard === undefined) return undefined;
  try {
    const { index, count } = parseShard(flags.shard, env);
    return { index, count };
  } catch (e) {
    if (e instanceof ShardError) throw new CliInputError("--shard", e.value, e.problem, e.fix);
    throw e;
  }
}

/**
 * Where the result file goes, checked now with the command's other outputs (exit 2 before any run
 * when it cannot be written, or exists without --force); undefined path when none is asked for.
 */
export function resultOutputOf(
  flags: ShardFlags & { readonly force?: boolean; readonly json?: boolean },
  shard: Shard | undefined,
): { readonly path: string | undefined; readonly outputs: OutputFiles } {
  const path = flags.result ?? (shard ? `campaign-shard-${shard.index}-of-${shard.count}.json` : undefined);
  const outputs = OutputFiles.check(path === undefined ? [] : [{ flag: "--result", path }], {
    force: flags.force === true,
    ...(flags.json ? { stdoutTaken: "--json" } : {}),
  });
  return { path, outputs };
}

/** SHA-256 of each plan file as it is read now, by the path given. */
export function planDigests(plans: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of plans)
    out[p] = createHash("sha256")
      .update(readFileSync(resolvePlanPath(p)))
      .digest("hex");
  return out;
}

/** Writes the result file (if one was asked for) and then the summary, which goes to stderr when the result takes stdout. */
export function writeResultAndSummary(outputs: OutputFiles, result: CampaignResult, summary: string, io: CliIo): void {
  if (outputs.has("--result")) outputs.set("--result", `${JSON.stringify(result)}\n`);
  const say = outputs.toStdout("--result") ? io.err : io.out;
  outputs.commit(io.out);
  say(summary);
}

/** `campaign merge <files…>`: the combined summary; exit 1 on any violation, 2 when the files are not one campaign. */
export function registerCampaignMerge(campaign: Command, io: CliIo, status: ExitStatus, format: (s: CampaignSummary) => string): void {
  campaign
    .command("merge")
    .description(
      "combine the result files of every shard of one campaign (campaign --shard k/n) into its summary, rare-path coverage and failing seeds; exit 1 on any violation",
    )
    .argument("<files...>", "result files, one per shard")
    .option("--json", "print the summary as one JSON document")
    .option("--result <file>", "also write the merged result file (every run in unit order); - for standard output")
    .option("--force", "let --result replace an existing file")
    .action((files: string[], own: { json?: boolean; result?: string; force?: boolean }) => {
      // `campaign` has --json and --result too, and commander gives a parent's options to the
      // parent wherever they stand: read them from either.
      const parent = campaign.opts<{ json?: boolean; result?: string; force?: boolean }>();
      const flags = { json: own.json ?? parent.json, result: own.result ?? parent.result, force: own.force ?? parent.force };
      const { outputs } = resultOutputOf(flags, undefined);
      let merged: ReturnType<typeof mergeCampaignResults>;
      try {
        const read = files.map((file) => {
          let text: string;
          try {
            text = readFileSync(file, "utf8");
          } catch (e) {
            throw new CampaignResultError(
              file,
              `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
              "pass the path of a shard's result file",
            );
          }
          return { file, result: parseCampaignResult(file, text) };
        });
        merged = mergeCampaignResults(read);
      } catch (e) {
        if (e instanceof CampaignResultError) throw new CliInputError("campaign merge", e.file, e.problem, e.fix);
        throw e;
      }
      writeResultAndSummary(
        outputs,
        merged.result,
        flags.json ? `${JSON.stringify(merged.summary, null, 2)}\n` : format(merged.summary),
        io,
      );
      if (merged.summary.violations) status.code = EXIT.violation;
    });
}

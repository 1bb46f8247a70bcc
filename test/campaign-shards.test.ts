/**
 * A campaign split into shards that run as separate processes — as CI matrix jobs, Kubernetes
 * Indexed Job pods or AWS Batch array children do — merges into exactly what one unsharded run
 * reports: the same runs, verdicts and trace hashes, the same summary, coverage and failure list.
 * The built binary runs every part; one trace hash is checked against `emulate --json`, a separate
 * path through the CLI.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import type { CampaignSummary } from "../runtime/campaign/campaign";
import type { CampaignResult } from "../runtime/campaign/result-file";
import { type CliRun, cliIn } from "./helpers/cli";
import { cliBin } from "./helpers/dist";
import { synthExample } from "./helpers/examples";

const SHARDS = 4;

let dir: string;
let campaign: string[];

/** The built binary in `dir`, asynchronously (shards run at the same time), with extra environment. */
function cliAsync(env: Record<string, string>, ...args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    // The indexes this machine's own environment may hold are cleared: each part says its own.
    const indexes = { CDKTF_RESILIENCE_SHARD_INDEX: "", JOB_COMPLETION_INDEX: "", AWS_BATCH_JOB_ARRAY_INDEX: "" };
    const child = spawn(process.execPath, [cliBin(), ...args], { cwd: dir, env: { ...process.env, ...indexes, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const readResult = (file: string) => JSON.parse(readFileSync(join(dir, file), "utf8")) as CampaignResult;
const withoutMode = ({ mode: _, ...rest }: CampaignSummary) => rest;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "campaign-shards-"));
  for (const name of ["aurora-postgres", "elasticache"]) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, "cdk.tf.json"), synthExample(name));
  }
  // 2 plans × 2 scenarios × 5 seeds = 20 units: 5 per shard, every shard gets both plans.
  // Both scenarios strike something each plan holds (a named scenario a plan cannot run is refused:
  // campaign-not-run.test.ts).
  campaign = ["campaign", "aurora-postgres", "elasticache", "--seeds", "5", "--scenario", "az-outage", "--scenario", "disk-stall"];
  campaign.push("--profile", "fast", "--parallel", "1");
}, 120_000);

describe("campaign --shard k/n and campaign merge", () => {
  test("4 shards in 4 processes merge into the unsharded campaign: same runs, verdicts, trace hashes, summary", async () => {
    const whole = cliIn(dir, ...campaign, "--json", "--result", "whole.json");
    expect([whole.code, whole.stderr]).toEqual([0, ""]);

    // Shard 1 and 2 by number; 3 and 4 as a Kubernetes Indexed Job pod and an AWS Batch array
    // child would run them (0-based indexes in the environment).
    const parts = await Promise.all([
      cliAsync({}, ...campaign, "--shard", `1/${SHARDS}`),
      cliAsync({}, ...campaign, "--shard", `2/${SHARDS}`),
      cliAsync({ JOB_COMPLETION_INDEX: "2" }, ...campaign, "--shard", `env/${SHARDS}`),
      cliAsync({ AWS_BATCH_JOB_ARRAY_INDEX: "3" }, ...campaign, "--shard", `env/${SHARDS}`),
    ]);
    for (const p of parts) expect([p.code, p.stderr]).toEqual([0, ""]);
    expect(parts.map((p) => p.stdout.split("\n")[0])).toEqual(
      [1, 2, 3, 4].map((k) => `Ran 5 runs in the calling thread, shard ${k} of ${SHARDS}.`),
    );

    // Each shard ran its round-robin slice of the 20 units, nothing else.
    const files = [1, 2, 3, 4].map((k) => `campaign-shard-${k}-of-${SHARDS}.json`);
    for (const [i, f] of files.entries()) {
      const r = readResult(f);
      expect(r.shard).toEqual({ index: i + 1, count: SHARDS });
      expect(r.runs.map((x) => x.unit)).toEqual([0, 1, 2, 3, 4].map((j) => i + SHARDS * j));
    }

    const merged = cliIn(dir, "campaign", "merge", ...files, "--json", "--result", "merged.json");
    expect([merged.code, merged.stderr]).toEqual([0, ""]);
    const mergedSummary = JSON.parse(merged.stdout) as CampaignSummary;
    const wholeSummary = JSON.parse(whole.stdout) as CampaignSummary;
    expect(mergedSummary.mode).toBe(`${SHARDS} shards, merged`);
    expect(withoutMode(mergedSummary)).toEqual(withoutMode(wholeSummary));
    expect(wholeSummary.runs).toBe(20);

    const wholeRuns = readResult("whole.json").runs;
    const mergedRuns = readResult("merged.json").runs;
    expect(mergedRuns).toEqual(wholeRuns);
    expect(wholeRuns.map((r) => r.unit)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(new Set(wholeRuns.map((r) => r.traceHash)).size).toBe(20);
    expect(readResult("merged.json").coverage).toEqual(readResult("whole.json").coverage);

    // The hash a shard recorded is the run's: emulate prints the same one for that unit (unit 7 is
    // aurora-postgres, disk-stall, seed 3; campaigns run with BUGGIFY on).
    const unit7 = mergedRuns[7];
    const emulated = cliIn(
      dir,
      "emulate",
      "aurora-postgres",
      "--scenario",
      "disk-stall",
      "--seed",
      "3",
      "--profile",
      "fast",
      "--buggify",
      "--json",
    );
    expect(JSON.parse(emulated.stdout).traceHash).toBe(unit7?.traceHash);

    // The human summary says what was merged and ends like a campaign's.
    const text = cliIn(dir, "campaign", "merge", ...files);
    expect(text.stdout.split("\n")[0]).toBe(`Ran 20 runs in ${SHARDS} shards, merged.`);
    // The last line is the unsharded campaign's, counted from its JSON summary.
    expect(text.stdout.trim().split("\n").at(-1)).toBe(`seeds: 20, violations: 0, not judged: ${wholeSummary.notJudged}`);
  }, 300_000);

  test("merging fewer shards than the split names the missing ones; exit 2, nothing written", () => {
    const r = cliIn(
      dir,
      "campaign",
      "merge",
      `campaign-shard-1-of-${SHARDS}.json`,
      `campaign-shard-3-of-${SHARDS}.json`,
      "--result",
      "partial.json",
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/are 2 of 4 shards: missing 2\/4, 4\/4\.\nFix: run the missing shards, then merge every shard's file/);
    expect(() => readFileSync(join(dir, "partial.json"))).toThrow();
  });

  test.each<[string, string[], Record<string, string>, RegExp]>([
    [
      "a shard beyond the split",
      ["--shard", "5/4"],
      {},
      /^--shard 5\/4 names shard 5, not one of 1 … 4\.\nFix: pass a shard number from 1 to 4/,
    ],
    ["no slash", ["--shard", "3"], {}, /^--shard 3 is not a shard\.\nFix: pass k\/n, e\.g\. --shard 3\/8/],
    ["zero shards", ["--shard", "1/0"], {}, /^--shard 1\/0 splits the campaign into 0 shards\.\nFix: pass a shard count from 1 to 100,000/],
    [
      "env/n outside any indexed job",
      ["--shard", "env/4"],
      {},
      /^--shard env\/4 reads the shard from the environment, but none of CDKTF_RESILIENCE_SHARD_INDEX, JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX is set/,
    ],
    [
      "an index the split does not have",
      ["--shard", "env/4"],
      { JOB_COMPLETION_INDEX: "4" },
      /^--shard env\/4 reads JOB_COMPLETION_INDEX=4, not a 0-based index below 4\.\nFix: run 4 tasks indexed 0 … 3/,
    ],
    [
      "two engines' indexes that disagree",
      ["--shard", "env/4"],
      { JOB_COMPLETION_INDEX: "1", AWS_BATCH_JOB_ARRAY_INDEX: "2" },
      /finds different shard indexes in JOB_COMPLETION_INDEX=1 and AWS_BATCH_JOB_ARRAY_INDEX=2\.\nFix: unset all but one of them/,
    ],
  ])("%s: exit 2, the flag, the value and the fix", async (_, extra, env, message) => {
    const r = await cliAsync(env, ...campaign, ...extra);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { synthExample } from "../../test/helpers/examples";
import { type InternalCampaignOptions, runCampaignRuns } from "./campaign";
import { type CampaignResult, CampaignResultError, campaignResult, mergeCampaignResults, parseCampaignResult } from "./result-file";
import { inShard, parseShard, SHARD_INDEX_VARIABLES, type Shard, ShardError } from "./shard";

const SHA = "a".repeat(64);

describe("shards", () => {
  test("every unit is in exactly one shard, round robin, for any split", () => {
    for (const count of [1, 2, 3, 7, 64])
      for (let unit = 0; unit < 200; unit++) {
        const owners = Array.from({ length: count }, (_, i) => i + 1).filter((index) => inShard(unit, { index, count }));
        expect(owners).toEqual([(unit % count) + 1]);
      }
  });

  test("k/n from the command line, a 0-based index from each engine's environment", () => {
    expect(parseShard("3/8")).toEqual({ index: 3, count: 8 });
    expect(parseShard("1/1")).toEqual({ index: 1, count: 1 });
    for (const name of SHARD_INDEX_VARIABLES) expect(parseShard("env/8", { [name]: "7" })).toEqual({ index: 8, count: 8, from: name });
    // The same index from two engines is one index.
    expect(parseShard("env/4", { JOB_COMPLETION_INDEX: "1", AWS_BATCH_JOB_ARRAY_INDEX: "1" })).toMatchObject({ index: 2 });
  });

  test.each([["0/4"], ["-1/4"], ["1.5/4"], ["1/4/2"], ["a/b"], ["/4"], ["1/"], ["1/1000001"]])("%s is refused with the fix", (text) => {
    expect(() => parseShard(text)).toThrow(ShardError);
    expect(() => parseShard(text)).toThrow(/\nFix: /);
  });

  test("an AWS Batch array whose size is not the split is refused", () => {
    expect(parseShard("env/4", { AWS_BATCH_JOB_ARRAY_INDEX: "1", AWS_BATCH_JOB_ARRAY_SIZE: "4" })).toMatchObject({ index: 2, count: 4 });
    expect(() => parseShard("env/4", { AWS_BATCH_JOB_ARRAY_INDEX: "1", AWS_BATCH_JOB_ARRAY_SIZE: "8" })).toThrow(
      /but this array job has AWS_BATCH_JOB_ARRAY_SIZE=8 children\.\nFix: pass --shard env\/8, or submit the array job with size 4/,
    );
  });

  test("env/n with an index that is not a whole number is refused", () => {
    expect(() => parseShard("env/4", { CDKTF_RESILIENCE_SHARD_INDEX: "two" })).toThrow(
      /reads CDKTF_RESILIENCE_SHARD_INDEX=two, not a 0-based index below 4/,
    );
  });
});

describe("merging result files", () => {
  let plan: string;
  let options: InternalCampaignOptions;
  const results = (shards: readonly Shard[], o: InternalCampaignOptions = options) =>
    Promise.all(
      shards.map(async (shard) => {
        const { runs, summary } = await runCampaignRuns({ ...o, shard });
        return { file: `shard-${shard.index}.json`, result: campaignResult(o, shard, runs, { [plan]: SHA }, "1.0.0", summary.notRun) };
      }),
    );

  beforeAll(() => {
    const dir = join(mkdtempSync(join(tmpdir(), "merge-")), "aurora-postgres");
    mkdirSync(dir);
    writeFileSync(join(dir, "cdk.tf.json"), synthExample("aurora-postgres"));
    plan = dir;
    // A planted bug (an acknowledgement before the commit), so the failure lists have something in them.
    options = { plans: [plan], scenarios: ["az-outage"], seeds: 5, profile: "fast", mutants: ["db.ackBeforeCommit"], parallel: 1 };
  }, 120_000);

  test("shards of a campaign with failures merge into its summary: the same failing seeds and replay commands", async () => {
    const whole = await runCampaignRuns(options);
    expect(whole.summary.violations).toBeGreaterThan(0);
    const merged = mergeCampaignResults(await results([2, 1, 3].map((index) => ({ index, count: 3 }))));
    const { mode: _a, ...wholeRest } = whole.summary;
    const { mode, ...mergedRest } = merged.summary;
    expect(mode).toBe("3 shards, merged");
    expect(mergedRest).toEqual(wholeRest);
    expect(merged.summary.failures.map((f) => f.replay)).toEqual(whole.summary.failures.map((f) => f.replay));
    expect(merged.result.runs.map((r) => [r.unit, r.ok, r.traceHash])).toEqual(
      whole.runs.map(({ unit, outcome }) => [unit, outcome.ok, outcome.traceHash]),
    );
  }, 120_000);

  test("files of another campaign, another version, other plan content or a shard given twice are refused, naming the file", async () => {
    const parts = await results([1, 2].map((index) => ({ index, count: 2 })));
    const [one, two] = parts as [{ file: string; result: CampaignResult }, { file: string; result: CampaignResult }];
    const variant = (patch: Partial<CampaignResult>) => [one, { file: two.file, result: { ...two.result, ...patch } }];
    expect(() => mergeCampaignResults(variant({ campaign: { ...two.result.campaign, seeds: 6 } }))).toThrow(
      /^shard-2\.json has a different campaign \(plans, scenarios, seeds, profile, BUGGIFY\) than shard-1\.json/,
    );
    expect(() => mergeCampaignResults(variant({ version: "1.0.1" }))).toThrow(/different cdktf-resilience version/);
    expect(() => mergeCampaignResults(variant({ planSha256: { [plan]: "b".repeat(64) } }))).toThrow(
      /different plan content.*\nFix: run every shard on the same plans/,
    );
    expect(() => mergeCampaignResults([one, one])).toThrow(/is shard 1\/2 again \(also shard-1\.json\)/);
    const moved = { ...two.result, runs: two.result.runs.map((r) => ({ ...r, unit: r.unit - 1 })) };
    expect(() => mergeCampaignResults([one, { file: "moved.json", result: moved }])).toThrow(
      /^moved\.json holds run 0 \(seed 2\), which is not a unit of shard 2\/2/,
    );
    const short = { ...two.result, runs: two.result.runs.slice(1) };
    expect(() => mergeCampaignResults([one, { file: "short.json", result: short }])).toThrow(/^short\.json lacks run 1 of its shard 2\/2/);
    expect(() => mergeCampaignResults([])).toThrow(CampaignResultError);
  }, 120_000);

  test("a file that is not a result file says which field is wrong", async () => {
    const [one] = await results([{ index: 1, count: 1 }]);
    const text = JSON.stringify(one?.result);
    expect(parseCampaignResult("ok.json", text).runs.length).toBe(5);
    expect(() => parseCampaignResult("bad.json", "{")).toThrow(/^bad\.json is not JSON/);
    const noShard = JSON.parse(text) as Record<string, unknown>;
    delete noShard.shard;
    expect(() => parseCampaignResult("bad.json", JSON.stringify(noShard))).toThrow(/^bad\.json is not a campaign result file: shard: /);
    expect(() => parseCampaignResult("bad.json", text.replace('"format":"cdktf-resilience/campaign-result@2"', '"format":"x"'))).toThrow(
      /is not a campaign result file: format/,
    );
  }, 120_000);
});

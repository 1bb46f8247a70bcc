/**
 * The fast representative of the bounded campaign (campaign-bounded.long.test.ts runs every
 * example × every scenario × 2 seeds and every planted bug): two examples × every named scenario,
 * one seed each, over two worker threads of the built package, and one planted bug it must find.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import type { runCampaignInternal as RunCampaign } from "../runtime/campaign/campaign";
import { defaultRegistry } from "../runtime/emulation/default-registry";
import { distFile } from "./helpers/dist";
import { synthExample } from "./helpers/examples";

test("Aurora and ElastiCache × every named scenario × 1 seed over 2 worker threads: no violation; a promotion without a fence is found", async () => {
  const { runCampaignInternal: runCampaign } = require(distFile("runtime/campaign/campaign.js")) as {
    runCampaignInternal: typeof RunCampaign;
  };
  const root = mkdtempSync(join(tmpdir(), "campaign-"));
  const plans = ["aurora-postgres", "elasticache"].map((name) => {
    const dir = join(root, name);
    mkdirSync(dir);
    writeFileSync(join(dir, "cdk.tf.json"), synthExample(name));
    return dir;
  });
  const scenarios = defaultRegistry()
    .scenarios()
    .map((s) => s.name);
  const summary = await runCampaign({ plans, scenarios, seeds: 1, parallel: 2 });
  expect(summary.mode).toBe("2 worker threads");
  // Every plan × scenario either ran once or is listed as not run (with why): none dropped.
  expect(summary.runs + summary.notRun.length).toBe(2 * scenarios.length);
  expect(summary.notJudged).toBe(0);
  expect(summary.failures.map((f) => `${f.unit.plan} ${f.unit.scenario} seed ${f.unit.seed}: ${f.message}`)).toEqual([]);
  expect(Object.keys(summary.coverage).length).toBeGreaterThan(0);
  const planted = await runCampaign({
    plans: [plans[0] as string],
    scenarios: ["az-outage"],
    seeds: 5,
    parallel: 2,
    mutants: ["db.noFence"],
  });
  expect(planted.violations).toBeGreaterThan(0);
  expect(planted.failures[0]?.invariant).toMatch(/^failover-pair\//);
}, 300_000);

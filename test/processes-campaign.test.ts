/**
 * The campaign, as `cdktf-resilience campaign` runs it from the built package, finds the processing
 * engine's planted bugs in `group-crash` over an example plan, and holds without them: the bugs an
 * audit found surviving every test and campaign — every fault restarting the whole application,
 * a group recovery that frees its arena without fencing old handles — must fail a run now.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import type { runCampaignInternal as RunCampaign } from "../runtime/campaign/campaign";
import { distFile } from "./helpers/dist";
import { synthExample } from "./helpers/examples";

test("group-crash × 3 seeds on the Aurora example: clean without planted bugs; each processing-engine bug is found in every seed, by the invariant judging it", async () => {
  const { runCampaignInternal: runCampaign } = require(distFile("runtime/campaign/campaign.js")) as {
    runCampaignInternal: typeof RunCampaign;
  };
  const dir = join(mkdtempSync(join(tmpdir(), "campaign-processes-")), "aurora-postgres");
  mkdirSync(dir);
  writeFileSync(join(dir, "cdk.tf.json"), synthExample("aurora-postgres"));
  const run = (mutants: string[]) => runCampaign({ plans: [dir], scenarios: ["group-crash"], seeds: 3, parallel: 1, mutants });
  const clean = await run([]);
  expect(clean.failures.map((f) => f.message)).toEqual([]);
  for (const point of [
    "processes: a group recovered alone",
    "processes: an elevated fault restarted the application",
    "processes: a handle kept past its arena's fence faulted as stale",
  ])
    expect(clean.coverage[point]?.hits, point).toBeGreaterThanOrEqual(3);
  for (const [mutant, invariant] of [
    ["processes.restartEveryFault", "crash-containment/app-restart-iff-elevated"],
    ["processes.noRecoveryFence", "crash-containment/no-use-after-return"],
  ] as const) {
    const planted = await run([mutant]);
    expect(planted.violations, mutant).toBe(3);
    expect(new Set(planted.failures.map((f) => f.invariant)), mutant).toEqual(new Set([invariant]));
    expect(planted.failures[0]?.replay).toContain(`with planted bugs ${mutant}`);
  }
}, 120_000);

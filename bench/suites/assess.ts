/**
 * `assess` against `campaign`, side by side in one run on the same plan, scenarios and seeds: the
 * Aurora example's policy (software → writer-crash, hardware → instance-failure, az → az-outage) at
 * `BENCH_ASSESS_SEEDS` seeds per disruption type (default 1,000), both over worker threads of the
 * built package. Assess adds the policy's bookkeeping (and one re-run of the worst seed per breach,
 * none here), so its seeds per second per core should match the campaign's.
 */
import { availableParallelism } from "node:os";
import type { assess as Assess } from "../../runtime/assess/assess";
import type { runCampaign as RunCampaign } from "../../runtime/campaign/campaign";
import type { loadPlan as LoadPlan } from "../../runtime/plan/load-plan";
import { distFile } from "../../test/helpers/dist";
import { synthExample, writePlan } from "../../test/helpers/examples";
import type { BenchRow, BenchSuite } from "../harness";

export const assessSuite: BenchSuite = {
  name: "assess",
  async run(): Promise<readonly BenchRow[]> {
    const seeds = Number(process.env.BENCH_ASSESS_SEEDS ?? 1000);
    const cores = availableParallelism();
    const { assess } = require(distFile("runtime/assess/assess.js")) as { assess: typeof Assess };
    const { runCampaign } = require(distFile("runtime/campaign/campaign.js")) as { runCampaign: typeof RunCampaign };
    const { loadPlan } = require(distFile("runtime/plan/load-plan.js")) as { loadPlan: typeof LoadPlan };
    const plan = writePlan(synthExample("aurora-postgres"));
    const topology = loadPlan(plan);

    let t0 = process.hrtime.bigint();
    const a = await assess({ plan, topology, seeds, parallel: cores });
    const assessS = Number(process.hrtime.bigint() - t0) / 1e9;
    // The campaign runs exactly the scenarios assess ran for the policy's disruption types (assess
    // names them as run, "az-outage --az us-east-1a": the zone is the campaign's default too).
    const ran = a.policies.flatMap((p) => p.databases.flatMap((d) => d.disruptions.flatMap((x) => x.scenarios)));
    const SCENARIOS = [...new Set(ran.map((s) => s.split(" ")[0] ?? s))];

    t0 = process.hrtime.bigint();
    // The same work as a campaign: one zone per run (assess pins the writer's zone, us-east-1a, which
    // is also the campaign's default: the first writer's zone), no BUGGIFY second faults.
    const c = await runCampaign({ plans: [plan], scenarios: SCENARIOS, seeds, parallel: cores, buggify: false });
    const campaignS = Number(process.hrtime.bigint() - t0) / 1e9;

    const perCore = (runs: number, s: number) => runs / s / cores;
    const az = a.policies[0]?.databases[0]?.disruptions.find((d) => d.type === "az");
    return [
      {
        name: `assess, Aurora example, ${seeds} seeds × ${SCENARIOS.length} disruption types: wall time`,
        value: assessS,
        unit: "s",
        note: `${a.runs} runs, ${a.mode}; az RTO p50/p99/max ${az?.rto?.p50Ms}/${az?.rto?.p99Ms}/${az?.rto?.maxMs} ms`,
      },
      { name: "assess: seeds per second per core", value: perCore(a.runs, assessS), unit: "seeds/s/core" },
      {
        name: "campaign, same plan, scenarios and seeds: seeds per second per core",
        value: perCore(c.runs, campaignS),
        unit: "seeds/s/core",
      },
      {
        name: "assess ÷ campaign throughput",
        value: perCore(a.runs, assessS) / perCore(c.runs, campaignS),
        unit: "×",
        goal: { atLeast: 0.9 },
        note: "the same as campaign's; measured one after the other in one process",
      },
    ];
  },
};

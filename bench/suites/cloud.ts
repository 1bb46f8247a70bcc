import { cloudFromTopology } from "../../runtime/cloud";
import { emulate } from "../../runtime/emulation";
import { parsePlan, type Topology } from "../../runtime/plan";
import { Simulation } from "../../runtime/sim";
import { synthAuroraExample } from "../../test/helpers/examples";
import { type BenchRow, type BenchSuite, medianMs } from "../harness";

const SEEDS = 200;

/** A region under churn: 300 spot instances in three Auto Scaling groups, one zone lost for an hour, every member replaced. */
function churn(): { events: number; launches: number } {
  const sim = new Simulation({ seed: 1, scenario: "bench-churn" });
  const { cloud } = cloudFromTopology(sim.env, parsePlan("{}"), {});
  for (const z of ["a", "b", "c"])
    cloud.autoScaling.add({
      name: `pool-${z}`,
      desired: 100,
      zones: ["us-east-1a", "us-east-1b", "us-east-1c"],
      instanceTypes: ["r6g.large", "r6i.large", "m6g.large", "m6i.large"],
      onDemandBase: 0,
      onDemandPercentAboveBase: 0,
      capacityRebalance: true,
      tags: [],
    });
  sim.at(120_000, "zone a dark", () => cloud.zones.losePower("us-east-1a", { forMs: 3_600_000 }));
  sim.runFor(4_000_000);
  return { events: sim.step, launches: cloud.ec2.list().length };
}

export const cloudSuite: BenchSuite = {
  name: "cloud",
  async run(): Promise<readonly BenchRow[]> {
    const text = synthAuroraExample();
    const loadMs = await medianMs(() => parsePlan(text), 21, 3);
    const example: Topology = parsePlan(text);
    let events = 0;
    const realisticMs = await medianMs(
      () => {
        events = emulate({ topology: example, scenario: "az-outage", seed: 1 }).result.events;
      },
      21,
      3,
    );
    const fastMs = await medianMs(() => emulate({ topology: example, scenario: "az-outage", seed: 1, profile: "fast" }), 21, 3);
    const t0 = process.hrtime.bigint();
    for (let seed = 1; seed <= SEEDS; seed++) emulate({ topology: example, scenario: "az-outage", seed, profile: "fast" });
    const campaignS = Number(process.hrtime.bigint() - t0) / 1e9;
    let churned = { events: 0, launches: 0 };
    const churnMs = await medianMs(
      () => {
        churned = churn();
      },
      5,
      1,
    );
    return [
      { name: "load the example's cdk.tf.json into a topology", value: loadMs, unit: "ms", note: "median of 21" },
      {
        name: "emulate az-outage on the example (realistic, 77 virtual min)",
        value: realisticMs,
        unit: "ms",
        goal: "≤ 150 ms",
        met: realisticMs <= 150,
        note: `${events} events; median of 21; most of it is the cache component's 15k client operations, oracle on`,
      },
      { name: "the same run, fast profile", value: fastMs, unit: "ms", note: "same events, a thousandth of the virtual time" },
      {
        name: "realistic ÷ fast wall time (the profile changes virtual time, not work)",
        value: realisticMs / fastMs,
        unit: "×",
        goal: "≈ 1",
        met: realisticMs / fastMs < 1.5,
      },
      {
        name: `campaign: ${SEEDS} seeds of az-outage (fast)`,
        value: SEEDS / campaignS,
        unit: "seeds/s",
        goal: "≥ 10 seeds/s",
        met: SEEDS / campaignS >= 10,
        note: "one process, one core",
      },
      {
        name: "region under churn: 300 spot instances, a zone lost 1 h, members replaced",
        value: churnMs,
        unit: "ms",
        note: `${churned.launches} launches, ${churned.events} kernel events; median of 5`,
      },
    ];
  },
};

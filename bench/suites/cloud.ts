import { cloudFromTopology } from "../../runtime/cloud";
import { parsePlan } from "../../runtime/plan";
import { Simulation } from "../../runtime/sim";
import { synthAuroraExample } from "../../test/helpers/examples";
import { type BenchRow, type BenchSuite, medianMs } from "../harness";

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
        name: "region under churn: 300 spot instances, a zone lost 1 h, members replaced",
        value: churnMs,
        unit: "ms",
        note: `${churned.launches} launches, ${churned.events} kernel events; median of 5`,
      },
    ];
  },
};

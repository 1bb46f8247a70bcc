import { failoverRows } from "../../runtime/database";
import { emulate } from "../../runtime/emulation";
import { parsePlan } from "../../runtime/plan";
import { synthExample } from "../../test/helpers/examples";
import { MIN, pairHarness, ZONES } from "../../test/helpers/pair";
import { runSeed } from "../../test/helpers/pair-campaign";
import { type BenchRow, type BenchSuite, medianMs } from "../harness";

const SEEDS = 100;

/** Mean client-visible outage and control-plane RTO of a zone-a loss, over seeds, in one endpoint mode. */
function outage(mode: "proxy" | "dns"): { client: number; controlPlane: number } {
  let client = 0;
  let controlPlane = 0;
  for (let seed = 1; seed <= 20; seed++) {
    const h = pairHarness({ seed, endpointMode: mode, trace: false });
    h.sim.at(10 * MIN, "zone a dark", () => h.sim.faults.powerLoss(ZONES[0], { forMs: 20 * MIN }));
    h.run(40 * MIN, 15 * MIN);
    const [row] = failoverRows(h.pair);
    client += row?.rto.clientOutageMs ?? 0;
    controlPlane += (row?.completedAtMs ?? 0) - (row?.lastSeenAtMs ?? 0);
  }
  return { client: client / 20, controlPlane: controlPlane / 20 };
}

export const failoverSuite: BenchSuite = {
  name: "failover",
  async run(): Promise<readonly BenchRow[]> {
    const redshift = parsePlan(synthExample("redshift"));
    let events = 0;
    const realisticMs = await medianMs(
      () => {
        events = emulate({ topology: redshift, scenario: "az-outage", seed: 1 }).result.events;
      },
      7,
      1,
    );
    const t0 = process.hrtime.bigint();
    for (let seed = 1; seed <= SEEDS; seed++) runSeed(seed);
    const perSeedMs = Number(process.hrtime.bigint() - t0) / 1e6 / SEEDS;
    const proxy = outage("proxy");
    const dns = outage("dns");
    return [
      {
        name: "emulate az-outage on the Redshift example (realistic, 77 virtual min)",
        value: realisticMs,
        unit: "ms",
        note: `median of 7; ${events} events`,
      },
      {
        name: "pair campaign: one seed (fast profile, 65 virtual min, trace off)",
        value: perSeedMs,
        unit: "ms",
        note: `mean of ${SEEDS} seeds`,
      },
      {
        name: "zone-a loss, proxy endpoint: control-plane RTO (last probe → switch)",
        value: proxy.controlPlane / 1000,
        unit: "s",
        note: "mean of 20 seeds",
      },
      { name: "zone-a loss, proxy endpoint: client-visible outage", value: proxy.client / 1000, unit: "s", note: "mean of 20 seeds" },
      { name: "zone-a loss, DNS (30 s TTL): client-visible outage", value: dns.client / 1000, unit: "s", note: "mean of 20 seeds" },
      { name: "client outage, DNS ÷ proxy", value: dns.client / proxy.client, unit: "×", note: "what RDS Proxy-style repointing saves" },
    ];
  },
};

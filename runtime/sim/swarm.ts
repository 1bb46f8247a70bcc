/**
 * Swarm testing (TigerBeetle's VOPR, Groce et al. 2012): instead of one fault mix for every run,
 * the seed picks the mix. One run has heavy loss and no crashes, the next only power losses, the
 * next everything at once; feature interactions that a uniform mix dilutes show up. The choices
 * come from the stream `swarm`, so they depend on the seed alone, and the simulation logs every
 * resolved knob at the top of the trace.
 *
 * The menus are tuned for runs of minutes to hours of virtual time with a handful of actors.
 */
import { SeededRandom } from "./random";
import { ratio } from "./ratio";
import type { SimulationOptions } from "./simulation-options";

/**
 * Options for a run of `seed` with swarm-chosen network, disk, chaos and BUGGIFY knobs.
 * `overrides` wins knob by knob (e.g. `{ chaos: { actorsDownMax: 2 } }` for a 5-replica system).
 */
export function swarmOptions(seed: number, overrides: Omit<SimulationOptions, "seed"> = {}): SimulationOptions {
  const r = new SeededRandom(seed).fork("swarm");
  const latency = r.pick([
    { latencyMsMin: 0, latencyMsMean: 1, crossZoneLatencyMsMin: 1, crossZoneLatencyMsMean: 2 },
    { latencyMsMin: 1, latencyMsMean: 3, crossZoneLatencyMsMin: 2, crossZoneLatencyMsMean: 6 },
    { latencyMsMin: 2, latencyMsMean: 20, crossZoneLatencyMsMin: 5, crossZoneLatencyMsMean: 40 },
  ]);
  const network = {
    ...latency,
    lossRatio: r.pick([ratio(0, 1), ratio(1, 1000), ratio(1, 100), ratio(1, 20)]),
    duplicateRatio: r.pick([ratio(0, 1), ratio(1, 1000), ratio(1, 50)]),
  };
  const disk = {
    ...r.pick([
      { syncLatencyMsMin: 1, syncLatencyMsMean: 2 },
      { syncLatencyMsMin: 2, syncLatencyMsMean: 10 },
      { syncLatencyMsMin: 5, syncLatencyMsMean: 50 },
    ]),
    unsyncedLostRatio: r.pick([ratio(1, 10), ratio(1, 2), ratio(1, 1)]),
    unsyncedTornRatio: r.pick([ratio(0, 1), ratio(1, 4), ratio(1, 2)]),
  };
  const chaos = {
    crashIntervalMsMean: r.pick([0, 2_000, 10_000, 60_000]),
    powerLossRatio: r.pick([ratio(0, 1), ratio(1, 2), ratio(1, 1)]),
    restartDelayMsMean: r.pick([100, 2_000, 20_000]),
    partitionIntervalMsMean: r.pick([0, 5_000, 30_000]),
    partitionDurationMsMean: r.pick([500, 5_000, 30_000]),
    zonePartitionRatio: r.pick([ratio(0, 1), ratio(1, 2), ratio(1, 1)]),
    oneWayRatio: r.pick([ratio(0, 1), ratio(1, 4), ratio(1, 2)]),
    zoneOutageIntervalMsMean: r.pick([0, 0, 120_000]),
    zoneOutageDurationMsMean: r.pick([5_000, 60_000]),
    slowIntervalMsMean: r.pick([0, 10_000]),
    diskStallIntervalMsMean: r.pick([0, 10_000]),
  };
  const buggify = { enabled: r.pick([true, true, false]) };
  return {
    ...overrides,
    seed,
    network: { ...network, ...overrides.network },
    disk: { ...disk, ...overrides.disk },
    chaos: { ...chaos, ...overrides.chaos },
    buggify: { ...buggify, ...overrides.buggify },
  };
}

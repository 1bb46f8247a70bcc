/**
 * Emulation at kernel speed: `emulate az-outage` on the Aurora example against the kernel's own
 * no-op event rate, measured side by side in one fresh process (see `emulation-measure.ts`), the
 * `fast` profile against `realistic`, campaign throughput on one core, and a 24-hour virtual
 * az-outage with the failover pair's workload.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { synthAuroraExample, writePlan } from "../../test/helpers/examples";
import type { BenchRow, BenchSuite } from "../harness";
import { CAMPAIGN_SEEDS, type EmulationFigures } from "./emulation-measure";

/** Seeds per core per second a campaign ran before this work (issue #25's bench run): the goal is 10×. */
const CAMPAIGN_BEFORE = 2.9;

export const emulationSuite: BenchSuite = {
  name: "emulation",
  async run(): Promise<readonly BenchRow[]> {
    const plan = writePlan(synthAuroraExample());
    const figures = JSON.parse(
      execFileSync(process.execPath, ["--import", "tsx", join(__dirname, "emulation-measure.ts"), plan], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      }),
    ) as EmulationFigures;
    const { every, held, fast, heldFast, dayEvery, dayHeld } = figures;
    const kernelRate = figures.kernel;
    const { seedsPerS, violations } = figures.campaign;

    const rate = (m: { ms: number; events: number }) => (m.events / m.ms) * 1000;
    const events = (m: { events: number }) => `${m.events.toLocaleString("en-US")} events`;
    return [
      {
        name: "kernel: no-op actors, events/s (trace off)",
        value: kernelRate,
        unit: "events/s",
        note: "median of the runs before and after the emulations below",
      },
      {
        name: "emulate az-outage, Aurora example (realistic, 77 virtual min): every component",
        value: every.ms,
        unit: "ms",
        note: `${events(every)}, ${Math.round(rate(every)).toLocaleString("en-US")} events/s; median of 11; trace hashed`,
      },
      {
        name: "  its events/s ÷ the kernel's",
        value: rate(every) / kernelRate,
        unit: "×",
        goal: { atLeast: 0.1 },
        note: "the cache's 15,100 client operations run without kernel events of their own",
      },
      {
        name: "emulate az-outage, Aurora example: only the mock cloud, database pair and buffer cache",
        value: held.ms,
        unit: "ms",
        note: `${events(held)}, ${Math.round(rate(held)).toLocaleString("en-US")} events/s: what the plan holds`,
      },
      { name: "  its events/s ÷ the kernel's", value: rate(held) / kernelRate, unit: "×", goal: { atLeast: 0.1 } },
      { name: "the same run, fast profile (every component)", value: fast.ms, unit: "ms", note: events(fast) },
      {
        name: "realistic ÷ fast wall time (the profile changes virtual time, not work), every component",
        value: every.ms / fast.ms,
        unit: "×",
        goal: { near: 1, withinFactor: 1.5 },
        note: "the same components as the row below: az-outage does not run the storage control plane, whose clocks scale with the profile anyway",
      },
      {
        name: "realistic ÷ fast wall time, only the mock cloud, database pair and buffer cache",
        value: held.ms / heldFast.ms,
        unit: "×",
        goal: { near: 1, withinFactor: 1.5 },
        note: `fast: ${heldFast.ms.toFixed(1)} ms; the pair's ticks and probes scale with the profile: both run ~4,600 ticks`,
      },
      {
        name: `campaign: ${CAMPAIGN_SEEDS} seeds of az-outage on one core (fast, BUGGIFY on, trace off)`,
        value: seedsPerS,
        unit: "seeds/s",
        goal: { atLeast: 10 * CAMPAIGN_BEFORE },
        note: `10× the ${CAMPAIGN_BEFORE} seeds/s before; ${violations} violations`,
      },
      {
        name: "24 h virtual az-outage with the pair's workload, every component",
        value: dayEvery.ms,
        unit: "ms",
        goal: { atMost: 1000 },
        note: `${events(dayEvery)}; median of 3`,
      },
      {
        name: "24 h virtual az-outage, only the mock cloud, database pair and buffer cache",
        value: dayHeld.ms,
        unit: "ms",
        goal: { atMost: 1000 },
        note: `${events(dayHeld)}; median of 3`,
      },
    ];
  },
};

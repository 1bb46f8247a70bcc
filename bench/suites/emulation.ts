/**
 * Emulation at kernel speed: `emulate az-outage` on the Aurora example against the kernel's own
 * no-op event rate, measured side by side in one fresh process (see `emulation-measure.ts`), the
 * `fast` profile against `realistic` (interleaved, so neither pays the other's warm-up), campaign
 * throughput on one core, and a 24-hour virtual az-outage with the failover pair's workload. Every
 * figure is CPU time: the machine running the bench may be shared.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { synthAuroraExample, writePlan } from "../../test/helpers/examples";
import type { BenchRow, BenchSuite } from "../harness";
import { CAMPAIGN_SEEDS, type EmulationFigures, type Timed } from "./emulation-measure";

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
    const { every, held, fast, heldFast, dayEvery, dayHeld, orderCheck } = figures;
    const kernelRate = figures.kernel;
    const { seedsPerS, violations } = figures.campaign;

    const rate = (m: Timed) => (m.events / m.cpuMs) * 1000;
    const events = (m: Timed) => `${m.events.toLocaleString("en-US")} events`;
    const wall = (m: Timed) => `wall ${m.ms.toFixed(1)} ms`;
    const perS = (m: Timed) => `${Math.round(rate(m)).toLocaleString("en-US")} events per CPU second`;
    return [
      {
        name: "kernel: no-op actors, events per CPU second (trace off)",
        value: kernelRate,
        unit: "events/s",
        note: "median of the runs before and after the emulations below",
      },
      {
        name: "emulate az-outage, Aurora example (realistic, 77 virtual min): every component, CPU time",
        value: every.cpuMs,
        unit: "ms",
        note: `${events(every)}, ${perS(every)}; median of 12 rounds; trace hashed; ${wall(every)}`,
      },
      {
        name: "  its events/s ÷ the kernel's",
        value: rate(every) / kernelRate,
        unit: "×",
        goal: { atLeast: 0.1 },
        note: "both per CPU second, measured in this process; work the systems do without kernel events counts against it",
      },
      {
        name: "emulate az-outage, Aurora example: only the mock cloud, database pair and buffer cache, CPU time",
        value: held.cpuMs,
        unit: "ms",
        note: `${events(held)}, ${perS(held)}: what the plan holds; ${wall(held)}`,
      },
      { name: "  its events/s ÷ the kernel's", value: rate(held) / kernelRate, unit: "×", goal: { atLeast: 0.1 } },
      {
        name: "the same run, fast profile (every component), CPU time",
        value: fast.cpuMs,
        unit: "ms",
        note: `${events(fast)}; ${wall(fast)}`,
      },
      {
        name: "realistic ÷ fast CPU time (the profile changes virtual time, not work), every component",
        value: every.cpuMs / fast.cpuMs,
        unit: "×",
        goal: { near: 1, withinFactor: 1.5 },
        note: `the four az-outage runs interleaved, every other round reversed: ${orderCheck.forward.toFixed(2)} over the rounds run realistic first, ${orderCheck.reversed.toFixed(2)} over those run fast first`,
      },
      {
        name: "realistic ÷ fast CPU time, only the mock cloud, database pair and buffer cache",
        value: held.cpuMs / heldFast.cpuMs,
        unit: "×",
        goal: { near: 1, withinFactor: 1.5 },
        note: `fast: ${heldFast.cpuMs.toFixed(1)} ms, ${events(heldFast)}; the pair's ticks and probes scale with the profile`,
      },
      {
        name: `campaign: ${CAMPAIGN_SEEDS} seeds of az-outage on one core (fast, BUGGIFY on, trace off)`,
        value: seedsPerS,
        unit: "seeds/s",
        goal: { atLeast: 10 * CAMPAIGN_BEFORE },
        note: `per CPU second of the one thread; 10× the ${CAMPAIGN_BEFORE} seeds/s before; ${violations} violations`,
      },
      {
        name: "24 h virtual az-outage with the pair's workload, every component, CPU time",
        value: dayEvery.cpuMs,
        unit: "ms",
        goal: { atMost: 1000 },
        note: `${events(dayEvery)}; median of 3; ${wall(dayEvery)}`,
      },
      {
        name: "24 h virtual az-outage, only the mock cloud, database pair and buffer cache, CPU time",
        value: dayHeld.cpuMs,
        unit: "ms",
        goal: { atMost: 1000 },
        note: `${events(dayHeld)}; median of 3; ${wall(dayHeld)}`,
      },
    ];
  },
};

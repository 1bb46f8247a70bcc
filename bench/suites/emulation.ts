/**
 * Emulation at kernel speed: `emulate az-outage` on the Aurora example against the kernel's own
 * no-op event rate, measured side by side in this run, the `fast` profile against `realistic`,
 * campaign throughput on one core, and a 24-hour virtual az-outage with the failover pair's
 * workload.
 *
 * Two registries are measured: every component (what `emulate` attaches today), and only what an
 * Aurora plan's az-outage needs (the mock cloud, the database pair, the buffer cache) — the
 * components that model what this plan holds.
 */

import { CACHE_COMPONENT } from "../../runtime/cache/cache-component";
import { type CampaignUnit, replayCommand } from "../../runtime/campaign";
import { runUnit } from "../../runtime/campaign/run-unit";
import { REALISTIC_PROFILE, type TimingProfile } from "../../runtime/cloud";
import { DATABASE_COMPONENT } from "../../runtime/database/database-component";
import { parsePlan, type Topology } from "../../runtime/plan";
import { EmulationRegistry, emulate, registerBuiltIns } from "../../runtime/scenarios";
import { synthAuroraExample, writePlan } from "../../test/helpers/examples";
import { type BenchRow, type BenchSuite, median, medianMs } from "../harness";
import { measure, noOpActors, perSecond } from "./sim";

const CAMPAIGN_SEEDS = 60;
const DAY_MS = 86_400_000;
/** Seeds per core per second a campaign ran before this work (issue #25's bench run): the goal is 10×. */
const CAMPAIGN_BEFORE = 2.9;

/** The mock cloud, the database pairs and the buffer cache: what an Aurora plan's az-outage exercises. */
function auroraComponents(): EmulationRegistry {
  const r = new EmulationRegistry();
  registerBuiltIns(r);
  r.registerComponent(DATABASE_COMPONENT);
  r.registerComponent(CACHE_COMPONENT);
  return r;
}

/** Median ms and the events of one az-outage run. */
async function azOutage(
  topology: Topology,
  profile: "realistic" | "fast" | TimingProfile,
  registry?: () => EmulationRegistry,
  n = 11,
): Promise<{ ms: number; events: number }> {
  let events = 0;
  const ms = await medianMs(
    () => {
      events = emulate({ topology, scenario: "az-outage", seed: 1, profile, ...(registry ? { registry: registry() } : {}) }).result.events;
    },
    n,
    2,
  );
  return { ms, events };
}

export const emulationSuite: BenchSuite = {
  name: "emulation",
  async run(): Promise<readonly BenchRow[]> {
    const text = synthAuroraExample();
    const aurora = parsePlan(text);
    const kernel = perSecond(await measure(() => noOpActors(false), 5));
    const every = await azOutage(aurora, "realistic");
    const held = await azOutage(aurora, "realistic", auroraComponents);
    const fast = await azOutage(aurora, "fast");
    const kernelAfter = perSecond(await measure(() => noOpActors(false), 5));
    const kernelRate = median([kernel, kernelAfter]);

    // A campaign's units as `campaign --profile fast` runs them (trace off, BUGGIFY on), one thread.
    const plan = writePlan(text);
    const unit = (seed: number): CampaignUnit => ({ plan, scenario: "az-outage", seed, profile: "fast", buggify: true });
    runUnit(unit(0), replayCommand);
    const c0 = process.hrtime.bigint();
    let violations = 0;
    for (let seed = 1; seed <= CAMPAIGN_SEEDS; seed++) if (!runUnit(unit(seed), replayCommand).ok) violations++;
    const seedsPerS = CAMPAIGN_SEEDS / (Number(process.hrtime.bigint() - c0) / 1e9);

    // 24 virtual hours: the az-outage's hour of faults, then quiet until the day is over.
    const day: TimingProfile = {
      ...REALISTIC_PROFILE,
      name: "realistic-24h",
      quietPhaseMs: DAY_MS - REALISTIC_PROFILE.leadInMs - REALISTIC_PROFILE.azPowerInterruptionMs - REALISTIC_PROFILE.azRecoveryMs,
    };
    const dayEvery = await azOutage(aurora, day, undefined, 3);
    const dayHeld = await azOutage(aurora, day, auroraComponents, 3);

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
        note: "the cache's client operations and the storage control plane run without kernel events of their own",
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
        name: "realistic ÷ fast wall time (the profile changes virtual time, not work)",
        value: every.ms / fast.ms,
        unit: "×",
        goal: { near: 1, withinFactor: 1.5 },
        note: "the pair's workload ticks and probes scale with the profile: both run the same ~4,600 ticks",
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

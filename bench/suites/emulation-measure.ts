/**
 * The emulation suite's measurements, run in a fresh process (`node --import tsx
 * bench/suites/emulation-measure.ts <plan>`): a process that has synthesized stacks holds
 * cdktf's half-gigabyte heap, and its collections slowed emulations 2× there — not what a user's
 * `cdktf-resilience emulate` process sees. Prints one JSON document ({@link EmulationFigures}).
 *
 * Two registries are measured: every component (what `emulate` attaches today), and only what an
 * Aurora plan's az-outage needs (the mock cloud, the database pair, the buffer cache) — the
 * components that model what this plan holds.
 */
import { readFileSync } from "node:fs";
import { replayCommand } from "../../runtime/campaign/replay-command";
import type { CampaignUnit } from "../../runtime/campaign/run-unit";
import { runUnit } from "../../runtime/campaign/run-unit";
import { REALISTIC_PROFILE, type TimingProfile } from "../../runtime/cloud";
import { emulate, registerBuiltIns } from "../../runtime/emulation";
import { CACHE_COMPONENT } from "../../runtime/emulation/cache-component";
import { DATABASE_COMPONENT } from "../../runtime/emulation/database-component";
import { parsePlan, type Topology } from "../../runtime/plan";
import { EmulationRegistry } from "../../runtime/scenarios";
import { median, medianMs } from "../harness";
import { measure, noOpActors, perSecond } from "./sim";

export const CAMPAIGN_SEEDS = 60;
const DAY_MS = 86_400_000;

/** A run's median wall time and its kernel events. */
export interface Timed {
  readonly ms: number;
  readonly events: number;
}

export interface EmulationFigures {
  /** Kernel no-op events/s, trace off: the median of a run before and one after the emulations. */
  readonly kernel: number;
  readonly every: Timed;
  readonly held: Timed;
  readonly fast: Timed;
  readonly heldFast: Timed;
  readonly campaign: { readonly seedsPerS: number; readonly violations: number };
  readonly dayEvery: Timed;
  readonly dayHeld: Timed;
}

/** The mock cloud, the database pairs and the buffer cache: what an Aurora plan's az-outage exercises. */
function auroraComponents(): EmulationRegistry {
  const r = new EmulationRegistry();
  registerBuiltIns(r);
  r.registerComponent(DATABASE_COMPONENT);
  r.registerComponent(CACHE_COMPONENT);
  return r;
}

async function azOutage(
  topology: Topology,
  profile: "realistic" | "fast" | TimingProfile,
  registry?: () => EmulationRegistry,
  n = 11,
): Promise<Timed> {
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

export async function measureEmulation(planFile: string): Promise<EmulationFigures> {
  const aurora = parsePlan(readFileSync(planFile, "utf8"));
  const kernelBefore = perSecond(await measure(() => noOpActors(false), 5));
  const every = await azOutage(aurora, "realistic");
  const held = await azOutage(aurora, "realistic", auroraComponents);
  const fast = await azOutage(aurora, "fast");
  const heldFast = await azOutage(aurora, "fast", auroraComponents);
  const kernelAfter = perSecond(await measure(() => noOpActors(false), 5));

  // A campaign's units as `campaign --profile fast` runs them (trace off, BUGGIFY on), one thread.
  const unit = (seed: number): CampaignUnit => ({ plan: planFile, scenario: "az-outage", seed, profile: "fast", buggify: true });
  runUnit(unit(0), replayCommand);
  const t0 = process.hrtime.bigint();
  let violations = 0;
  for (let seed = 1; seed <= CAMPAIGN_SEEDS; seed++) if (!runUnit(unit(seed), replayCommand).ok) violations++;
  const seedsPerS = CAMPAIGN_SEEDS / (Number(process.hrtime.bigint() - t0) / 1e9);

  // 24 virtual hours: the az-outage's hour of faults, then quiet until the day is over.
  const day: TimingProfile = {
    ...REALISTIC_PROFILE,
    name: "realistic-24h",
    quietPhaseMs: DAY_MS - REALISTIC_PROFILE.leadInMs - REALISTIC_PROFILE.azPowerInterruptionMs - REALISTIC_PROFILE.azRecoveryMs,
  };
  const dayEvery = await azOutage(aurora, day, undefined, 3);
  const dayHeld = await azOutage(aurora, day, auroraComponents, 3);
  return {
    kernel: median([kernelBefore, kernelAfter]),
    every,
    held,
    fast,
    heldFast,
    campaign: { seedsPerS, violations },
    dayEvery,
    dayHeld,
  };
}

if (require.main === module) {
  const plan = process.argv[2];
  if (!plan) throw new Error("usage: emulation-measure.ts <cdk.tf.json of the Aurora example>");
  measureEmulation(plan).then(
    (f) => process.stdout.write(JSON.stringify(f)),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}

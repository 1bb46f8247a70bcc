/**
 * The emulation suite's measurements, run in a fresh process (`node --import tsx
 * bench/suites/emulation-measure.ts <plan>`): a process that has synthesized stacks holds
 * cdktf's half-gigabyte heap, and its collections slowed emulations 2× there — not what a user's
 * `cdktf-resilience emulate` process sees. Prints one JSON document ({@link EmulationFigures}).
 *
 * Two registries are measured: every component (what `emulate` attaches today), and only what an
 * Aurora plan's az-outage needs (the mock cloud, the database pair, the buffer cache) — the
 * components that model what this plan holds.
 *
 * Every figure is CPU time of this process (user + system, `process.cpuUsage`), so other work on a
 * shared machine does not count; wall time is kept beside it. The az-outage variants are measured
 * round robin after shared warm-up rounds (see {@link interleaved}).
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
import { median } from "../harness";
import { noOpActors } from "./sim";

export const CAMPAIGN_SEEDS = 60;
const DAY_MS = 86_400_000;

/** A run's median wall time, its median CPU time (this process, user + system), and its kernel events. */
export interface Timed {
  readonly ms: number;
  readonly cpuMs: number;
  readonly events: number;
}

export interface EmulationFigures {
  /** Kernel no-op events per CPU second, trace off: the median of a run before and one after the emulations. */
  readonly kernel: number;
  readonly every: Timed;
  readonly held: Timed;
  readonly fast: Timed;
  readonly heldFast: Timed;
  /**
   * realistic ÷ fast CPU time (every component) over the rounds run in the listed order and over
   * those run in reverse: a figure that depends on the order is a warm-up artefact, not the profile.
   */
  readonly orderCheck: { readonly forward: number; readonly reversed: number };
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

/** The kernel's no-op events per CPU second, trace off: the median of 5 runs after one untimed. */
function kernelEventsPerCpuS(): number {
  noOpActors(false);
  const rates: number[] = [];
  for (let i = 0; i < 5; i++) {
    const cpu0 = process.cpuUsage();
    const events = noOpActors(false).step;
    const cpu = process.cpuUsage(cpu0);
    rates.push(events / ((cpu.user + cpu.system) / 1e6));
  }
  return median(rates);
}

type Variant = { readonly profile: "realistic" | "fast" | TimingProfile; readonly registry?: () => EmulationRegistry };

/** One az-outage of `v`: wall and CPU time, events. */
function azOutageOnce(topology: Topology, v: Variant): Timed {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const events = emulate({
    topology,
    scenario: "az-outage",
    seed: 1,
    profile: v.profile,
    ...(v.registry ? { registry: v.registry() } : {}),
  }).result.events;
  const cpu = process.cpuUsage(cpu0);
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, cpuMs: (cpu.user + cpu.system) / 1000, events };
}

/**
 * The variants measured round robin: `warmup` shared rounds untimed, then `n` rounds, each running
 * every variant once, every other round in reverse order. Measured one after another, the first
 * variant paid the JIT's warm-up (realistic ÷ fast read 1.45 with realistic first, 0.96 with fast
 * first, CPU time); interleaved, every variant runs in the same conditions.
 */
function interleaved(topology: Topology, variants: readonly Variant[], n: number, warmup = 2): { medians: Timed[]; rounds: Timed[][] } {
  for (let w = 0; w < warmup; w++) for (const v of variants) azOutageOnce(topology, v);
  const rounds: Timed[][] = [];
  for (let i = 0; i < n; i++) {
    const order = variants.map((_, k) => k);
    if (i % 2 === 1) order.reverse();
    const round: Timed[] = new Array(variants.length);
    for (const k of order) round[k] = azOutageOnce(topology, variants[k] as Variant);
    rounds.push(round);
  }
  const medians = variants.map((_, k) => {
    const runs = rounds.map((r) => r[k] as Timed);
    return { ms: median(runs.map((r) => r.ms)), cpuMs: median(runs.map((r) => r.cpuMs)), events: runs[0]?.events ?? 0 };
  });
  return { medians, rounds };
}

export async function measureEmulation(planFile: string): Promise<EmulationFigures> {
  const aurora = parsePlan(readFileSync(planFile, "utf8"));
  const kernelBefore = kernelEventsPerCpuS();
  const { medians, rounds } = interleaved(
    aurora,
    [
      { profile: "realistic" },
      { profile: "realistic", registry: auroraComponents },
      { profile: "fast" },
      { profile: "fast", registry: auroraComponents },
    ],
    12,
  );
  const [every, held, fast, heldFast] = medians as [Timed, Timed, Timed, Timed];
  const ratio = (rs: readonly Timed[][]) => median(rs.map((r) => (r[0] as Timed).cpuMs)) / median(rs.map((r) => (r[2] as Timed).cpuMs));
  const orderCheck = { forward: ratio(rounds.filter((_, i) => i % 2 === 0)), reversed: ratio(rounds.filter((_, i) => i % 2 === 1)) };
  const kernelAfter = kernelEventsPerCpuS();

  // A campaign's units as `campaign --profile fast` runs them (trace off, BUGGIFY on), one thread.
  const unit = (seed: number): CampaignUnit => ({ plan: planFile, scenario: "az-outage", seed, profile: "fast", buggify: true });
  runUnit(unit(0), replayCommand);
  // Per core: the CPU time of this one thread's process, so other work on a shared machine does not count.
  const cpu0 = process.cpuUsage();
  let violations = 0;
  for (let seed = 1; seed <= CAMPAIGN_SEEDS; seed++) if (!runUnit(unit(seed), replayCommand).ok) violations++;
  const cpu = process.cpuUsage(cpu0);
  const seedsPerS = CAMPAIGN_SEEDS / ((cpu.user + cpu.system) / 1e6);

  // 24 virtual hours: the az-outage's hour of faults, then quiet until the day is over.
  const day: TimingProfile = {
    ...REALISTIC_PROFILE,
    name: "realistic-24h",
    quietPhaseMs: DAY_MS - REALISTIC_PROFILE.leadInMs - REALISTIC_PROFILE.azPowerInterruptionMs - REALISTIC_PROFILE.azRecoveryMs,
  };
  const days = interleaved(aurora, [{ profile: day }, { profile: day, registry: auroraComponents }], 3, 1).medians;
  const [dayEvery, dayHeld] = days as [Timed, Timed];
  return {
    kernel: median([kernelBefore, kernelAfter]),
    every,
    held,
    fast,
    heldFast,
    orderCheck,
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

/**
 * One emulation: a plan's topology becomes a mock cloud on a fresh simulation; the registered
 * components attach; the scenario's experiment starts after the profile's lead-in; the fault phase
 * lasts until the experiment's planned end; the quiet phase follows; liveness is judged; the result
 * is the `emulate --json` document. The same topology, scenario, seed and profile give the same
 * result, `traceHash` included.
 */
import { cloudFromTopology, firstWriterZone, regionOf } from "../cloud/from-topology";
import type { MockCloud, MockCloudOptions } from "../cloud/mock-cloud";
import { TIMING_PROFILES, type TimingProfile } from "../cloud/timing-profile";
import { zoneIds } from "../cloud/zones";
import type { EmulationResult, ResultContribution } from "../contract/emulation-result";
import { PAIR_TIMING_DESIGN } from "../database/pair-timing";
import type { InputLimits } from "../plan/input-file";
import type { Topology } from "../plan/topology";
import { assertJudgeable } from "../plan/unknown-blockers";
import { type ExperimentTemplate, experimentProblems, experimentSchedule, runExperiment, scaledMs } from "../scenarios/experiment";
import type { EmulationContext, EmulationRegistry, ModelledResource } from "../scenarios/registry";
import { ScenarioError, scenarioInvalid } from "../scenarios/scenario-error";
import { loadScenarioFile } from "../scenarios/scenario-file";
import { judge } from "../scenarios/verdict";
import type { RunReport } from "../sim/run-report";
import { Simulation } from "../sim/simulation";
import type { TraceOptions } from "../sim/trace-recorder";
import { defaultRegistry } from "./default-registry";
import { assertStrikable } from "./struck-database";

export interface EmulateOptions {
  readonly topology: Topology;
  /** A registered scenario name, an FIS template of the plan (address or name), or a JSON scenario file. */
  readonly scenario: string;
  /** Root seed, an integer in 0..2^53−1. */
  readonly seed: number;
  /**
   * Timing profile: `realistic`, `fast`, or a custom one.
   * @default "realistic"
   */
  readonly profile?: "realistic" | "fast" | TimingProfile;
  /**
   * The zone zonal scenarios strike (a name or zone id of the plan's region).
   * @default - the zone of the first cluster's writer, else the region's first zone
   */
  readonly az?: string;
  /**
   * The database a scenario that strikes one database (`writer-crash`, `instance-failure`)
   * strikes: the Terraform address of one of the plan's databases.
   * @default - the first cluster that has a writer (Redshift: the first Redshift Multi-AZ database)
   */
  readonly database?: string;
  /**
   * The command printed with a failure to replay the run.
   * @default - the kernel's `cdktf-resilience replay …` form
   */
  readonly replayCommand?: (seed: number, scenario: string) => string;
  /**
   * Scenarios and components to use.
   * @default - {@link defaultRegistry}
   */
  readonly registry?: EmulationRegistry;
  /**
   * Trace options (e.g. a `sink` receiving every line).
   * @default - recorded and hashed, not kept
   */
  readonly trace?: Partial<TraceOptions>;
  /**
   * Capacity and RDS options of the mock cloud.
   * @default - the mock cloud's defaults
   */
  readonly cloud?: Pick<MockCloudOptions, "capacity" | "rds" | "account">;
  /**
   * Lets the code's BUGGIFY sites add seeded second faults (a failover target that reboots, readers
   * restarting as the writer is lost, no capacity anywhere for a while, a cache recovery that dies
   * partway): how campaigns reach rare paths. Off, a run is exactly the scenario asked for.
   * @default false
   */
  readonly buggify?: boolean;
  /**
   * Limits on a scenario file read from disk (its size cap).
   * @default - 256 MiB (`INPUT_SIZE_DEFAULT`)
   */
  readonly inputLimits?: InputLimits;
}

/**
 * EmulateOptions plus switches only tests use; internal, not exported from the package's entry
 * points, so a user cannot plant a bug by accident.
 */
export interface InternalEmulateOptions extends EmulateOptions {
  /**
   * Plant known bugs by name (see each component's mutants, e.g. `db.noFence`,
   * `cache.skipIntent`) to show the invariants catch them.
   * @default - none
   */
  readonly mutants?: readonly string[];
}

export interface Emulation {
  /** The `emulate --json` document. */
  readonly result: EmulationResult;
  /** The kernel's report (with the failure and its replay command, if any). */
  readonly report: RunReport;
  /** What the mock had to decide while building the plan's cloud. */
  readonly notes: readonly string[];
}

interface ResolvedScenario {
  readonly name: string;
  readonly build: (ctx: EmulationContext) => ExperimentTemplate;
}

/**
 * Runs one emulation; throws a ScenarioError (or RangeError for a bad seed or zone) on bad input,
 * and a PlanError (`PlanIncomplete`) when the plan's databases depend on values it does not fix.
 */
export function emulate(options: EmulateOptions): Emulation {
  return emulateInternal(options);
}

/** {@link emulate} with the test-only switches of {@link InternalEmulateOptions}. */
export function emulateInternal(options: InternalEmulateOptions): Emulation {
  const { sim, cloud, profile, scenario, template, ctx, modelled, declined, contributions, notes } = prepareEmulation(options);
  const outcome = runExperiment(
    scenario.name,
    template,
    { sim, cloud, topology: options.topology, random: sim.env.random.fork("scenario") },
    ctx.startAtMs,
  );
  const planned = experimentSchedule(template, scaledMs(profile.scenarioTimeDivisor)).totalMs;
  const report = sim.run({ faultPhaseMs: ctx.startAtMs + planned, quietPhaseMs: profile.quietPhaseMs });
  const evidence = judge(options.topology, scenario.name, modelled, outcome, report);
  const ran = new Set(modelled.map((m) => m.component));
  const notRun = [...declined].filter(([component]) => !ran.has(component)).map(([component, why]) => ({ component, why }));
  const { modelled: rows, ...verdict } = evidence;
  return { result: { ...resultOf(report, profile.name, contributions), modelled: rows, notRun, ...verdict }, report, notes };
}

/** A run up to its experiment: the world built, the scenario's template, the components attached. */
export interface PreparedEmulation {
  readonly sim: Simulation;
  readonly cloud: MockCloud;
  readonly profile: TimingProfile;
  readonly scenario: { readonly name: string };
  readonly template: ExperimentTemplate;
  /** The context the components attached with (`startAtMs`: when the experiment starts). */
  readonly ctx: EmulationContext;
  /** What the components declared they model (more may come while the run goes on). */
  readonly modelled: readonly ModelledResource[];
  /** Why each component that declined did not run. */
  readonly declined: ReadonlyMap<string, string>;
  readonly contributions: readonly { from: string; read: () => ResultContribution }[];
  readonly notes: readonly string[];
}

/**
 * Everything a run does before its experiment is scheduled: the run itself, and the look-ahead
 * that tells whether a scenario can reach anything on a plan (`scenario-reach.ts`), both start
 * here, so the look-ahead sees the world the run will.
 */
export function prepareEmulation(options: InternalEmulateOptions): PreparedEmulation {
  // A verdict on values the plan does not fix would be a guess: refuse before anything runs.
  assertJudgeable(options.topology);
  const registry = options.registry ?? defaultRegistry();
  const profile = typeof options.profile === "object" ? options.profile : TIMING_PROFILES[options.profile ?? "realistic"];
  const { region, zones, regions } = regionOf(options.topology);
  const ids = zoneIds(region, zones);
  const knownZone = (z: string) => zones.includes(z) || [...ids.values()].includes(z);
  if (options.az !== undefined && !knownZone(options.az))
    throw new ScenarioError(
      `--az ${options.az} is not a zone of the plan's region${regions.size > 1 ? `s ${[...regions.keys()].join(", ")}` : ` ${region}`}.`,
      [{ path: "az", message: `found "${options.az}"`, expected: `one of ${zones.join(", ")}` }],
      `pass one of ${zones.join(", ")}, or leave --az out to strike the first writer's zone`,
    );
  const scenario = resolveScenario(options.scenario, options.topology, registry, knownZone, options.inputLimits);
  if (options.database !== undefined) assertStrikable(options.database, options.scenario, options.topology, registry);

  const sim = new Simulation({
    seed: options.seed,
    scenario: scenario.name,
    buggify: { enabled: options.buggify ?? false },
    ...(options.replayCommand ? { replayCommand: options.replayCommand } : {}),
    ...(options.trace ? { trace: options.trace } : {}),
  });
  const { cloud, notes, ids: cloudIds } = cloudFromTopology(sim.env, options.topology, { profile, ...options.cloud });
  const az =
    options.az !== undefined
      ? (cloud.zones.resolve(options.az) as string)
      : (firstWriterZone(options.topology, cloud, cloudIds) ?? (zones[0] as string));
  const contributions: { from: string; read: () => ResultContribution }[] = [];
  const modelled: ModelledResource[] = [];
  const declined = new Map<string, string>();
  const base: EmulationContext = {
    seed: options.seed,
    scenario: scenario.name,
    profile,
    sim,
    env: sim.env,
    topology: options.topology,
    cloud,
    ids: cloudIds,
    az,
    ...(options.database !== undefined ? { database: options.database } : {}),
    startAtMs: profile.leadInMs + faultOnsetMs(sim, profile),
    mutants: new Set(options.mutants ?? []),
    contribute: (from, read) => contributions.push({ from, read }),
    model: (m) => modelled.push(m),
    notRun: () => {
      throw new Error("notRun is for components: a scenario does not decline");
    },
  };
  // The experiment is built first, so components can attach only when the scenario asks for them.
  const template = scenario.build(base);
  const problems = experimentProblems(template, knownZone, `scenario ${scenario.name}`);
  if (problems.length) throw scenarioInvalid(`scenario ${scenario.name}`, problems, "fix the scenario's definition");
  const ctx: EmulationContext = { ...base, experiment: template };
  // Each component gets its own `notRun`, so the result can name the one that declined.
  for (const c of registry.components()) c.attach({ ...ctx, notRun: (why) => declined.set(c.name, why) });
  return { sim, cloud, profile, scenario, template, ctx, modelled, declined, contributions, notes };
}

/**
 * Where in the probe period the fault lands: a seeded offset below one probe interval (5 s, scaled
 * like every design duration), so a fault no longer starts on a probe tick in every seed and the
 * time to detect it varies by seed. Drawn from its own stream: no other component's draws move.
 */
function faultOnsetMs(sim: Simulation, profile: TimingProfile): number {
  const period = Math.max(1, Math.floor(PAIR_TIMING_DESIGN.probeIntervalMs / profile.scenarioTimeDivisor));
  return sim.env.random.fork("fault-onset").between(0, period - 1);
}

function resultOf(
  report: RunReport,
  profile: string,
  contributions: readonly { from: string; read: () => ResultContribution }[],
): Omit<EmulationResult, "modelled" | "experiment" | "verdict" | "notJudged" | "notRun"> {
  const parts = contributions.map((c) => ({ from: c.from, part: c.read() }));
  const single = <K extends "cache" | "groups">(key: K): ResultContribution[K] | undefined => {
    const given = parts.filter((p) => p.part[key] !== undefined);
    if (given.length > 1)
      throw new Error(`${given.map((p) => p.from).join(" and ")} both contribute "${key}"; one component owns each section`);
    return given[0]?.part[key];
  };
  const cache = single("cache");
  const groups = single("groups");
  const recovery = parts.flatMap((p) => p.part.recovery ?? []);
  return {
    seed: report.seed,
    scenario: report.scenario,
    profile,
    virtualDurationMs: report.virtualDurationMs,
    events: report.events,
    traceHash: report.traceHash,
    invariants: report.invariants,
    failovers: parts.flatMap((p) => {
      const replaced = new Set(parts.filter((o) => o !== p).flatMap((o) => o.part.replacesFailoversOf ?? []));
      return (p.part.failovers ?? []).filter((f) => !replaced.has(f.resource));
    }),
    revocations: parts.flatMap((p) => p.part.revocations ?? []),
    restores: parts.flatMap((p) => p.part.restores ?? []),
    clients: parts.flatMap((p) => p.part.clients ?? []),
    ...(recovery.length ? { recovery } : {}),
    ...(cache ? { cache } : {}),
    ...(groups ? { groups } : {}),
  };
}

/** Names users reach for to lose a whole region: refused with why (see `resolveScenario`). */
const REGION_SCENARIOS = /^region-(outage|loss|failover|power-loss)$|^global-failover$/;

/** A registered name, then a FIS template of the plan, then a scenario file. */
function resolveScenario(
  arg: string,
  topology: Topology,
  registry: EmulationRegistry,
  knownZone: (z: string) => boolean,
  limits?: InputLimits,
): ResolvedScenario {
  const named = registry.scenario(arg);
  if (named) return { name: named.name, build: (ctx) => named.build(ctx) };
  const template = topology.fisTemplates.find((t) => t.address === arg || t.address.split(".")[1] === arg);
  if (template) {
    const name = (template.address.split(".")[1] as string).replace(/[^A-Za-z0-9._-]/g, "-");
    const problems = experimentProblems(template, knownZone, template.address);
    if (problems.length) throw scenarioInvalid(template.address, problems, "correct the template in the stack, or run another scenario");
    return { name, build: () => template };
  }
  if (REGION_SCENARIOS.test(arg))
    throw new ScenarioError(
      `Scenario "${arg}" is not emulated.`,
      [
        {
          path: "scenario",
          message:
            "the mock cloud builds every region of the plan with its zones, but not an Aurora global database's cross-region replication nor its failover (FailoverGlobalCluster / SwitchoverGlobalCluster, which FIS runs through aws:ssm:start-automation-execution); a verdict on losing a region would be a guess",
          expected: "a zonal scenario",
        },
      ],
      "strike one zone of a region with `--scenario az-outage --az <zone>` (each region in turn), and drill a global failover on AWS (e.g. the FIS template library's aurora-global-region-failover)",
    );
  if (/\.json$/i.test(arg) || arg.includes("/")) {
    const file = loadScenarioFile(arg, knownZone, limits);
    return { name: file.name, build: () => file.template };
  }
  const names = [...registry.scenarios().map((s) => s.name), ...topology.fisTemplates.map((t) => t.address.split(".")[1] as string)];
  throw new ScenarioError(
    `Unknown scenario "${arg}".`,
    [
      {
        path: "scenario",
        message: `"${arg}" is not a scenario name, an FIS template of this plan, or a .json file`,
        expected: `one of ${names.join(", ")}`,
      },
    ],
    `pass one of ${names.join(", ")}, or the path of a JSON scenario file (an FIS experiment template)`,
  );
}

/**
 * One database run as a failover pair: its clusters, control plane, storage, endpoint, workload
 * and history, built from a plain description so tests can set one up without a plan.
 */
import type { EngineFamily } from "../../lib/contract/plan-contract";
import type { Env } from "../sim/ports";
import { type ClusterConfig, ProcessingCluster } from "./cluster";
import { ControlPlane, type RecoveredZonePolicy } from "./control-plane";
import { type EndpointMode, PairEndpoint } from "./endpoint";
import { History } from "./history";
import type { PairMutants } from "./mutants";
import type { PairTiming } from "./pair-timing";
import { AuthoritativeStorage } from "./storage";
import { Workload, type WorkloadOptions } from "./workload";
import type { PairWorld } from "./world";

export interface PairMember {
  /** Unique in the database (an instance address, or `coordinator` / `supporting`). */
  readonly name: string;
  readonly zone: string;
  readonly role: "coordinator" | "supporting" | "pooled";
  /** Defaults to the pair's configuration. */
  readonly config?: ClusterConfig;
}

export interface DatabasePairSpec {
  /** The database's Terraform address. */
  readonly database: string;
  /** Short name for actor names and trace subjects (`db/<shortName>`). */
  readonly shortName: string;
  readonly engine: EngineFamily;
  readonly config: ClusterConfig;
  /** Zones the pair may use, in placement order. */
  readonly zones: readonly string[];
  /** The coordinator first; at most one supporting; the rest pooled. */
  readonly members: readonly PairMember[];
  readonly endpointMode: EndpointMode;
  readonly timing: PairTiming;
  readonly workload: Omit<WorkloadOptions, "clients"> & { readonly clients?: WorkloadOptions["clients"] };
  /** @default "keep-third" */
  readonly onRecoveredZone?: RecoveredZonePolicy;
  /** Who owns the node type and count (see `ControlPlaneOptions.sizes`). @default "pair" */
  readonly sizes?: "pair" | "member";
  readonly mutants?: PairMutants;
  /**
   * Why the plan gives the database no standby in another zone, and the fix (set when `members`
   * has no supporting cluster): what `failover-pair/writes-resume-and-re-pair` reports instead of a bare "not PAIRED".
   */
  readonly noStandby?: string;
}

export interface DatabasePair {
  readonly spec: DatabasePairSpec;
  readonly controlPlane: ControlPlane;
  readonly storage: AuthoritativeStorage;
  readonly endpoint: PairEndpoint;
  readonly history: History;
  readonly workload: Workload;
  readonly world: PairWorld;
  /**
   * The scope of the pair's own timers (workload ticks, probes, promotions): an event of it
   * changes this pair alone, so the pair's checkers judge only this pair after it (`StepFootprint`).
   */
  readonly scope: object;
}

/** Builds the pair on `env` (clusters spawn as actors in their zones); call `startPair` to run it. */
export function buildPair(outer: Env, world: PairWorld, spec: DatabasePairSpec): DatabasePair {
  const scope = { database: spec.database };
  const env = scopedEnv(outer, scope);
  const [first, ...rest] = spec.members;
  if (first?.role !== "coordinator") throw new RangeError(`${spec.database}: the first member must be the coordinator`);
  const storage = new AuthoritativeStorage(spec.database, { enforceFence: !spec.mutants?.noFence });
  const endpoint = new PairEndpoint(spec.endpointMode, spec.zones, first.name, spec.timing.dnsTtlMs);
  const coordinatorConfig = first.config ?? spec.config;
  // The coordinator exists before the control plane: it is the database as it runs today.
  const cp = new ControlPlane(
    env,
    storage,
    endpoint,
    world,
    {
      database: spec.database,
      shortName: spec.shortName,
      timing: spec.timing,
      zones: spec.zones,
      ...(spec.onRecoveredZone ? { onRecoveredZone: spec.onRecoveredZone } : {}),
      ...(spec.mutants ? { mutants: spec.mutants } : {}),
      ...(spec.sizes ? { sizes: spec.sizes } : {}),
    },
    newCoordinator(env, spec, first.name, first.zone, coordinatorConfig),
  );
  for (const m of rest) cp.addExisting(m.name, m.zone, m.config ?? spec.config, m.role === "supporting" ? "supporting" : "pooled");
  const history = new History();
  const clients = spec.workload.clients ?? spec.zones.map((z) => ({ name: `client-${z}`, zone: z }));
  const workload = new Workload(env, cp, world, history, { ...spec.workload, clients }, spec.mutants);
  return { spec, controlPlane: cp, storage, endpoint, history, workload, world, scope };
}

/**
 * `env` whose timers carry `scope`: everything the pair schedules changes the pair and nothing
 * else (it reads the world, never writes it), and the same timers, labels and streams are used, so
 * the run's events are the ones it had without the scope.
 */
function scopedEnv(env: Env, scope: object): Env {
  const timers = env.timers;
  return {
    mode: env.mode,
    clock: env.clock,
    random: env.random,
    trace: env.trace,
    buggify: env.buggify,
    sometimes: env.sometimes,
    timers: {
      after: (delayMs, label, callback, options) => timers.after(delayMs, label, callback, { ...options, scope }),
      every: (periodMs, label, callback, options) => timers.every(periodMs, label, callback, { ...options, scope }),
    },
    spawn: (name, spec) => env.spawn(name, spec),
    actor: (name) => env.actor(name),
    retire: (name) => env.retire(name),
  };
}

/** Starts probes and the workload. */
export function startPair(p: DatabasePair): void {
  p.controlPlane.start();
  p.workload.start();
}

function newCoordinator(env: Env, spec: DatabasePairSpec, name: string, zone: string, config: ClusterConfig): ProcessingCluster {
  return new ProcessingCluster(env, name, `db/${spec.shortName}/${name}`, zone, config, "coordinating", 1, spec.timing.engineRestartMs);
}

/**
 * A small harness for failover pair scenario tests: one pair on a fresh simulation and mock cloud,
 * every failover-pair invariant registered, faults scheduled with sentences (`h.at(10 * MIN).zone("a").losePower({ forMs })`).
 */
import { pairCheckers } from "../../runtime/checkers/failover-pair";
import { FAST_PROFILE, MockCloud, REALISTIC_PROFILE, type TimingProfile } from "../../runtime/cloud";
import {
  buildPair,
  type ClusterConfig,
  type DatabasePair,
  type DatabasePairSpec,
  type PairMember,
  type PairMutants,
  type PairWorld,
  pairTiming,
  startPair,
} from "../../runtime/database";
import { cloudWorld } from "../../runtime/emulation";
import { Simulation } from "../../runtime/sim";

export const SECOND = 1_000;
export const MIN = 60 * SECOND;
export const ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"] as const;

export const CONFIG: ClusterConfig = { nodeType: "ra3.xlplus", nodeCount: 4, keyId: "key-1", network: ["sg-1", "subnets-abc"] };

export interface HarnessOptions {
  readonly seed: number;
  readonly profile?: "realistic" | "fast";
  /** @default c1 coordinating in a, c2 supporting in b */
  readonly members?: readonly PairMember[];
  readonly mutants?: PairMutants;
  readonly endpointMode?: DatabasePairSpec["endpointMode"];
  readonly onRecoveredZone?: DatabasePairSpec["onRecoveredZone"];
  readonly workload?: DatabasePairSpec["workload"];
  /** Zones with room for a new cluster (default: every available zone). */
  readonly capacity?: (zone: string) => boolean;
  /** Record the trace (default true; campaigns turn it off for speed). */
  readonly trace?: boolean;
  /** Keep running after the first violation, to see every invariant's first one (default: stop). */
  readonly keepGoing?: boolean;
  /**
   * Keep the whole client history and commit log, for a test that reads them after the run (by
   * default they keep only what the checkers have not read yet, as in an emulation).
   */
  readonly keepHistory?: boolean;
}

export interface Harness {
  readonly sim: Simulation;
  readonly pair: DatabasePair;
  readonly profile: TimingProfile;
  readonly lines: string[];
  /** Scales a realistic duration to the harness's profile. */
  ms(realisticMs: number): number;
  /** Trace lines of the pair (`db/…` subjects), without the periodic workload summary. */
  story(): string[];
  run(faultPhaseMs: number, quietPhaseMs?: number): ReturnType<Simulation["run"]>;
}

export function pairHarness(o: HarnessOptions): Harness {
  const profile = o.profile === "fast" ? FAST_PROFILE : REALISTIC_PROFILE;
  const lines: string[] = [];
  const sim = new Simulation({
    seed: o.seed,
    scenario: "pair",
    ...(o.trace === false ? {} : { trace: { sink: (l: string) => lines.push(l) } }),
    ...(o.keepGoing ? { stopOnViolation: false } : {}),
  });
  const cloud = new MockCloud(sim.env, { profile, zones: [...ZONES] });
  const base = cloudWorld({ cloud });
  const world: PairWorld = o.capacity
    ? { ...base, hasCapacity: (z, c) => base.hasCapacity(z, c) && (o.capacity as (z: string) => boolean)(z) }
    : base;
  const pair = buildPair(sim.env, world, {
    database: "aws_redshift_cluster.warehouse",
    shortName: "warehouse",
    engine: "redshift",
    config: CONFIG,
    zones: [...ZONES],
    members: o.members ?? [
      { name: "c1", zone: "us-east-1a", role: "coordinator" },
      { name: "c2", zone: "us-east-1b", role: "supporting" },
    ],
    endpointMode: o.endpointMode ?? "proxy",
    timing: pairTiming(profile, "redshift"),
    workload: o.workload ?? {},
    ...(o.onRecoveredZone ? { onRecoveredZone: o.onRecoveredZone } : {}),
    ...(o.mutants ? { mutants: o.mutants } : {}),
  });
  if (o.keepHistory) {
    pair.history.retainAll();
    pair.storage.retainAll();
  }
  startPair(pair);
  for (const c of pairCheckers([pair], () => sim.nowMs)) sim.checkers.add(c);
  const ms = (v: number) => Math.max(1, Math.floor(v / profile.scenarioTimeDivisor));
  return {
    sim,
    pair,
    profile,
    lines,
    ms,
    story: () =>
      lines.filter((l) => l.split(" ")[3] === "db/warehouse" && l.split(" ")[2] !== "workload").map((l) => l.split(" ").slice(2).join(" ")),
    run: (faultPhaseMs, quietPhaseMs = ms(15 * MIN)) => sim.run({ faultPhaseMs, quietPhaseMs }),
  };
}

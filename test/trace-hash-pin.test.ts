import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
// Through the public entry point, so the pins survive files moving inside the runtime.
import { emulate, parsePlan, type Topology } from "../runtime";
import { synthAuroraExample } from "./helpers/examples";

/**
 * Behaviour pins: the trace hash of a few (plan, scenario, seed) runs, captured on main before the
 * runtime's folders were rearranged into one-way layers (and before its public API was narrowed).
 * Moving files, renaming exports and re-wiring imports must not change a single trace line, so
 * these values must not change either. They may change only with a deliberate change of behaviour
 * (a new trace line, a different schedule); then re-capture them in the same commit and say why.
 *
 * The hash covers every trace line of the run (kernel, mock cloud, each component), so it is a far
 * stronger check than any one field; events and verdict are pinned beside it to make a failure
 * readable.
 */
const fixture = (name: string): Topology => parsePlan(readFileSync(join(__dirname, "fixtures", name), "utf8"), name);

interface Pin {
  readonly plan: string;
  readonly scenario: string;
  readonly seed: number;
  readonly profile: "realistic" | "fast";
  readonly buggify?: boolean;
  readonly events: number;
  readonly verdict: string;
  readonly traceHash: string;
}

const PINS: readonly Pin[] = [
  // The README's demo: the Aurora example as our constructs synthesize it.
  {
    plan: "example:aurora-postgres",
    scenario: "az-outage",
    seed: 42,
    profile: "realistic",
    events: 5561,
    verdict: "held",
    traceHash: "99efebd5c16f99c434a1680b1d698a5bd85dbae01f16226aee8704c58d6d9cca",
  },
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "az-outage",
    seed: 11,
    profile: "realistic",
    events: 5562,
    verdict: "held",
    traceHash: "981a19d5d8fa6d89fe90d5a1ebadba84066f3c44dce9e09065cf29ec359cedb2",
  },
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "writer-crash",
    seed: 7,
    profile: "fast",
    events: 1230,
    verdict: "held",
    traceHash: "b5a7273ddd2e503d22a81d83ad36d2de089bc5114da246550cbd8e5579d514cf",
  },
  // BUGGIFY sites draw from the seed too: a restructure must keep their order of draws.
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "writer-crash",
    seed: 3,
    profile: "fast",
    buggify: true,
    events: 1229,
    verdict: "held",
    traceHash: "1d066a831a5887d1857c1c3f968e4d099a180c7874d35f762d7d16f383490178",
  },
  // The storage control plane.
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "pitr-restore",
    seed: 11,
    profile: "realistic",
    events: 4709,
    verdict: "held",
    traceHash: "0342148de4ec2430de484c758db0b569fbf4ecbec6d171366afb476aa71d1de6",
  },
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "clone",
    seed: 4,
    profile: "realistic",
    events: 3064,
    verdict: "held",
    traceHash: "2eadeae73ca304d34d9197b5262fa067924fc400a33518e6c62c418f92b93182",
  },
  // Crash containment of processing groups.
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "group-crash",
    seed: 42,
    profile: "fast",
    events: 1714,
    verdict: "held",
    traceHash: "16d3fd5b6888aed868552f746db672840ca4e49c3c4b484f30e61f7e20986c63",
  },
  // Contingency capacity and the storage volumes of a zone.
  {
    plan: "hand-written-contingency.tf.json",
    scenario: "spot-reclaim",
    seed: 5,
    profile: "fast",
    events: 1387,
    verdict: "not-judged",
    traceHash: "888381a6f198bfbf1e717cdbb0eea51c47d764f1178343efa3c94470aa8676a9",
  },
  {
    plan: "hand-written-contingency.tf.json",
    scenario: "disk-stall",
    seed: 3,
    profile: "fast",
    events: 1379,
    verdict: "held",
    traceHash: "93d3042cbe9bf70dfea6c0f6065e5cb70cc5dcf6aaf43a41a194f138887cde8c",
  },
  // Other engines: ElastiCache, a Multi-AZ DB cluster, Redshift.
  {
    plan: "hand-written-elasticache.tf.json",
    scenario: "az-outage",
    seed: 9,
    profile: "fast",
    events: 10,
    verdict: "held",
    traceHash: "a04d2bf892d7be1623e2deb63956804cab952b80105aebaddb84421806d30d6a",
  },
  {
    plan: "hand-written-multi-az-cluster.tf.json",
    scenario: "az-outage",
    seed: 13,
    profile: "fast",
    events: 5559,
    verdict: "held",
    traceHash: "cd5684884d42ba8ee24ff232df0d75988ad54bdf276866d7df0f3d2ffcd0fff2",
  },
  {
    plan: "hand-written-redshift.tf.json",
    scenario: "az-outage",
    seed: 17,
    profile: "fast",
    events: 5558,
    verdict: "held",
    traceHash: "76e8ad5d8f8dc06d03a871c7dc1b8a7d58aee4cf9541af7166eb993ff3cbb4a1",
  },
];

const plans = new Map<string, Topology>();
beforeAll(() => {
  for (const name of new Set(PINS.map((p) => p.plan)))
    plans.set(name, name === "example:aurora-postgres" ? parsePlan(synthAuroraExample(), "aurora-postgres/cdk.tf.json") : fixture(name));
});

describe("the trace hash of a seeded run is unchanged by restructuring", () => {
  test.each(PINS)("$scenario on $plan, seed $seed, $profile profile", (pin) => {
    const topology = plans.get(pin.plan) as Topology;
    const { result } = emulate({ topology, scenario: pin.scenario, seed: pin.seed, profile: pin.profile, buggify: pin.buggify ?? false });
    expect({ events: result.events, verdict: result.verdict, traceHash: result.traceHash }).toEqual({
      events: pin.events,
      verdict: pin.verdict,
      traceHash: pin.traceHash,
    });
  });
});

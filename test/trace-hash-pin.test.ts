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
    events: 5562,
    verdict: "held",
    traceHash: "6245fdf4e66104559733ac1d6184e498c86a65e6d7ffdc032eefcb67fdeb44e5",
  },
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "az-outage",
    seed: 11,
    profile: "realistic",
    events: 5563,
    verdict: "held",
    traceHash: "20aa47b04725d96efae01766af488826ec67e8b22ea24b82fa59c5c803fe9d66",
  },
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "writer-crash",
    seed: 7,
    profile: "fast",
    events: 1231,
    verdict: "held",
    traceHash: "3c3dae5d1b79c7b54815120e6d327cbf74eb1780932f870354542e04a1139007",
  },
  // BUGGIFY sites draw from the seed too: a restructure must keep their order of draws.
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "writer-crash",
    seed: 3,
    profile: "fast",
    buggify: true,
    events: 1230,
    verdict: "held",
    traceHash: "ab39b4fe0a0facad6844f53c21a82d090fdea99525ce6721574bac9cfc708b46",
  },
  // The storage control plane.
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "pitr-restore",
    seed: 11,
    profile: "realistic",
    events: 4709,
    verdict: "held",
    traceHash: "cdfa6df2404a588b1fdaca3729aeb535b35bfed41f34f382ca30b3212a9f80bc",
  },
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "clone",
    seed: 4,
    profile: "realistic",
    events: 3912,
    verdict: "held",
    traceHash: "4d0df361fdcb48e2a71906d63d88d50cf08c4608336871f4b911aacb334a1860",
  },
  // Crash containment of processing groups.
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "group-crash",
    seed: 42,
    profile: "fast",
    events: 1805,
    verdict: "held",
    traceHash: "55eadc9c7723c07e8fbc5d7ad7ca78d4ded53023c9988afa01571df2beabff54",
  },
  // Contingency capacity and the storage volumes of a zone.
  {
    plan: "hand-written-contingency.tf.json",
    scenario: "spot-reclaim",
    seed: 5,
    profile: "fast",
    events: 1387,
    verdict: "not-judged",
    traceHash: "2c0e476e10b817ee5eec40a95fd0e3a2c912d615e48b63925b8c0dedc28f1ed6",
  },
  {
    plan: "hand-written-contingency.tf.json",
    scenario: "disk-stall",
    seed: 3,
    profile: "fast",
    events: 1578,
    verdict: "held",
    traceHash: "01c0e79665e7d8b2e8ca2aeea58bda8cbc8069c62a669a75046083de2d4d0204",
  },
  // Other engines: ElastiCache, a Multi-AZ DB cluster, Redshift.
  {
    plan: "hand-written-elasticache.tf.json",
    scenario: "az-outage",
    seed: 9,
    profile: "fast",
    events: 13881,
    verdict: "held",
    traceHash: "5f23567d6a450e6e17844b5a4cd228e3c6b3f909199ba33d758ec0dd94093695",
  },
  {
    plan: "hand-written-multi-az-cluster.tf.json",
    scenario: "az-outage",
    seed: 13,
    profile: "fast",
    events: 5559,
    verdict: "held",
    traceHash: "c5665b18484eaf9c0bd37ed74ed7b968023ed4ac64a69a2fa14abbf7ef8fdf9a",
  },
  {
    plan: "hand-written-redshift.tf.json",
    scenario: "az-outage",
    seed: 17,
    profile: "fast",
    events: 5558,
    verdict: "held",
    traceHash: "70d8ad48da5b39e049f56b10d3b7b3a6879dabdc9b6d45e8559e523050924763",
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

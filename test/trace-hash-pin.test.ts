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
    traceHash: "251cbe5d3aa40ceabad7b2c1d69fb905ab1f12aad91eff6f249922f00fc7f235",
  },
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "az-outage",
    seed: 11,
    profile: "realistic",
    events: 5563,
    verdict: "held",
    traceHash: "077d366440d3caa0799a7c2bf32aca0db5926715f920036a181eb1205a041d04",
  },
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "writer-crash",
    seed: 7,
    profile: "fast",
    events: 1231,
    verdict: "held",
    traceHash: "2d6556ddb4922ebe344f5c5f3d12524b116761c12669ca5c887973aa8d7dae85",
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
    traceHash: "b58d3bfe39c398f64954d90db6dd8eca46859a0ef49938f4450ecf5cd6817e73",
  },
  // The storage control plane.
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "pitr-restore",
    seed: 11,
    profile: "realistic",
    events: 4709,
    verdict: "held",
    traceHash: "2cb08c40f02902116fae43f257064ba5338a8f8c35e2011a3a6948eced427e32",
  },
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "clone",
    seed: 4,
    profile: "realistic",
    events: 3912,
    verdict: "held",
    traceHash: "fa7db42d1078e9e0feb7dc549fb366cd87f2890facb08d1b231d43c354316d0f",
  },
  // Crash containment of processing groups.
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "group-crash",
    seed: 42,
    profile: "fast",
    events: 1805,
    verdict: "held",
    traceHash: "a6a99d17049be17ee896524a21bffff8ee737b6146a0d9267fb4a27da3c4961b",
  },
  // Contingency capacity and the storage volumes of a zone.
  {
    plan: "hand-written-contingency.tf.json",
    scenario: "spot-reclaim",
    seed: 5,
    profile: "fast",
    events: 1387,
    verdict: "not-judged",
    traceHash: "91292d6f128ef7519af1775e9398f735231676ce28ea1036f7ff74ef2d801a8a",
  },
  {
    plan: "hand-written-contingency.tf.json",
    scenario: "disk-stall",
    seed: 3,
    profile: "fast",
    events: 1578,
    verdict: "held",
    traceHash: "57cb64c3bc81d65e5c8a7fc5ccef54bce95bce068c195e51737c33db738b5c1e",
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

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
    events: 5559,
    verdict: "held",
    traceHash: "b92bac9eb3e127fdbedf2ccb670da63fb0566b6ab00edb74f6c8c2ebcf464739",
  },
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "az-outage",
    seed: 11,
    profile: "realistic",
    events: 5560,
    verdict: "held",
    traceHash: "85dd137be701673eb0e3de992a98374ec2e2d67a03f33c6603f84f638bb3670c",
  },
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "writer-crash",
    seed: 7,
    profile: "fast",
    events: 1229,
    verdict: "held",
    traceHash: "3d9ec6ae9f6739420e37d84462e808f82ad726e6d08e7c2b9d76f08d1c1a4682",
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
    traceHash: "3ef94e8d9f0735ea6c2467d8ab1c744387b83dd958a7f10a270c9cc4a4d072f2",
  },
  // The storage control plane.
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "pitr-restore",
    seed: 11,
    profile: "realistic",
    events: 4705,
    verdict: "held",
    traceHash: "630cf841d95c69665bb93901138d7b4dc01a91395d367a5c5596bc6405d45afc",
  },
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "clone",
    seed: 4,
    profile: "realistic",
    events: 3907,
    verdict: "held",
    traceHash: "055f3051d028fb083834380c054427d8021eaa369559a6a1031733ff9a2e7c88",
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
    events: 1384,
    verdict: "not-judged",
    traceHash: "7fbaa2106aa71eed5ed45a8dd6626da57d8d577af87f9ee6952d15ae0c423799",
  },
  {
    plan: "hand-written-contingency.tf.json",
    scenario: "disk-stall",
    seed: 3,
    profile: "fast",
    events: 1576,
    verdict: "held",
    traceHash: "170b7441357b2e636923a5bb65698482011e0d02b55ceda5df4138ea2549491b",
  },
  // Other engines: ElastiCache, a Multi-AZ DB cluster, Redshift.
  {
    plan: "hand-written-elasticache.tf.json",
    scenario: "az-outage",
    seed: 9,
    profile: "fast",
    events: 10,
    verdict: "held",
    traceHash: "c1cc321ff5afd512358d329f420a2d884da9e662a25d67ff441e3ef1e8945fda",
  },
  {
    plan: "hand-written-multi-az-cluster.tf.json",
    scenario: "az-outage",
    seed: 13,
    profile: "fast",
    events: 5559,
    verdict: "held",
    traceHash: "30c09944da4d0a75a704a10a3d4f76ed9f4e2c3384eff562c843a528aa8f807e",
  },
  {
    plan: "hand-written-redshift.tf.json",
    scenario: "az-outage",
    seed: 17,
    profile: "fast",
    events: 5556,
    verdict: "held",
    traceHash: "836aa252c4307158a8bb2675db059525502efa3124bfccb254e56abe8304a21d",
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

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
    events: 5558,
    verdict: "held",
    traceHash: "8e90599bb66d12b47f19f26ccac9233fa5effab2742dcf42742497d6db9b0564",
  },
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "az-outage",
    seed: 11,
    profile: "realistic",
    events: 5559,
    verdict: "held",
    traceHash: "c5c6e613c2f1f07f9f8d37e983327405fa307996650ab2934b500778602e0309",
  },
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "writer-crash",
    seed: 7,
    profile: "fast",
    events: 1228,
    verdict: "held",
    traceHash: "779e7b83a11cf8ac15dd752cd1660d9dbc5799603e109b4320298a9f0c8fff2a",
  },
  // BUGGIFY sites draw from the seed too: a restructure must keep their order of draws.
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "writer-crash",
    seed: 3,
    profile: "fast",
    buggify: true,
    events: 1228,
    verdict: "held",
    traceHash: "b93b9f628bfbce5cb0a8161748466b9686fd54557d2d98167e13b3c27c3f9178",
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
    events: 3060,
    verdict: "held",
    traceHash: "146b25fd9b214b68a616bd26784eabda94758d27d3341fe71dbcb7a9fdb35177",
  },
  // Crash containment of processing groups.
  {
    plan: "hand-written-aurora.tf.json",
    scenario: "group-crash",
    seed: 42,
    profile: "fast",
    events: 1714,
    verdict: "held",
    traceHash: "46f5ec1a69d42599133da2f6085b5af1154cba887e0a0e4f2f4359ee23ec2a34",
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
    events: 1378,
    verdict: "held",
    traceHash: "13a96a6a9625cd2475f2ddf85116cb4d5312dd58aac3f56433019601167ef90c",
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

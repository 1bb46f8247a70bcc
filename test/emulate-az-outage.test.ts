import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { REALISTIC_PROFILE } from "../runtime/cloud";
import { emulate } from "../runtime/emulation";
import { parsePlan, type Topology } from "../runtime/plan";
import { synthAuroraExample } from "./helpers/examples";

let example: Topology;
const handWritten = parsePlan(readFileSync(join(__dirname, "fixtures/hand-written-aurora.tf.json"), "utf8"), "hand-written-aurora.tf.json");

beforeAll(() => {
  example = parsePlan(synthAuroraExample(), "aurora-postgres/cdk.tf.json");
});

/** Runs an az-outage and keeps the trace lines that tell the story (kind, subject, detail). */
function azOutage(topology: Topology, seed: number, profile: "realistic" | "fast" = "realistic") {
  const lines: string[] = [];
  const run = emulate({ topology, scenario: "az-outage", seed, profile, trace: { sink: (l) => lines.push(l) } });
  const story = lines
    .map((l) => l.split(" "))
    .filter((f) => ["fis", "zone", "rds"].includes(f[2] as string) && f[0] !== "0")
    .map((f) => ({ atMs: Number(f[0]), line: f.slice(2).join(" ") }));
  return { ...run, lines, story };
}

const MIN = 60_000;

describe("az-outage on the foundation example (synthesized by our constructs)", () => {
  test("the writer's zone loses power for 30 min: the same-size standby in zone b is promoted within Aurora's failover time, and the old writer rejoins as a reader", () => {
    const { result, story } = azOutage(example, 11);
    const at = (pattern: RegExp) => story.find((s) => pattern.test(s.line))?.atMs;
    // The fault starts after the lead-in plus a seeded offset within one 5 s probe period.
    const lead = at(/^zone us-east-1a power-off/) as number;
    expect(lead - REALISTIC_PROFILE.leadInMs).toBeGreaterThanOrEqual(0);
    expect(lead - REALISTIC_PROFILE.leadInMs).toBeLessThan(5_000);
    expect(at(/status=failed/)).toBe(lead);
    expect(at(/^zone us-east-1a power-on/)).toBe(lead + 30 * MIN);
    expect(at(/^fis az-outage completed/)).toBe(lead + 60 * MIN);
    const [f] = result.failovers;
    expect(f).toMatchObject({
      resource: expect.stringMatching(/^aws_rds_cluster\.Orders_/),
      fromAz: "us-east-1a",
      toAz: "us-east-1b",
      fromInstance: expect.stringMatching(/^aws_rds_cluster_instance\.Orders_Writer_/),
      toInstance: expect.stringMatching(/^aws_rds_cluster_instance\.Orders_standby-b_/),
      repairedWith: { az: "us-east-1a" },
    });
    expect((f?.completedAtMs ?? 0) - lead).toBeLessThanOrEqual(5_000 + 120_000);
    expect(f?.repairedWith?.atMs).toBeGreaterThan(lead + 30 * MIN);
    expect(result.invariants.every((i) => i.ok && i.checks > 0)).toBe(true);
  });

  test("the trace tells the outage in order: experiment, power, failover, power back, recovery", () => {
    const { story } = azOutage(example, 11);
    const order = [
      "fis az-outage start",
      "fis power start",
      "zone us-east-1a power-off",
      "failover-start",
      "failover-complete",
      "zone us-east-1a power-on",
      "status=available role=reader",
      "fis az-outage completed",
    ];
    const positions = order.map((o) => story.findIndex((s) => s.line.includes(o)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  test("the same seed gives the identical result, trace hash included; another seed another trace, every invariant still held", () => {
    const a = azOutage(example, 123).result;
    const b = azOutage(example, 123).result;
    const c = azOutage(example, 124).result;
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(c.traceHash).not.toBe(a.traceHash);
    expect(c.invariants.every((i) => i.ok)).toBe(true);
  });

  test("across 25 seeds (fast profile) the standby in zone b always takes over and every invariant holds", () => {
    for (let seed = 1; seed <= 25; seed++) {
      const { result } = azOutage(example, seed, "fast");
      expect([seed, result.failovers.map((f) => f.toAz), result.invariants.every((i) => i.ok)]).toEqual([seed, ["us-east-1b"], true]);
    }
  });
});

describe("az-outage on a hand-written plan (no tags, Terraform defaults)", () => {
  test("both instances in the writer's zone fail; AWS's rule promotes the only replica left, in zone b, despite its tier 5", () => {
    const { result, notes, story } = azOutage(handWritten, 7);
    expect(notes).toEqual([
      "aws_rds_cluster_instance.two has no availability_zone; the mock placed it in eu-west-1a, as AWS would place it somewhere",
    ]);
    expect(story.filter((s) => s.line.includes("status=failed")).map((s) => s.line)).toEqual([
      'rds one status=failed reason="zone power loss"',
      'rds two status=failed reason="zone power loss"',
    ]);
    expect(result.failovers).toMatchObject([
      { resource: "aws_rds_cluster.this", fromAz: "eu-west-1a", toAz: "eu-west-1b", toInstance: "aws_rds_cluster_instance.three" },
    ]);
    expect(result.invariants.every((i) => i.ok)).toBe(true);
  });

  test("--az striking the zone without the writer fails nothing over", () => {
    const lines: string[] = [];
    const { result } = emulate({
      topology: handWritten,
      scenario: "az-outage",
      seed: 7,
      az: "eu-west-1b",
      trace: { sink: (l) => lines.push(l) },
    });
    expect(result.failovers).toEqual([]);
    expect(lines.some((l) => l.includes("rds three status=failed"))).toBe(true);
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { EXAMPLES } from "../examples";
import { emulate } from "../runtime/emulation";
import { parsePlan } from "../runtime/plan";
import { synthExample } from "./helpers/examples";

const fixture = (name: string) => parsePlan(readFileSync(join(__dirname, "fixtures", name), "utf8"), name);

describe("every example and hand-written plan survives an az-outage of its first writer's zone", () => {
  test.each(EXAMPLES.map((e) => e.name))("example %s: runs clean and replays identically", (name) => {
    const topology = parsePlan(synthExample(name), `${name}/cdk.tf.json`);
    const a = emulate({ topology, scenario: "az-outage", seed: 4, profile: "fast" }).result;
    expect(a.invariants.every((i) => i.ok)).toBe(true);
    expect(emulate({ topology, scenario: "az-outage", seed: 4, profile: "fast" }).result).toEqual(a);
  });

  test("a Multi-AZ DB cluster: the writer's zone lost, a readable standby becomes the writer within 35 s", () => {
    const { result } = emulate({ topology: fixture("hand-written-multi-az-cluster.tf.json"), scenario: "az-outage", seed: 1 });
    const [f] = result.failovers;
    expect(f).toMatchObject({ resource: "aws_rds_cluster.this", fromAz: "eu-central-1a", toAz: "eu-central-1b" });
    expect((f?.completedAtMs ?? 0) - (f?.detectedAtMs ?? 0)).toBeLessThanOrEqual(35_000);
  });

  test("ElastiCache: primaries in the lost zone fail over within seconds; groups without a replica cannot", () => {
    const lines: string[] = [];
    const { result } = emulate({
      topology: fixture("hand-written-elasticache.tf.json"),
      scenario: "az-outage",
      seed: 1,
      az: "ap-southeast-2a",
      trace: { sink: (l) => lines.push(l) },
    });
    expect(result.failovers.map((f) => [f.resource, f.fromInstance, f.toInstance])).toEqual([
      ["aws_elasticache_replication_group.catalog", "catalog-0001-001", "catalog-0001-002"],
    ]);
    expect(result.failovers[0]?.clientOutageMs).toBeLessThanOrEqual(6_000);
    expect(lines.some((l) => / cache lonely-001 status=unavailable$/.test(l))).toBe(true);
  });

  test("Redshift is noted as the database subsystem's, and its coordinator's zone is the default target", () => {
    const lines: string[] = [];
    const run = emulate({
      topology: fixture("hand-written-redshift.tf.json"),
      scenario: "az-outage",
      seed: 1,
      profile: "fast",
      trace: { sink: (l) => lines.push(l) },
    });
    expect(run.notes[0]).toMatch(/is a Redshift cluster: the database subsystem runs its coordinating and supporting clusters/);
    const coordinator = fixture("hand-written-redshift.tf.json").databases[0]?.instances[0];
    const zone = coordinator?.availabilityZone ?? coordinator?.candidateZones?.[0];
    expect(lines.some((l) => l.endsWith(`fault world power-loss zone:${zone} begin`))).toBe(true);
  });
});

import { describe, expect, test } from "vitest";
import { cloudFromTopology } from "../runtime/cloud/from-topology";
import { emulate } from "../runtime/emulation/emulate";
import { planFromJson } from "../runtime/plan";
import { candidates } from "../runtime/scenarios/targets";
import { Simulation } from "../runtime/sim/simulation";

/**
 * A Multi-AZ DB instance deployment: "Amazon RDS automatically provisions and maintains a
 * synchronous standby replica in a different Availability Zone … The standby replica doesn't
 * serve read traffic"; when the primary fails, RDS fails over to the standby, "typically 60–120
 * seconds"; a reboot without failover restarts the primary in place.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html
 */
const plan = planFromJson(
  {
    provider: { aws: { region: "eu-west-1" } },
    resource: {
      aws_subnet: { a: { vpc_id: "vpc-1", availability_zone: "eu-west-1a" }, b: { vpc_id: "vpc-1", availability_zone: "eu-west-1b" } },
      aws_db_subnet_group: { g: { name: "g", subnet_ids: ["${aws_subnet.a.id}", "${aws_subnet.b.id}"] } },
      aws_db_instance: {
        db: {
          identifier: "orders",
          engine: "postgres",
          instance_class: "db.m6g.large",
          multi_az: true,
          availability_zone: "eu-west-1a",
          db_subnet_group_name: "${aws_db_subnet_group.g.name}",
          storage_encrypted: true,
          tags: { "FIS-Ready": "True" },
        },
      },
    },
  },
  "multi-az.tf.json",
);

describe("an aws_db_instance with multi_az = true", () => {
  test("is a primary and a standby that serves no reads, in the other zone of the subnet group", () => {
    expect(plan.databases[0]?.instances.map((i) => [i.member, i.role, i.availabilityZone ?? i.candidateZones, i.readable ?? true])).toEqual(
      [
        ["primary", "writer", "eu-west-1a", true],
        ["standby", "failover", ["eu-west-1b"], false],
      ],
    );
  });

  test("losing the primary's zone fails over to the standby within RDS's 60–120 s, and a writer is back", () => {
    const { result } = emulate({ topology: plan, scenario: "az-outage", seed: 3 });
    expect(result.failovers.map((f) => [f.resource, f.fromAz, f.toAz])).toEqual([["aws_db_instance.db", "eu-west-1a", "eu-west-1b"]]);
    const took = (result.failovers[0]?.completedAtMs ?? 0) - (result.failovers[0]?.detectedAtMs ?? 0);
    expect(took).toBeGreaterThanOrEqual(60_000);
    expect(took).toBeLessThanOrEqual(120_000);
    expect(result.invariants.filter((i) => !i.ok).map((i) => i.id)).toEqual([]);
  });

  test("a reboot restarts the primary in place: no failover", () => {
    const { result } = emulate({ topology: plan, scenario: "writer-crash", seed: 3, profile: "fast" });
    expect(result.failovers).toEqual([]);
    expect(result.invariants.filter((i) => !i.ok).map((i) => i.id)).toEqual([]);
  });

  test("is judged: the outage reaches it (verdict held), not 'nothing to emulate'", () => {
    const { result } = emulate({ topology: plan, scenario: "az-outage", seed: 3, profile: "fast" });
    expect([result.verdict, result.modelled.filter((m) => m.resource === "aws_db_instance.db").map((m) => m.struck)]).toEqual([
      "held",
      [true],
    ]);
  });

  test("FIS sees one DB instance (aws:rds:db), the primary with the instance's tags, and no DB cluster (aws:rds:cluster)", () => {
    // The FIS resource types: aws:rds:db is a DB instance, aws:rds:cluster an Aurora or Multi-AZ DB cluster; a
    // Multi-AZ DB instance is one DB instance whose standby has no identifier of its own.
    // https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html#rds-actions-reference-fis
    const sim = new Simulation({ seed: 1, scenario: "targets" });
    const { cloud } = cloudFromTopology(sim.env, plan);
    expect(candidates("aws:rds:db", cloud, plan, []).map((c) => [c.address, c.zone, c.tags])).toEqual([
      ["aws_db_instance.db", "eu-west-1a", { "FIS-Ready": "True" }],
    ]);
    expect(candidates("aws:rds:cluster", cloud, plan, [])).toEqual([]);
  });
});

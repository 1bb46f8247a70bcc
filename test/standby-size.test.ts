import { describe, expect, test } from "vitest";
import { emulate } from "../runtime/emulation/emulate";
import { planFromJson } from "../runtime/plan";

/**
 * Aurora promotes a replica as it is: "the Aurora Replica is promoted to primary" keeps its DB
 * instance class (resizing is a separate ModifyDBInstance), so after a failover to a smaller
 * replica the database runs on the smaller instance.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html
 */
function aurora(standbyClass: string) {
  const instance = (zone: string, instanceClass: string, tier: number) => ({
    cluster_identifier: "${aws_rds_cluster.orders.id}",
    engine: "aurora-postgresql",
    instance_class: instanceClass,
    availability_zone: zone,
    promotion_tier: tier,
  });
  return planFromJson({
    provider: { aws: { region: "eu-west-1" } },
    resource: {
      aws_rds_cluster: { orders: { cluster_identifier: "orders", engine: "aurora-postgresql" } },
      aws_rds_cluster_instance: { writer: instance("eu-west-1a", "db.r6g.2xlarge", 0), standby: instance("eu-west-1b", standbyClass, 1) },
    },
  });
}

describe("a standby's own instance class is the size the failover gets", () => {
  test("a standby smaller than the writer fails capacity-in-advance, naming both sizes and the cut", () => {
    const { result } = emulate({ topology: aurora("db.r6g.large"), scenario: "az-outage", seed: 1, profile: "fast" });
    const i9 = result.invariants.find((i) => i.id === "failover-pair/standby-capacity-in-advance");
    expect(i9?.firstViolation?.message).toBe(
      "aws_rds_cluster.orders: supporting aws_rds_cluster_instance.standby runs 1×db.r6g.large, the coordinator 1×db.r6g.2xlarge: a failover to it cuts capacity by 4×",
    );
  });

  test("a standby of the writer's size holds every invariant through the zone's loss", () => {
    const { result } = emulate({ topology: aurora("db.r6g.2xlarge"), scenario: "az-outage", seed: 1, profile: "fast" });
    expect(result.invariants.filter((i) => !i.ok).map((i) => i.id)).toEqual([]);
    expect(result.failovers.map((f) => f.toInstance)).toContain("aws_rds_cluster_instance.standby");
  });
});

import { describe, expect, test } from "vitest";
import { planFromJson } from "../runtime/plan";
import { synthAuroraExample } from "./helpers/examples";

describe("example: aurora-postgres", () => {
  const text = synthAuroraExample();
  const json = JSON.parse(text) as { resource: Record<string, Record<string, Record<string, unknown>>> };

  test("synthesized plan matches the snapshot", () => {
    expect(text).toMatchSnapshot();
  });

  test("three private subnets, one per zone, in an isolated VPC", () => {
    const zones = Object.values(json.resource.aws_subnet ?? {}).map((s) => s.availability_zone);
    expect(zones).toEqual(["us-east-1a", "us-east-1b", "us-east-1c"]);
    expect(json.resource.aws_internet_gateway).toBeUndefined();
    expect(json.resource.aws_nat_gateway).toBeUndefined();
  });

  test("writer in a (tier 0), same-class failover standby in b (tier 1), reader in c (tier 2)", () => {
    const instances = Object.values(json.resource.aws_rds_cluster_instance ?? {}).map((i) => [
      i.availability_zone,
      i.promotion_tier,
      i.instance_class,
    ]);
    expect(instances.sort()).toEqual([
      ["us-east-1a", 0, "db.r6g.large"],
      ["us-east-1b", 1, "db.r6g.large"],
      ["us-east-1c", 2, "db.r6g.large"],
    ]);
  });

  test("the runtime sees the same topology the construct built", () => {
    const t = planFromJson(json, "example");
    expect(t.region).toBe("us-east-1");
    expect(t.zones.map((z) => z.name)).toEqual(["us-east-1a", "us-east-1b", "us-east-1c"]);
    const [db] = t.databases;
    expect(t.databases).toHaveLength(1);
    expect(db).toMatchObject({
      kind: "aurora",
      engine: "aurora-postgresql",
      identifier: "aurora-postgres-orders",
      storageEncrypted: true,
      topology: "Orders",
      zones: ["us-east-1a", "us-east-1b", "us-east-1c"],
    });
    expect(db?.kmsKey).toEqual({ address: expect.stringMatching(/^aws_kms_key\.Orders_Key_/) });
    expect(db?.instances.map((i) => [i.role, i.availabilityZone, i.promotionTier, i.promotionTierExplicit, i.roleSource])).toEqual([
      ["writer", "us-east-1a", 0, true, "tag"],
      ["failover", "us-east-1b", 1, true, "promotion-tier"],
      ["read", "us-east-1c", 2, true, "promotion-tier"],
    ]);
    expect(t.kmsKeys).toEqual([{ address: db?.kmsKey && "address" in db.kmsKey ? db.kmsKey.address : "", rotation: true }]);
    expect(t.opaque).toEqual([{ address: "aws_vpc.Network", type: "aws_vpc" }]);
  });
});

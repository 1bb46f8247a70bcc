import { describe, expect, test } from "vitest";
import { cloudWorld } from "../../test/helpers/cloud";

function world() {
  const w = cloudWorld();
  w.cloud.elasticache.add({
    id: "sessions",
    automaticFailover: true,
    shards: [{ id: "0001", nodes: ["a", "b", "c"].map((z, i) => ({ id: `sessions-00${i + 1}`, az: `us-east-1${z}` })) }],
  });
  return w;
}

describe("ElastiCache replication groups", () => {
  test("a primary that loses power is replaced by a replica in a zone that is up within seconds; it rejoins as a replica", () => {
    const { sim, cloud, traced } = world();
    cloud.zones.losePower("us-east-1a", { forMs: 600_000 });
    // Detection (at most 10 s) and promotion (at most 6 s) in the realistic profile.
    sim.runFor(17_000);
    const members = () =>
      cloud.elasticache.list()[0]?.NodeGroups[0]?.NodeGroupMembers.map((m) => [m.PreferredAvailabilityZone, m.CurrentRole, m.Status]);
    expect(members()).toEqual([
      ["us-east-1a", "replica", "unavailable"],
      ["us-east-1b", "primary", "available"],
      ["us-east-1c", "replica", "available"],
    ]);
    sim.runFor(600_000);
    expect(members()?.[0]).toEqual(["us-east-1a", "replica", "available"]);
    expect(traced("cache").filter((l) => l.includes("failover"))).toHaveLength(2);
    expect(cloud.elasticache.failovers).toEqual([
      {
        resource: "sessions",
        fromAz: "us-east-1a",
        toAz: "us-east-1b",
        fromInstance: "sessions-001",
        toInstance: "sessions-002",
        detectedAtMs: expect.any(Number),
        completedAtMs: expect.any(Number),
        clientOutageMs: expect.any(Number),
        repairedWith: { az: "us-east-1a", atMs: 600_000 },
      },
    ]);
    const [f] = cloud.elasticache.failovers;
    // Lost at 0: detection (1–10 s) then promotion (2–6 s).
    expect([f?.completedAtMs, f?.clientOutageMs].every((v) => v !== undefined && v >= 3_000 && v <= 16_000)).toBe(true);
    expect((f?.completedAtMs ?? 0) - (f?.detectedAtMs ?? 0)).toBeGreaterThanOrEqual(2_000);
  });

  test("FIS interrupts power to one zone's nodes of a group for a duration", () => {
    const { sim, cloud } = world();
    const h = cloud.elasticache.interruptZonePower("sessions", "us-east-1b", 60_000);
    expect(h.active).toBe(true);
    expect(cloud.elasticache.list()[0]?.NodeGroups[0]?.NodeGroupMembers[1]?.Status).toBe("unavailable");
    sim.runFor(60_000);
    expect(cloud.elasticache.list()[0]?.NodeGroups[0]?.NodeGroupMembers[1]?.Status).toBe("available");
    expect(cloud.elasticache.interruptZonePower("nope", "us-east-1b").active).toBe(false);
  });

  test("TestFailover promotes a replica; unknown groups and groups already failing over are refused", () => {
    const { sim, cloud } = world();
    expect(cloud.call("TestFailover", { ReplicationGroupId: "sessions", NodeGroupId: "0001" })).toMatchObject({
      ok: true,
      value: { ReplicationGroup: { Status: "modifying" } },
    });
    expect(cloud.call("TestFailover", { ReplicationGroupId: "sessions", NodeGroupId: "0001" })).toMatchObject({
      ok: false,
      error: { code: "InvalidReplicationGroupStateFault" },
    });
    sim.runFor(10_000);
    expect(cloud.call("DescribeReplicationGroups", { ReplicationGroupId: "sessions" })).toMatchObject({
      ok: true,
      value: {
        ReplicationGroups: [
          {
            Status: "available",
            MultiAZ: "enabled",
            NodeGroups: [{ NodeGroupMembers: [{ CurrentRole: "replica" }, { CurrentRole: "primary" }, {}] }],
          },
        ],
      },
    });
    expect(cloud.call("DescribeReplicationGroups", { ReplicationGroupId: "nope" })).toMatchObject({
      ok: false,
      error: { code: "ReplicationGroupNotFoundFault" },
    });
    expect(cloud.call("TestFailover", { ReplicationGroupId: "nope", NodeGroupId: "0001" })).toMatchObject({
      ok: false,
      error: { code: "ReplicationGroupNotFoundFault" },
    });
  });
});

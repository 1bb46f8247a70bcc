import { describe, expect, test } from "vitest";
import { cloudWorld, ordersCluster } from "../../../test/helpers/cloud";

const change = (action: "CREATE" | "UPSERT" | "DELETE", value: string, ttl = 60, name = "db.example.internal") => ({
  HostedZoneId: "Z1",
  ChangeBatch: {
    Changes: [{ Action: action, ResourceRecordSet: { Name: name, Type: "CNAME" as const, TTL: ttl, ResourceRecords: [{ Value: value }] } }],
  },
});
const upsert = (value: string, ttl = 60) => change("UPSERT", value, ttl);

describe("Route 53 records", () => {
  test("a change is PENDING until it propagates, then INSYNC and answered everywhere", () => {
    const { sim, cloud } = cloudWorld();
    cloud.dns.addHostedZone("Z1");
    const r = cloud.call("ChangeResourceRecordSets", upsert("a.example.internal"));
    const id = r.ok ? r.value.ChangeInfo.Id : "";
    expect(r).toMatchObject({ ok: true, value: { ChangeInfo: { Status: "PENDING" } } });
    expect(cloud.dns.lookup("db.example.internal")).toBeUndefined();
    sim.runFor(60_000);
    expect(cloud.call("GetChange", { Id: id })).toMatchObject({ ok: true, value: { ChangeInfo: { Status: "INSYNC" } } });
    expect(cloud.call("ListResourceRecordSets", { HostedZoneId: "Z1" })).toMatchObject({
      ok: true,
      value: {
        ResourceRecordSets: [{ Name: "db.example.internal", Type: "CNAME", TTL: 60, ResourceRecords: [{ Value: "a.example.internal" }] }],
      },
    });
  });

  test.each([
    ["an unknown hosted zone", () => ({ ...upsert("x"), HostedZoneId: "Z9" }), "NoSuchHostedZone"],
    ["creating a record that exists", () => change("CREATE", "x"), "InvalidChangeBatch"],
    ["deleting a record that does not exist", () => change("DELETE", "x", 60, "other.internal"), "InvalidChangeBatch"],
    ["a negative TTL", () => upsert("x", -1), "InvalidChangeBatch"],
  ] as const)("%s is refused with its AWS error", (_name, req, code) => {
    const { cloud } = cloudWorld();
    cloud.dns.addHostedZone("Z1");
    cloud.call("ChangeResourceRecordSets", upsert("a"));
    expect(cloud.call("ChangeResourceRecordSets", req())).toMatchObject({ ok: false, error: { code } });
  });

  test("unknown change ids and hosted zones are AWS errors", () => {
    const { cloud } = cloudWorld();
    expect(cloud.call("GetChange", { Id: "nope" })).toMatchObject({ ok: false, error: { code: "NoSuchChange" } });
    expect(cloud.call("ListResourceRecordSets", { HostedZoneId: "Z9" })).toMatchObject({ ok: false, error: { code: "NoSuchHostedZone" } });
  });
});

describe("resolver caching (TTL)", () => {
  test("a client keeps the cached answer until its TTL expires, then sees the change", () => {
    const { sim, cloud } = cloudWorld();
    cloud.dns.setManaged("svc.internal", "CNAME", ["old.internal"], 30_000, "Z1");
    const client = cloud.dns.resolver();
    expect(client.resolve("svc.internal")).toMatchObject({ ok: true, host: "old.internal", fromCache: false, expiresAtMs: 30_000 });
    sim.runFor(10_000);
    cloud.dns.setManaged("svc.internal", "CNAME", ["new.internal"], 30_000, "Z1");
    expect(client.resolve("svc.internal")).toMatchObject({ host: "old.internal", fromCache: true });
    expect(cloud.dns.resolver().resolve("svc.internal")).toMatchObject({ host: "new.internal" });
    sim.runFor(20_000);
    expect(client.resolve("svc.internal")).toMatchObject({ host: "new.internal", fromCache: false });
    expect(client.resolve("missing.internal")).toEqual({ ok: false, error: "NXDOMAIN" });
  });

  test("after a failover the cluster endpoint reaches the old writer for up to 5 s from a warm cache", () => {
    const { sim, cloud } = cloudWorld();
    ordersCluster(cloud);
    const client = cloud.dns.resolver();
    const endpoint = "orders.cluster-mock.us-east-1.rds.amazonaws.com";
    expect(client.resolve(endpoint)).toMatchObject({
      host: "w.mock.us-east-1.rds.amazonaws.com",
      address: "10.0.0.1",
      chain: [endpoint, "w.mock.us-east-1.rds.amazonaws.com"],
    });
    cloud.call("FailoverDBCluster", { DBClusterIdentifier: "orders" });
    sim.runUntil(() => cloud.rds.clusters.get("orders")?.writer === "s", { withinMs: 130_000 });
    const switchedAt = sim.nowMs;
    const warm = cloud.dns.resolver();
    warm.resolve(endpoint);
    expect(warm.resolve(endpoint)).toMatchObject({ host: "s.mock.us-east-1.rds.amazonaws.com" });
    const stale = client.resolve(endpoint);
    expect(stale.ok && stale.expiresAtMs <= switchedAt + 5_000).toBe(true);
  });
});

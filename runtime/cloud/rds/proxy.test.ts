import { describe, expect, test } from "vitest";
import { cloudWorld, ordersCluster } from "../../../test/helpers/cloud";
import { REALISTIC_PROFILE } from "../timing-profile";

const CLUSTER = "orders.cluster-mock.us-east-1.rds.amazonaws.com";

function world(profile = REALISTIC_PROFILE) {
  const w = cloudWorld({ profile });
  const c = ordersCluster(w.cloud);
  const proxy = w.cloud.proxies.add({ name: "orders-proxy", clusterId: "orders" });
  return { ...w, c, proxy };
}

describe("RDS Proxy keeps client connections across a failover", () => {
  test("the proxy connection stays open: NoWriter while the cluster has none, then writes go to the new writer", () => {
    const { sim, cloud, proxy } = world();
    const conn = cloud.connections.open("app", proxy.endpoint, cloud.dns.resolver());
    if ("error" in conn) throw new Error(conn.error);
    expect(conn.request("write")).toEqual({ ok: true, instance: "w", role: "writer" });
    cloud.zones.losePower("us-east-1a", { forMs: 600_000 });
    expect(conn.request("write")).toEqual({ ok: false, error: "NoWriter", retryable: true });
    sim.runFor(130_000);
    expect([conn.open, conn.request("write")]).toEqual([true, { ok: true, instance: "s", role: "writer" }]);
    // The zone went dark at t = 0: clients behind the proxy waited until the proxy switched, 1–3 s after the new writer.
    const f = cloud.rds.failovers[0];
    const afterWriter = (f?.clientOutageMs ?? 0) - (f?.completedAtMs ?? 0);
    expect(afterWriter).toBeGreaterThanOrEqual(1_000);
    expect(afterWriter).toBeLessThanOrEqual(3_000);
  });

  test("a direct connection breaks with the writer; reconnecting inside the TTL reaches the old host, which now only reads", () => {
    // A 10-minute TTL (a client that caches too long) makes the stale window outlast any failover.
    const { sim, cloud, c } = world({ ...REALISTIC_PROFILE, rdsEndpointTtlMs: 600_000 });
    const resolver = cloud.dns.resolver();
    const conn = cloud.connections.open("app", CLUSTER, resolver);
    if ("error" in conn) throw new Error(conn.error);
    cloud.call("FailoverDBCluster", { DBClusterIdentifier: "orders" });
    expect([conn.request("read"), conn.open]).toEqual([{ ok: false, error: "ConnectionReset", retryable: true }, false]);
    sim.runUntil(() => c.writer === "s" && c.status === "available", { withinMs: 130_000 });
    const again = cloud.connections.open("app", CLUSTER, resolver);
    if ("error" in again) throw new Error(again.error);
    expect(again.request("write")).toEqual({ ok: false, error: "ReadOnly", retryable: true });
    sim.runFor(600_000);
    const fresh = cloud.connections.open("app", CLUSTER, resolver);
    if ("error" in fresh) throw new Error(fresh.error);
    expect(fresh.request("write")).toEqual({ ok: true, instance: "s", role: "writer" });
  });

  test("DescribeDBProxyTargets lists the cluster's instances with their role and health; unknown proxies are NotFound", () => {
    const { cloud } = world();
    cloud.zones.losePower("us-east-1c");
    expect(cloud.call("DescribeDBProxyTargets", { DBProxyName: "orders-proxy" })).toMatchObject({
      ok: true,
      value: {
        Targets: [
          { RdsResourceId: "w", Role: "READ_WRITE", TargetHealth: { State: "AVAILABLE" } },
          { RdsResourceId: "s", Role: "READ_ONLY", TargetHealth: { State: "AVAILABLE" } },
          { RdsResourceId: "r", Role: "READ_ONLY", TargetHealth: { State: "UNAVAILABLE" } },
        ],
      },
    });
    expect(cloud.call("DescribeDBProxyTargets", { DBProxyName: "nope" })).toMatchObject({
      ok: false,
      error: { code: "DBProxyNotFoundFault" },
    });
    expect(cloud.connections.open("app", "nowhere.internal", cloud.dns.resolver())).toEqual({ error: "UnknownHost" });
  });
});

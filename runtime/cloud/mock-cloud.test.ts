import { describe, expect, test } from "vitest";
import { cloudWorld, ordersCluster } from "../../test/helpers/cloud";
import type { CloudResult } from "./cloud-result";

describe("the control-plane client", () => {
  test("a call takes effect at once and replies after the API latency through the caller's timers", () => {
    const { sim, cloud, traced } = cloudWorld();
    ordersCluster(cloud);
    const api = cloud.client({ principal: "controller" });
    let reply: { atMs: number; result: CloudResult<unknown> } | undefined;
    api.send("FailoverDBCluster", { DBClusterIdentifier: "orders" }, (result) => {
      reply = { atMs: sim.nowMs, result };
    });
    expect([cloud.rds.clusters.get("orders")?.status, reply]).toEqual(["failing-over", undefined]);
    sim.runFor(400);
    expect(reply?.result).toMatchObject({ ok: true, value: { DBCluster: { Status: "failing-over" } } });
    expect(reply?.atMs).toBeGreaterThanOrEqual(50);
    expect(traced("api")).toEqual(["0 api controller FailoverDBCluster ok"]);
  });

  test("a caller that crashes before the reply never sees it, though its call took effect", () => {
    const { sim, cloud } = cloudWorld();
    ordersCluster(cloud);
    const replies: unknown[] = [];
    sim.spawn("controller", {
      zone: "us-east-1c",
      boot: (ctx) => {
        cloud
          .client({ principal: "controller", timers: ctx.timers })
          .send("FailoverDBCluster", { DBClusterIdentifier: "orders" }, (r) => replies.push(r));
        return { receive() {} };
      },
    });
    sim.faults.crash("controller");
    sim.runFor(1_000);
    expect([replies, cloud.rds.clusters.get("orders")?.status]).toEqual([[], "failing-over"]);
  });

  test("errors are results, never exceptions; operations the mock lacks and bad principals are programming errors", () => {
    const { cloud } = cloudWorld();
    expect(cloud.call("FailoverDBCluster", { DBClusterIdentifier: "nope" })).toEqual({
      ok: false,
      error: { code: "DBClusterNotFoundFault", message: "DBCluster nope not found.", retryable: false },
    });
    expect(() => cloud.call("DeleteEverything" as never, {} as never)).toThrow(/does not implement DeleteEverything/);
    expect(() => cloud.client({ principal: "two words" })).toThrow(/principal must be one word/);
  });

  test("a region must look like one and have zones", () => {
    expect(() => cloudWorld({ region: "mars" })).toThrow(/region must look like us-east-1/);
    expect(() => cloudWorld({ zones: [] })).toThrow(/at least one zone/);
  });
});

import { describe, expect, test } from "vitest";
import { PairEndpoint } from "./endpoint";

describe("the pair's endpoint", () => {
  test("a switch reaches the proxy nodes the control plane reaches; a cut-off node keeps the old target until it heals", () => {
    const ep = new PairEndpoint("proxy", ["a", "b", "c"], "c1", 30_000);
    ep.switchTo("c2", (z) => z !== "a");
    expect(["a", "b", "c"].map((z) => ep.routeFrom(z))).toEqual(["c1", "c2", "c2"]);
    ep.heal(() => true);
    expect(ep.routeFrom("a")).toBe("c2");
  });

  test("direct mode: the record moves at once (clients see it when their cached answer expires)", () => {
    const ep = new PairEndpoint("dns", ["a", "b"], "c1", 30_000);
    ep.switchTo("c2", () => false);
    expect([ep.record, ep.ttlMs]).toEqual(["c2", 30_000]);
  });
});

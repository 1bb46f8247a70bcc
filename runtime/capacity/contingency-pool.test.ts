import { describe, expect, test } from "vitest";
import { SeededRandom } from "../sim/random";
import { ContingencyPool } from "./contingency-pool";
import { SpotMarket } from "./spot-market";

const MIN = 60_000;
const pool = (over: Partial<ConstructorParameters<typeof ContingencyPool>[0]> = {}) =>
  new ContingencyPool({ az: "us-east-1b", type: "r6g.large", minBidMicros: 50_000, maxNoticeMs: 120_000, ...over });

describe("contingency pool", () => {
  test("designating N=1 for a service in zone a gives one idle slot; every slot has one state and the designation is revocable", () => {
    const p = pool();
    expect(p.designate({ service: "db", primaryAz: "us-east-1a", count: 1 })).toBeUndefined();
    expect([p.count("idle"), p.designated()]).toEqual([1, 1]);
    expect(p.revocabilityProblems()).toEqual([]);
    expect(p.partitionProblems()).toEqual([]);
  });

  test("the contingency zone may not be the service's primary zone", () => {
    expect(pool().designate({ service: "db", primaryAz: "us-east-1b", count: 1 })).toMatch(
      /the contingency zone us-east-1b is its primary zone$/,
    );
  });

  test("one zone's failure may not trigger more designations than the zone has unreserved", () => {
    const p = pool({ capacity: 3, reserved: 1 });
    expect(p.designate({ service: "s1", primaryAz: "us-east-1a", count: 1 })).toBeUndefined();
    expect(p.designate({ service: "s2", primaryAz: "us-east-1a", count: 1 })).toBeUndefined();
    expect(p.designate({ service: "s3", primaryAz: "us-east-1a", count: 1 })).toMatch(
      /would trigger 3 designated .* which has 2 unreserved/,
    );
    // Overbooking across independent failures is allowed.
    expect(p.designate({ service: "s4", primaryAz: "us-east-1c", count: 2 })).toBeUndefined();
  });

  test("at price 0.06 and minimum 0.05, 0.06 is leased, 0.059 refused, 0.04 refused below the minimum; at 0.07 the lease is revoking in the same step", () => {
    const p = pool();
    p.designate({ service: "db", primaryAz: "us-east-1a", count: 3 });
    const market = new SpotMarket(
      [p],
      { baseMicros: 60_000, stepMaxMicros: 0, floorMicros: 0, ceilingMicros: 1_000_000 },
      new SeededRandom(7).fork("pool"),
    );
    const a = market.bid(p, "t1", 60_000, 0, 0);
    const b = market.bid(p, "t2", 59_000, 0, 0);
    const c = market.bid(p, "t3", 40_000, 0, 0);
    expect([a.ok, b.ok ? "ok" : b.reason, c.ok ? "ok" : c.reason]).toEqual([true, "below-price", "below-minimum"]);
    const revoked = market.setPrice("us-east-1b", "r6g.large", 70_000, 5 * MIN);
    expect(revoked.map((l) => [l.lessee, l.state, l.reason, l.revokedAtMs])).toEqual([["t1", "revoking", "outbid", 5 * MIN]]);
    p.endLease(revoked[0]?.id as string);
    expect(p.count("idle")).toBe(3);
    expect(p.partitionProblems()).toEqual([]);
  });

  test("a lease may not carry more notice than the pool's policy allows", () => {
    const p = pool({ maxNoticeMs: 0 });
    p.designate({ service: "db", primaryAz: "us-east-1a", count: 1 });
    const r = p.bid("t", 80_000, 60_000, 0, 120_000);
    expect(r.ok ? "ok" : r.reason).toBe("notice-too-long");
  });

  test("a trigger takes idle slots first and revokes only the fewest leases, lowest bid first", () => {
    const p = pool();
    p.designate({ service: "db", primaryAz: "us-east-1a", count: 3 });
    p.bid("high", 90_000, 60_000, 0, 0);
    p.bid("low", 70_000, 60_000, MIN, 0);
    const r = p.reclaimFor("db", 2, 2 * MIN, new SeededRandom(1).fork("pool"));
    expect([r.fromIdle, r.revoked.map((l) => l.lessee), r.short]).toEqual([1, ["low"], 0]);
    expect(p.activate("db", "i-1")).toBe(true);
    // The second slot is still leased (revoking): activating it now would use capacity twice.
    expect(p.activate("db", "i-2")).toBe(false);
    p.endLease(r.revoked[0]?.id as string);
    expect(p.activate("db", "i-2")).toBe(true);
    expect([p.count("activated"), p.count("leased")]).toEqual([2, 1]);
    expect(p.partitionProblems()).toEqual([]);
  });

  test("two services designating one each in 1b, a tenant holding both; losing 1a revokes exactly the lowest bid and the other service's designation stays whole", () => {
    const p = pool();
    p.designate({ service: "s1", primaryAz: "us-east-1a", count: 1 });
    p.designate({ service: "s2", primaryAz: "us-east-1c", count: 1 });
    p.bid("T", 80_000, 60_000, 0, 0);
    p.bid("T", 65_000, 60_000, 0, 0);
    const r = p.reclaimFor("s1", 1, MIN, new SeededRandom(3).fork("pool"));
    expect(r.revoked.map((l) => l.bidMicros)).toEqual([65_000]);
    expect(
      p
        .leases()
        .filter((l) => l.state === "active")
        .map((l) => l.bidMicros),
    ).toEqual([80_000]);
    p.endLease(r.revoked[0]?.id as string);
    p.activate("s1", "i-s1");
    // The other service's designation can still be handed over in full: its one instance is revocable.
    expect(p.revocabilityProblems()).toEqual([]);
  });

  test("exact ties are broken by the seeded stream, the same way for the same seed", () => {
    const order = (seed: number) => {
      const p = pool();
      p.designate({ service: "db", primaryAz: "us-east-1a", count: 4 });
      for (const t of ["a", "b", "c", "d"]) p.bid(t, 70_000, 60_000, 0, 0);
      return p.reclaimFor("db", 2, MIN, new SeededRandom(seed).fork("pool")).revoked.map((l) => l.lessee);
    };
    expect(order(5)).toEqual(order(5));
    const seen = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((s) => order(s).join()));
    expect(seen.size).toBeGreaterThan(1);
  });

  test("losing one of two designated instances breaks revocability at once, naming the pool", () => {
    const p = pool();
    p.designate({ service: "db", primaryAz: "us-east-1a", count: 2 });
    p.bid("t", 70_000, 60_000, 0, 0);
    expect(p.shrink(1, 30 * MIN)).toEqual([undefined]);
    expect(p.revocabilityProblems()).toEqual([
      "pool us-east-1b/r6g.large: 2 designated but only 1 revocable (idle 0, leased 1, revoking 0, claimed 0, activated 0, failed 1)",
    ]);
    const r = p.reclaimFor("db", 2, 60 * MIN, new SeededRandom(1).fork("pool"));
    expect([r.fromIdle, r.revoked.length, r.short]).toEqual([0, 1, 1]);
  });
});

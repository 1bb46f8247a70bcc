/**
 * Lease states of designated contingency capacity, each transition pinned on its own (found by
 * mutation testing, `npm run mutate -- --shard systems-contingency-capacity`). Expectations from
 * how EC2 Spot behaves, not from the pool's code: a request is fulfilled when its maximum price is
 * at least the current Spot price (equal counts); an interruption comes with a notice (two minutes
 * on AWS) and the instance ends when it runs out; and from what designation promises: a slot is
 * idle, leased, revoking, claimed, activated or failed, never two at once.
 */
import { describe, expect, test } from "vitest";
import { ContingencyPool } from "./contingency-pool";

const NOTICE = 120_000;
const pool = (extra: Partial<ConstructorParameters<typeof ContingencyPool>[0]> = {}) =>
  new ContingencyPool({ az: "us-east-1b", type: "r6g.large", minBidMicros: 50_000, maxNoticeMs: NOTICE, ...extra });

const states = (p: ContingencyPool) =>
  Object.fromEntries((["idle", "leased", "revoking", "claimed", "activated", "failed"] as const).map((s) => [s, p.count(s)]));

describe("bids", () => {
  test("a bid at the price or above, at least the minimum, with an allowed notice, leases an idle slot", () => {
    const p = pool();
    expect(p.designate({ service: "db", primaryAz: "us-east-1a", count: 2 })).toBeUndefined();
    const r = p.bid("tenant-1", 60_000, 60_000, 1_000, NOTICE);
    expect(r.ok && r.lease).toMatchObject({
      id: "lease-1",
      lessee: "tenant-1",
      bidMicros: 60_000,
      startMs: 1_000,
      noticeMs: NOTICE,
      state: "active",
    });
    expect(states(p)).toMatchObject({ idle: 1, leased: 1 });
    const r2 = p.bid("tenant-2", 50_000, 10_000, 2_000, 0);
    expect(r2.ok && r2.lease.id).toBe("lease-2");
    expect(p.bid("tenant-3", 90_000, 10_000, 3_000, 0)).toEqual({ ok: false, reason: "no-idle-capacity" });
    expect(p.leases().map((l) => l.lessee)).toEqual(["tenant-1", "tenant-2"]);
  });

  test.each([
    ["below the minimum bid", 49_999, 10_000, NOTICE, "below-minimum"],
    ["below the current price", 60_000, 60_001, NOTICE, "below-price"],
    ["a notice longer than the policy allows", 60_000, 10_000, NOTICE + 1, "notice-too-long"],
  ] as const)("refused: %s", (_why, bid, price, notice, reason) => {
    const p = pool();
    p.designate({ service: "db", primaryAz: "us-east-1a", count: 1 });
    expect(p.bid("t", bid, price, 0, notice)).toEqual({ ok: false, reason });
    expect(states(p)).toMatchObject({ idle: 1, leased: 0 });
  });

  test("a negative or fractional minimum bid is refused when the pool is made", () => {
    expect(() => pool({ minBidMicros: -1 })).toThrow(/minBidMicros must be whole micro-dollars ≥ 0, got -1/);
    expect(() => pool({ minBidMicros: 0.5 })).toThrow(/got 0.5/);
    expect(pool({ minBidMicros: 0 }).designated()).toBe(0);
  });
});

describe("a lease's life", () => {
  const leased = () => {
    const p = pool();
    p.designate({ service: "db", primaryAz: "us-east-1a", count: 1 });
    const r = p.bid("t", 60_000, 60_000, 0, NOTICE);
    if (!r.ok) throw new Error("lease refused");
    return { p, lease: r.lease };
  };

  test("notice only goes down, and only on an active lease", () => {
    const { p, lease } = leased();
    expect(() => p.renotice(lease.id, NOTICE + 1)).toThrow(/notice only goes down \(120000 → 120001 ms\)/);
    p.renotice(lease.id, NOTICE);
    p.renotice(lease.id, 30_000);
    expect(p.lease(lease.id)?.noticeMs).toBe(30_000);
    p.revoke(lease.id, "outbid", 5_000);
    expect(() => p.renotice(lease.id, 0)).toThrow(/is not active/);
    expect(() => p.renotice("lease-404", 0)).toThrow(/lease-404 is not active/);
  });

  test("revoked: the notice starts now and the lease ends when it runs out; the slot is revoking, then idle again", () => {
    const { p, lease } = leased();
    const revoked = p.revoke(lease.id, "outbid", 5_000);
    expect(revoked).toMatchObject({ state: "revoking", revokedAtMs: 5_000, reason: "outbid", endAtMs: 5_000 + NOTICE });
    expect(states(p)).toMatchObject({ leased: 0, revoking: 1 });
    expect(() => p.revoke(lease.id, "outbid", 6_000)).toThrow(/is not active/);
    expect(p.endLease(lease.id).state).toBe("ended");
    expect(states(p)).toMatchObject({ idle: 1, revoking: 0 });
    expect(p.leases()).toEqual([]);
    expect(() => p.endLease(lease.id)).toThrow(/has already ended/);
  });

  test("a lessee that leaves without being revoked frees the slot for the next bid", () => {
    const { p, lease } = leased();
    p.endLease(lease.id);
    const again = p.bid("t2", 60_000, 60_000, 10, 0);
    expect(again.ok && again.lease.id).toBe("lease-2");
  });
});

describe("designations", () => {
  test.each([
    [{ service: "db", primaryAz: "us-east-1a", count: 0 }, /count must be ≥ 1, got 0/],
    [{ service: "db", primaryAz: "us-east-1a", count: 1.5 }, /count must be ≥ 1, got 1.5/],
    [{ service: "db", primaryAz: "us-east-1b", count: 1 }, /the contingency zone us-east-1b is its primary zone/],
    [{ service: "db", primaryAz: "us-east-1a", count: 2, instances: ["i-1"] }, /named mode lists 1 instance\(s\) for a count of 2/],
  ])("refused with the reason: %o", (d, why) => {
    const p = pool();
    expect(p.designate(d)).toMatch(why);
    expect([p.designated(), p.designations.length]).toEqual([0, 0]);
  });

  test("the sharing bound: designations one zone's failure triggers must fit the zone's unreserved capacity", () => {
    const p = pool({ capacity: 5, reserved: 2 });
    expect(p.designate({ service: "a", primaryAz: "us-east-1a", count: 2 })).toBeUndefined();
    // A failure of us-east-1c triggers other designations: they do not add up with us-east-1a's.
    expect(p.designate({ service: "c", primaryAz: "us-east-1c", count: 3 })).toBeUndefined();
    expect(p.designate({ service: "a2", primaryAz: "us-east-1a", count: 1 })).toBeUndefined();
    expect(p.designate({ service: "a3", primaryAz: "us-east-1a", count: 1 })).toMatch(
      /a failure of us-east-1a would trigger 4 designated in us-east-1b, which has 3 unreserved/,
    );
    expect(p.designated()).toBe(6);
    // Without a reserved count the whole capacity is room.
    const q = pool({ capacity: 2 });
    expect(q.designate({ service: "a", primaryAz: "us-east-1a", count: 2 })).toBeUndefined();
    expect(q.designate({ service: "b", primaryAz: "us-east-1a", count: 1 })).toMatch(/which has 2 unreserved/);
  });

  test("named mode: its instances are its own, once", () => {
    const p = pool();
    expect(p.designate({ service: "db", primaryAz: "us-east-1a", count: 2, instances: ["i-1", "i-2"] })).toBeUndefined();
    expect(p.designate({ service: "other", primaryAz: "us-east-1a", count: 1, instances: ["i-2"] })).toMatch(
      /i-2 is already designated for another service/,
    );
    expect([p.isNamed("db"), p.isNamed("other"), p.isNamed("nobody")]).toEqual([true, false, false]);
    const r = p.bid("t", 60_000, 60_000, 0, 0);
    expect(r.ok && p.slotName(r.lease)).toBe("i-1");
    expect(r.ok && p.claimOf(r.lease)).toBeUndefined();
  });
});

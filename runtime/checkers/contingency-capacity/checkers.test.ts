import { describe, expect, test } from "vitest";
import { ContingencyPool } from "../../capacity/contingency-pool";
import { HeadVolume } from "../../capacity/head-volume";
import { Ledger } from "../../capacity/ledger";
import type { ObservedEvent } from "../../sim/observed-event";
import {
  bidRule,
  billing,
  boundedRecovery,
  designatedCapacityUsed,
  determinism,
  durability,
  fencing,
  noDoubleCount,
  noticeBeforeReclaim,
  reservationsHonoured,
  revocable,
  separation,
  sharing,
  singleWriter,
} from ".";

const pool = () => {
  const p = new ContingencyPool({ az: "us-east-1b", type: "r6g.large", minBidMicros: 50_000, maxNoticeMs: 120_000 });
  p.designate({ service: "db", primaryAz: "us-east-1a", count: 1 });
  return p;
};
const ev = (atMs: number, data: Record<string, unknown>): ObservedEvent => ({
  step: 0,
  atMs,
  kind: "contingency",
  subject: "db",
  detail: String(data.what),
  data: { service: "db", ...data },
});

describe("contingency capacity checkers", () => {
  test("contingency/revocable-within-notice flags a pool that lost designated capacity", () => {
    const p = pool();
    const c = revocable(() => [p]);
    expect(c.afterEvent?.()).toBeUndefined();
    p.shrink(1, 0);
    expect(c.afterEvent?.()).toMatch(/1 designated but only 0 revocable/);
  });

  test("contingency/lease-only-while-bid-holds flags an active lease below the price", () => {
    const p = pool();
    let price = 60_000;
    const c = bidRule(
      () => [p],
      () => price,
    );
    p.bid("t", 60_000, 60_000, 0, 0);
    expect(c.afterEvent?.()).toBeUndefined();
    price = 70_000;
    expect(c.afterEvent?.()).toMatch(/below the price 70000/);
  });

  test("contingency/no-double-count flags a lease on an on-demand instance", () => {
    const p = pool();
    const r = p.bid("t", 60_000, 60_000, 0, 0);
    if (r.ok) r.lease.instanceId = "i-1";
    const c = noDoubleCount(
      () => [p],
      () => ({ lifecycle: "on-demand", holdsSlot: true }),
    );
    expect(c.afterEvent?.()).toMatch(/runs on on-demand instance i-1/);
  });

  test("contingency/reservations-honoured flags a lease inside a reservation", () => {
    const p = pool();
    const r = p.bid("t", 60_000, 60_000, 0, 0);
    if (r.ok) r.lease.instanceId = "i-1";
    const c = reservationsHonoured(
      () => [p],
      () => ({ lifecycle: "spot", reservationId: "cr-1" }),
    );
    expect(c.afterEvent?.()).toMatch(/capacity reservation cr-1/);
  });

  test("contingency/notice-before-reclaim flags a revocation without trigger, a short notice, and a start before the leases ended", () => {
    const c = noticeBeforeReclaim();
    expect(c.onEvent?.(ev(0, { what: "revoke", leaseId: "l1", noticeMs: 120_000, reason: "contingency-reclaim" }))).toMatch(
      /without a recorded trigger/,
    );
    const d = noticeBeforeReclaim();
    d.onEvent?.(ev(0, { what: "trigger" }));
    d.onEvent?.(ev(10, { what: "revoke", leaseId: "l1", noticeMs: 120_000, reason: "contingency-reclaim" }));
    expect(d.onEvent?.(ev(20, { what: "starting" }))).toMatch(/while lease\(s\) l1 had not ended/);
    expect(d.onEvent?.(ev(100_010, { what: "lease-ended", leaseId: "l1" }))).toMatch(/20000 ms before its 120000 ms notice/);
  });

  test("contingency/bounded-recovery flags a late recovery and a failover that never ends", () => {
    const bound = { detectMs: 10, noticeMs: 0, bootMs: 10, attachMs: 10 };
    const c = boundedRecovery();
    c.onEvent?.(ev(0, { what: "trigger", bound, i3: true }));
    expect(c.onEvent?.(ev(31, { what: "serving" }))).toMatch(/31 ms after its trigger, above the bound of 30 ms/);
    const d = boundedRecovery();
    d.onEvent?.(ev(5, { what: "trigger", bound, i3: true }));
    expect(d.atEnd?.()).toMatch(/never ended/);
  });

  test("contingency/bounded-recovery holds a degraded recovery to the bound too, and exempts a failover that found contingency not revocable", () => {
    const bound = { detectMs: 10, noticeMs: 0, bootMs: 10, attachMs: 10 };
    const c = boundedRecovery();
    c.onEvent?.(ev(0, { what: "trigger", bound, i3: true }));
    expect(c.onEvent?.(ev(31, { what: "degraded" }))).toMatch(/served degraded 31 ms after its trigger, above the bound of 30 ms/);
    const d = boundedRecovery();
    d.onEvent?.(ev(0, { what: "trigger", bound, i3: false }));
    expect(d.onEvent?.(ev(31, { what: "degraded" }))).toBeUndefined();
    const f = boundedRecovery();
    f.onEvent?.(ev(0, { what: "trigger", bound, i3: true }));
    expect(f.onEvent?.(ev(30, { what: "degraded" }))).toBeUndefined();
  });

  test("contingency/replacement-on-designated-capacity reads the cloud: no instance in the designated capacity since a revocable trigger fails; node-only and refused launches are exempt", () => {
    let inCapacity = 0;
    const cloud = {
      capacityOf: () => ({ id: "cr-d", az: "us-east-1b", type: "r6g.large" }),
      onDemandIn: (id: string, since: number) => (id === "cr-d" && since === 0 ? inCapacity : -1),
    };
    const c = designatedCapacityUsed(cloud);
    c.onEvent?.(ev(0, { what: "trigger", i3: true }));
    expect(c.onEvent?.(ev(5, { what: "degraded" }))).toMatch(/no instance of it runs on its designated capacity cr-d in us-east-1b/);
    inCapacity = 1;
    c.onEvent?.(ev(0, { what: "trigger", i3: true }));
    expect(c.onEvent?.(ev(5, { what: "serving" }))).toBeUndefined();
    inCapacity = 0;
    c.onEvent?.(ev(0, { what: "trigger", i3: false }));
    expect(c.onEvent?.(ev(5, { what: "degraded" }))).toBeUndefined();
    c.onEvent?.(ev(0, { what: "trigger", i3: true }));
    c.onEvent?.(ev(1, { what: "starting", path: "same-zone" }));
    expect(c.onEvent?.(ev(5, { what: "serving" }))).toBeUndefined();
    c.onEvent?.(ev(0, { what: "trigger", i3: true }));
    c.onEvent?.({ step: 0, atMs: 1, kind: "capacity", subject: "us-east-1b/r6g.large", detail: "insufficient-capacity", data: {} });
    expect(c.onEvent?.(ev(5, { what: "degraded" }))).toBeUndefined();
  });

  test("contingency/one-writer reads the volume's copies: a deposed head's records after a newer epoch's fail, with no line saying so", () => {
    const all = () => true;
    for (const enforceFence of [true, false]) {
      const v = new HeadVolume(["a", "b", "c"], undefined, enforceFence);
      const c = singleWriter(() => [{ service: "db", copies: () => v.copyRecords() }]);
      v.attach("old", all);
      v.write("old", 1, 10, all);
      v.attach("new", (z) => z !== "a");
      v.write("new", 2, 5, (z) => z !== "a");
      v.catchUp("a");
      expect(c.afterEvent?.()).toBeUndefined();
      v.write("old", 1, 1, all);
      if (enforceFence) expect(c.afterEvent?.()).toBeUndefined();
      else expect(c.afterEvent?.()).toMatch(/the copy in a holds LSN 16–16 from old at epoch 1 after LSN 11–15 from new at epoch 2/);
    }
  });

  test("contingency/lease-only-while-bid-holds reads the cloud: an outbid lease whose instance still runs after notice + termination fails", () => {
    const p = pool();
    let now = 0;
    let running = true;
    const c = bidRule(
      () => [p],
      () => 60_000,
      { holdsSlot: () => running, terminateMaxMs: 30, nowMs: () => now },
    );
    const r = p.bid("t", 60_000, 60_000, 0, 100);
    if (r.ok) r.lease.instanceId = "i-1";
    if (r.ok) p.revoke(r.lease.id, "outbid", 0);
    now = 130;
    expect(c.afterEvent?.()).toBeUndefined();
    now = 131;
    expect(c.afterEvent?.()).toMatch(/lease-1 was outbid at 0 ms, yet its instance i-1 still runs/);
    running = false;
    expect(c.afterEvent?.()).toBeUndefined();
  });

  test("contingency/no-acknowledged-write-lost flags an attach that cannot read every acknowledged write", () => {
    expect(durability().onEvent?.(ev(0, { what: "attach", acked: 1000, readable: 999 }))).toMatch(
      /1000 writes acknowledged .* only 999 readable/,
    );
  });

  test("contingency/one-writer flags acknowledgements at an old epoch and an accepted stale write", () => {
    const c = singleWriter();
    c.onEvent?.(ev(0, { what: "attach", epoch: 2 }));
    expect(c.onEvent?.(ev(1, { what: "acked", epoch: 1 }))).toMatch(/epoch 1 while the volume is at epoch 2/);
    expect(c.onEvent?.(ev(2, { what: "stale-write", accepted: true }))).toMatch(/deposed head node's write was accepted/);
  });

  test("contingency/unfence-only-when-current flags a copy unfenced behind the current LSN", () => {
    expect(fencing().onEvent?.(ev(0, { what: "unfence", lsn: 10, current: 12 }))).toMatch(/unfenced at LSN 10, the volume is at 12/);
  });

  test("contingency/zone-apart-from-primary flags a designation in the primary zone and a replacement there off the node-only path", () => {
    const p = pool();
    const c = separation(() => [p]);
    expect(c.afterEvent?.()).toBeUndefined();
    expect(c.onEvent?.(ev(0, { what: "designated", az: "us-east-1b", primaryAz: "us-east-1a" }))).toBeUndefined();
    expect(c.onEvent?.(ev(1, { what: "starting", az: "us-east-1a", path: "same-zone", zoneHealthy: true }))).toBeUndefined();
    expect(c.onEvent?.(ev(2, { what: "starting", az: "us-east-1a", path: "contingency" }))).toMatch(
      /in its primary zone us-east-1a on the contingency path/,
    );
    expect(c.onEvent?.(ev(3, { what: "starting", az: "us-east-1a", path: "same-zone", zoneHealthy: false }))).toMatch(
      /while that zone was not healthy/,
    );
    expect(separation(() => []).onEvent?.(ev(0, { what: "designated", az: "us-east-1a", primaryAz: "us-east-1a" }))).toMatch(
      /in its primary zone/,
    );
    // A planted bad designation (the pool itself refuses it, so the test writes it in directly).
    p.designations.push({ service: "rogue", primaryAz: "us-east-1b", count: 1 });
    expect(c.afterEvent?.()).toMatch(/rogue is designated in us-east-1b\/r6g\.large, its own primary zone/);
  });

  test("contingency/zone-apart-from-primary judges the roles swap from the cloud: capacity left beside the new primary fails, unless the cloud refused room in the old zone; a later failover from that zone fails either way", () => {
    // The cloud's view, moved by the test: where the service's own designated block is, where it runs.
    const cloud = { block: "us-east-1b", serving: ["us-east-1b"] };
    const view = { designatedZoneOf: () => cloud.block, servingZonesOf: () => cloud.serving };
    const moved = separation(() => [], view);
    expect(moved.onEvent?.(ev(10, { what: "roles-swapped", az: "us-east-1a" }))).toBeUndefined();
    cloud.block = "us-east-1a";
    expect(moved.afterEvent?.()).toBeUndefined();
    expect(moved.onEvent?.(ev(20, { what: "trigger", az: "us-east-1b" }))).toBeUndefined();

    cloud.block = "us-east-1b";
    const left = separation(() => [], view);
    left.onEvent?.(ev(10, { what: "roles-swapped", az: "us-east-1a" }));
    expect(left.afterEvent?.()).toMatch(/still designates its contingency capacity in us-east-1b, the zone its primary now runs in/);

    const refused = separation(() => [], view);
    refused.onEvent?.(ev(10, { what: "roles-swapped", az: "us-east-1a" }));
    refused.onEvent?.({
      step: 0,
      atMs: 10,
      kind: "capacity",
      subject: "us-east-1a/r6g.large",
      detail: "insufficient-capacity",
      data: undefined,
    });
    expect(refused.afterEvent?.()).toBeUndefined();
    // The move never came: the new primary's zone fails with the designation still in it.
    expect(refused.onEvent?.(ev(30, { what: "trigger", az: "us-east-1b" }))).toMatch(
      /head node failed in us-east-1b, where the cloud still designates its contingency capacity although the roles swapped at 10 ms/,
    );
    // Before any swap the same picture (a double outage) is not this invariant's business.
    expect(separation(() => [], view).onEvent?.(ev(30, { what: "trigger", az: "us-east-1b" }))).toBeUndefined();
  });

  test("contingency/shared-zone-fits-each-failure flags designations one zone's failure would trigger beyond the unreserved capacity, not independent ones", () => {
    const p = new ContingencyPool({ az: "us-east-1b", type: "r6g.large", minBidMicros: 0, maxNoticeMs: 0 });
    p.designate({ service: "s1", primaryAz: "us-east-1a", count: 2 });
    p.designate({ service: "s2", primaryAz: "us-east-1c", count: 2 });
    let room = { capacity: 3, reserved: 1 };
    const c = sharing(
      () => [p],
      () => room,
    );
    // 2 for a failure of 1a, 2 for one of 1c: each fits in 3 − 1, together they overbook, which is allowed.
    expect(c.afterEvent?.()).toBeUndefined();
    p.shrink(1, 0);
    expect(c.afterEvent?.()).toMatch(
      /a failure of us-east-1a would trigger 2 designated in us-east-1b\/r6g\.large, which has 2 instances of which 1 are reserved/,
    );
    room = { capacity: 10, reserved: 1 };
    expect(c.afterEvent?.()).toBeUndefined();
  });

  test("contingency/billing-matches-usage flags a charge after termination and a total that is not Σ Tᵢ·Pᵢ", () => {
    const ledger = new Ledger();
    const c = billing(() => [ledger]);
    ledger.open({ account: "tenant:T", item: "lease:l1", instanceId: "i-1", startMs: 0, microsPerHour: 60_000 });
    ledger.terminated("i-1", 3_600_000);
    expect(c.afterEvent?.()).toBeUndefined();
    expect(ledger.chargedTo("tenant:T")).toBe(60_000);
    // Mutant 1: an interval on the terminated instance left open.
    ledger.entries.push({ account: "tenant:T", item: "lease:l2", instanceId: "i-1", startMs: 0, microsPerHour: 1 });
    expect(c.afterEvent?.()).toMatch(/lease:l2 is still charged to tenant:T after i-1 terminated at 3600000 ms/);
    ledger.entries.pop();
    // Mutant 2: an interval that ends after the termination.
    (ledger.entries[0] as { endMs?: number }).endMs = 7_200_000;
    expect(c.afterEvent?.()).toMatch(/until 7200000 ms, after i-1 terminated/);
    // Mutant 3: the running total and the intervals disagree.
    const other = new Ledger();
    other.open({ account: "customer:db", item: "designation:db", startMs: 0, microsPerHour: 60_000 });
    other.close("designation:db", 1_800_000);
    (other.entries[0] as { endMs?: number }).endMs = 3_600_000;
    expect(billing(() => [other]).afterEvent?.()).toMatch(/customer:db was charged 30000 µ\$ but its intervals add up to 60000 µ\$/);
  });

  test("contingency/billing-matches-usage judges leases from the cloud's record and the market's price history, not the ledger's", () => {
    const cloud = new Map([
      ["i-1", { az: "us-east-1b", type: "r6g.large", launchedBy: "tenant:T", terminatedAtMs: undefined as number | undefined }],
    ]);
    const evidence = { instance: (id: string) => cloud.get(id), pricesAt: () => [40_000] };
    const at = (microsPerHour: number, account = "tenant:T") => {
      const l = new Ledger();
      l.open({ account, item: "lease:l1", instanceId: "i-1", startMs: 0, microsPerHour });
      return billing(() => [l], evidence);
    };
    expect(at(40_000).afterEvent?.()).toBeUndefined();
    // Billed at the bid, not the price the market had when the lease began.
    expect(at(50_000).afterEvent?.()).toMatch(
      /lease:l1 is charged 50000 µ\$\/h from 0 ms, but the spot market's price on us-east-1b\/r6g.large then was 40000 µ\$\/h/,
    );
    // Charged to someone the cloud says does not run it.
    expect(at(40_000, "tenant:U").afterEvent?.()).toMatch(/charged to tenant:U, but the cloud says tenant:T runs it/);
    // The cloud terminated the instance; the ledger was never told (its own record is empty).
    (cloud.get("i-1") as { terminatedAtMs?: number }).terminatedAtMs = 1_000;
    expect(at(40_000).afterEvent?.()).toMatch(/lease:l1 is still charged to tenant:T after i-1 terminated at 1000 ms/);
  });

  test("contingency/replays-byte-for-byte flags unreplayable data, time going back, and the first line that differs from a reference run", () => {
    const c = determinism();
    expect(c.onEvent?.(ev(5, { what: "leased", noticeMs: 0 }))).toBeUndefined();
    expect(c.onEvent?.(ev(4, { what: "leased" }))).toMatch(/at 4 ms follows one at 5 ms/);
    expect(determinism().onEvent?.(ev(0, { what: "trigger", bound: { detectMs: Number.NaN } }))).toMatch(/data\.bound\.detectMs = NaN/);
    expect(determinism().onEvent?.(ev(0, { what: "trigger", held: new Map() }))).toMatch(/data\.held is a Map/);
    const ref = determinism();
    for (const [t, w] of [
      [0, "attach"],
      [10, "leased"],
    ] as const)
      ref.onEvent?.(ev(t, { what: w }));
    const same = determinism(ref.digests());
    expect(same.onEvent?.(ev(0, { what: "attach" }))).toBeUndefined();
    expect(same.onEvent?.(ev(10, { what: "leased" }))).toBeUndefined();
    expect(same.atEnd?.()).toBeUndefined();
    const other = determinism(ref.digests());
    expect(other.onEvent?.(ev(0, { what: "attach" }))).toBeUndefined();
    expect(other.onEvent?.(ev(11, { what: "leased" }))).toMatch(/contingency line 2 \(11 ms, leased\) differs from the reference run/);
    const short = determinism(ref.digests());
    short.onEvent?.(ev(0, { what: "attach" }));
    expect(short.atEnd?.()).toMatch(/reference run had 2 contingency lines, this one 1/);
  });
});

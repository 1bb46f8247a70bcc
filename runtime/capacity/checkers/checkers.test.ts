import { describe, expect, test } from "vitest";
import type { ObservedEvent } from "../../checkers/observed-event";
import { ContingencyPool } from "../contingency-pool";
import {
  bidRule,
  boundedRecovery,
  durability,
  fencing,
  noDoubleCount,
  noticeBeforeReclaim,
  reservationsHonoured,
  revocable,
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

describe("seed 001 checkers", () => {
  test("cap-I3-revocable flags a pool that lost designated capacity", () => {
    const p = pool();
    const c = revocable(() => [p]);
    expect(c.afterEvent?.()).toBeUndefined();
    p.shrink(1, 0);
    expect(c.afterEvent?.()).toMatch(/1 designated but only 0 revocable/);
  });

  test("cap-I8-bid-rule flags an active lease below the price", () => {
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

  test("cap-I1-no-double-count flags a lease on an on-demand instance", () => {
    const p = pool();
    const r = p.bid("t", 60_000, 60_000, 0, 0);
    if (r.ok) r.lease.instanceId = "i-1";
    const c = noDoubleCount(
      () => [p],
      () => ({ lifecycle: "on-demand", holdsSlot: true }),
    );
    expect(c.afterEvent?.()).toMatch(/runs on on-demand instance i-1/);
  });

  test("cap-I2-reservations-honoured flags a lease inside a reservation", () => {
    const p = pool();
    const r = p.bid("t", 60_000, 60_000, 0, 0);
    if (r.ok) r.lease.instanceId = "i-1";
    const c = reservationsHonoured(
      () => [p],
      () => ({ lifecycle: "spot", reservationId: "cr-1" }),
    );
    expect(c.afterEvent?.()).toMatch(/capacity reservation cr-1/);
  });

  test("cap-I5-notice-before-reclaim flags a revocation without trigger, a short notice, and a start before the leases ended", () => {
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

  test("cap-I9-bounded-recovery flags a late recovery and a failover that never ends", () => {
    const bound = { detectMs: 10, noticeMs: 0, bootMs: 10, attachMs: 10 };
    const c = boundedRecovery();
    c.onEvent?.(ev(0, { what: "trigger", bound, i3: true }));
    expect(c.onEvent?.(ev(31, { what: "serving" }))).toMatch(/31 ms after its trigger, above the bound of 30 ms/);
    const d = boundedRecovery();
    d.onEvent?.(ev(5, { what: "trigger", bound, i3: true }));
    expect(d.atEnd?.()).toMatch(/never ended/);
  });

  test("cap-I10-durability flags an attach that cannot read every acknowledged write", () => {
    expect(durability().onEvent?.(ev(0, { what: "attach", acked: 1000, readable: 999 }))).toMatch(
      /1000 writes acknowledged .* only 999 readable/,
    );
  });

  test("cap-I7-single-writer flags acknowledgements at an old epoch and an accepted stale write", () => {
    const c = singleWriter();
    c.onEvent?.(ev(0, { what: "attach", epoch: 2 }));
    expect(c.onEvent?.(ev(1, { what: "acked", epoch: 1 }))).toMatch(/epoch 1 while the volume is at epoch 2/);
    expect(c.onEvent?.(ev(2, { what: "stale-write", accepted: true }))).toMatch(/deposed head node's write was accepted/);
  });

  test("cap-I13-fencing flags a copy unfenced behind the current LSN", () => {
    expect(fencing().onEvent?.(ev(0, { what: "unfence", lsn: 10, current: 12 }))).toMatch(/unfenced at LSN 10, the volume is at 12/);
  });
});

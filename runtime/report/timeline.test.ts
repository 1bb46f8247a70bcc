import { describe, expect, test } from "vitest";
import { failoverFigures, recoveryPoint } from "./figures";
import { COMPLETED_AT, DETECTED_AT, failoverRow, LOST_AT, resultWith, TRACE } from "./report-fixture";
import { buildTimeline, type Lane, lostAt } from "./timeline";

const lane = (lanes: readonly Lane[], id: string) => {
  const l = lanes.find((x) => x.id === id);
  if (!l) throw new Error(`no lane ${id} in ${lanes.map((x) => x.id).join(", ")}`);
  return l;
};

describe("buildTimeline", () => {
  const t = buildTimeline(resultWith(), TRACE);

  test("lanes come in reading order: zones, resources, then instances", () => {
    expect(t.lanes.map((l) => [l.group, l.id])).toEqual([
      ["zone", "us-east-1a"],
      ["resource", "aws_rds_cluster.Orders"],
      ["instance", "orders-writer"],
    ]);
    expect(t.endMs).toBe(4_620_000);
  });

  test("fault windows come from begin/end pairs; one still open at the end runs to the end", () => {
    expect(lane(t.lanes, "us-east-1a").segments).toEqual([
      { fromMs: LOST_AT, toMs: 240_000, kind: "fault", label: "isolate zone:us-east-1a" },
      { fromMs: LOST_AT, toMs: 1_920_000, kind: "fault", label: "power-loss zone:us-east-1a" },
      // never ended in the trace
      { fromMs: LOST_AT, toMs: t.endMs, kind: "fault", label: "insufficient-capacity (until the end)" },
    ]);
    const open = buildTimeline(resultWith(), TRACE.slice(0, 5));
    expect(lane(open.lanes, "us-east-1a").segments.every((s) => s.toMs === open.endMs)).toBe(true);
  });

  test("an instance is drawn out of service from each non-available status to the next status", () => {
    expect(lane(t.lanes, "orders-writer").segments).toEqual([
      { fromMs: LOST_AT, toMs: 1_920_000, kind: "outage", label: "failed" },
      { fromMs: 1_920_000, toMs: 2_191_734, kind: "outage", label: "rebooting" },
    ]);
  });

  test("a failover becomes roles, detection, promotion, client outage and marks on the resource's lane", () => {
    const r = lane(t.lanes, "aws_rds_cluster.Orders");
    expect(r.segments.map((s) => [s.kind, s.fromMs, s.toMs])).toEqual([
      ["role", 0, COMPLETED_AT],
      ["role", COMPLETED_AT, t.endMs],
      ["detection", LOST_AT, DETECTED_AT],
      ["promotion", DETECTED_AT, COMPLETED_AT],
      ["client-outage", LOST_AT, LOST_AT + 24_700],
    ]);
    expect(r.marks.map((m) => [m.kind, m.atMs, m.label])).toEqual([
      ["failover", COMPLETED_AT, "failover us-east-1a → us-east-1b"],
      ["repair", 2_191_734, "re-paired in us-east-1a"],
    ]);
  });

  test("revocations, restores and violations get their own lanes", () => {
    const t2 = buildTimeline(
      resultWith({
        failovers: [],
        revocations: [{ pool: "spot", az: "us-east-1b", leases: 3, noticeAtMs: 10, reclaimedAtMs: 120_010, customerLaunchedAtMs: 150_000 }],
        restores: [{ kind: "pitr", source: "orders", target: "orders-restored", pointMs: 60_000, verified: false }],
        invariants: [{ id: "single-writer", ok: false, checks: 3, firstViolation: { atMs: 5, step: 2, message: "two writers" } }],
      }),
      [],
    );
    expect(t2.lanes.map((l) => [l.group, l.id])).toEqual([
      ["pool", "spot (us-east-1b)"],
      ["restore", "orders-restored"],
      ["invariants", "invariants"],
    ]);
    expect(lane(t2.lanes, "spot (us-east-1b)").marks.map((m) => m.kind)).toEqual(["reclaim", "launch"]);
    expect(lane(t2.lanes, "orders-restored").marks[0]?.label).toContain("NOT verified");
    expect(lane(t2.lanes, "invariants").marks[0]).toEqual({ atMs: 5, kind: "violation", label: "single-writer: two writers" });
  });

  test("lines of unknown kinds are ignored, never a crash", () => {
    const t3 = buildTimeline(resultWith({ failovers: [] }), [
      "garbage",
      "12 1 cache hit page=3",
      "5 1 fault world weird begin",
      "6 1 fault world weird zone:x begin",
    ]);
    expect(t3.lanes.map((l) => [l.id, l.segments.length])).toEqual([["x", 1]]);
  });
});

describe("recovery figures", () => {
  const zones = buildTimeline(resultWith(), TRACE).lanes.filter((l) => l.group === "zone");

  test("RTO is split at the zone fault that struck the old writer", () => {
    const [f] = failoverFigures(resultWith(), zones);
    expect(f).toMatchObject({
      lostAtMs: LOST_AT,
      detectionMs: DETECTED_AT - LOST_AT,
      promotionMs: COMPLETED_AT - DETECTED_AT,
      rtoMs: COMPLETED_AT - LOST_AT,
      clientOutageMs: 24_700,
    });
  });

  test("without a fault in the old zone (a writer crash) the loss is the detection", () => {
    expect(lostAt("us-east-1c", DETECTED_AT, zones)).toBe(DETECTED_AT);
    const [f] = failoverFigures(resultWith({ failovers: [failoverRow({ fromAz: "us-east-1c" })] }), zones);
    expect(f?.detectionMs).toBe(0);
  });

  test("a fault that began after detection does not count as the loss", () => {
    expect(lostAt("us-east-1a", LOST_AT - 1, zones)).toBe(LOST_AT - 1);
  });

  test("RPO is read from the invariants that measure acknowledged writes", () => {
    expect(recoveryPoint(resultWith())).toEqual({
      text: "0: no acknowledged write lost (no-acknowledged-write-lost held)",
      ok: true,
    });
    expect(
      recoveryPoint(
        resultWith({
          invariants: [{ id: "no-acknowledged-write-lost", ok: false, checks: 2, firstViolation: { atMs: 1, step: 1, message: "x" } }],
        }),
      ),
    ).toEqual({ text: "VIOLATED: no-acknowledged-write-lost", ok: false });
    expect(recoveryPoint(resultWith({ invariants: [{ id: "cloud/writer-after-recovery", ok: true, checks: 1 }] })).ok).toBeUndefined();
  });
});

import { describe, expect, test } from "vitest";
import { MIN, pairHarness, ZONES } from "../../test/helpers/pair";
import type { DatabasePair } from "./database-pair";
import { type ClientAnswer, longestOutageMs, OUTAGES_MAX, outagesOf, pairRecoveryRow } from "./recovery-measures";

const ok = (atMs: number, writeAck = true): ClientAnswer => ({ atMs, ok: true, writeAck });
const fail = (atMs: number): ClientAnswer => ({ atMs, ok: false, writeAck: false });

describe("outagesOf: from the last answer before the failures to the first write acknowledged after them", () => {
  test("no failure, no outage; the longest is 0", () => {
    const o = outagesOf([ok(10), ok(20)], 0);
    expect(o).toEqual([]);
    expect(longestOutageMs(o)).toBe(0);
  });

  test("a read after the failures does not end the outage: only an acknowledged write proves writes resumed", () => {
    const o = outagesOf([ok(100), fail(110), fail(120), ok(130, false), ok(150)], 0);
    expect(o).toEqual([{ fromMs: 100, toMs: 150, failed: 2 }]);
    expect(longestOutageMs(o)).toBe(50);
  });

  test("failures before any answer count from the start of the workload", () => {
    expect(outagesOf([fail(5), ok(40)], 2)).toEqual([{ fromMs: 2, toMs: 40, failed: 1 }]);
  });

  test("an outage that never ended is null, and makes the longest null", () => {
    const o = outagesOf([ok(10), fail(20), ok(30), fail(40)], 0);
    expect(o).toEqual([
      { fromMs: 10, toMs: 30, failed: 1 },
      { fromMs: 30, toMs: null, failed: 1 },
    ]);
    expect(longestOutageMs(o)).toBeNull();
  });

  test(`more than ${OUTAGES_MAX} outages keep the longest ones, in time order`, () => {
    const answers: ClientAnswer[] = [];
    // 60 outages of 1..60 ms, shortest first.
    let t = 0;
    for (let i = 1; i <= 60; i++) {
      answers.push(ok(t), fail(t + 1), ok(t + i));
      t += 100;
    }
    const o = outagesOf(answers, 0);
    expect(o).toHaveLength(OUTAGES_MAX);
    expect(o.map((x) => (x.toMs as number) - x.fromMs)).toEqual(Array.from({ length: OUTAGES_MAX }, (_, i) => i + 11));
  });
});

/**
 * A shadow of the recovery time, computed from the pair's raw client history by another method:
 * for every failed request, the span from the latest success at or before it to the earliest
 * acknowledged write after it; overlapping spans merged; the longest.
 */
function shadowLongestOutageMs(completions: readonly { atMs: number; outcome: string; seq?: number }[]): number | null {
  const spans: [number, number][] = [];
  for (const [i, c] of completions.entries()) {
    if (c.outcome === "ok") continue;
    const before = completions.slice(0, i).filter((x) => x.outcome === "ok");
    const after = completions.slice(i + 1).find((x) => x.outcome === "ok" && x.seq !== undefined);
    if (!after) return null;
    spans.push([before.at(-1)?.atMs ?? -1, after.atMs]);
  }
  let longest = 0;
  let cur: [number, number] | undefined;
  for (const s of spans.sort((a, b) => a[0] - b[0])) {
    if (cur && s[0] <= cur[1]) cur[1] = Math.max(cur[1], s[1]);
    else cur = [...s];
    longest = Math.max(longest, cur[1] - cur[0]);
  }
  return longest;
}

/**
 * The recovery point, by another method: every acknowledged write whose sequence storage holds for
 * another write (or not at all) is lost; the window runs from the newest surviving acknowledgement
 * before the first loss to the last lost acknowledgement.
 */
function shadowLoss(p: DatabasePair): { lost: number; windowMs: number } {
  const acks = p.history.completions
    .filter((c) => c.outcome === "ok" && c.seq !== undefined)
    .map((c) => ({ atMs: c.atMs, kept: p.storage.at(c.seq as number)?.writeId === p.history.invokes.find((i) => i.id === c.id)?.writeId }));
  const firstLost = acks.findIndex((a) => !a.kept);
  if (firstLost < 0) return { lost: 0, windowMs: 0 };
  const from = acks.slice(0, firstLost).at(-1)?.atMs ?? (p.history.invokes[0]?.atMs as number);
  const lastLost = acks.filter((a) => !a.kept).at(-1)?.atMs as number;
  return { lost: acks.filter((a) => !a.kept).length, windowMs: lastLost - from };
}

describe("a pair's recovery row agrees with a shadow computed from its clients' raw history", () => {
  test.each([2, 7, 11])("seed %i, the coordinator's zone dark for 20 min: the same longest outage, nothing lost", (seed) => {
    const h = pairHarness({ seed, trace: false, keepHistory: true });
    h.sim.at(10 * MIN, "zone a dark for 20 min", () => h.sim.faults.powerLoss(ZONES[0], { forMs: 20 * MIN }));
    h.run(60 * MIN);
    const row = pairRecoveryRow(h.pair);
    const shadow = shadowLongestOutageMs(h.pair.history.completions);
    // The zone held the coordinator: clients were cut off, and got writes back.
    expect(shadow).toBeGreaterThan(0);
    expect(row.longestOutageMs).toBe(shadow);
    expect([row.acknowledgedWritesLost, row.dataLossWindowMs]).toEqual([0, 0]);
  });

  test("the same run through a DNS endpoint is cut off longer than through a proxy (the TTL runs out first)", () => {
    const outage = (endpointMode: "dns" | "proxy") => {
      const h = pairHarness({ seed: 7, trace: false, endpointMode, keepHistory: true });
      h.sim.at(10 * MIN, "zone a dark", () => h.sim.faults.powerLoss(ZONES[0], { forMs: 20 * MIN }));
      h.run(60 * MIN);
      return shadowLongestOutageMs(h.pair.history.completions) as number;
    };
    const dns = outage("dns");
    const proxy = outage("proxy");
    expect(dns).toBeGreaterThan(proxy);
  });

  test("with a planted bug that acknowledges before the commit, the lost writes and their window match the shadow", () => {
    const h = pairHarness({ seed: 3, trace: false, mutants: { ackBeforeCommit: true }, keepGoing: true, keepHistory: true });
    h.sim.at(10 * MIN, "zone a dark", () => h.sim.faults.powerLoss(ZONES[0], { forMs: 20 * MIN }));
    h.run(60 * MIN);
    const row = pairRecoveryRow(h.pair);
    const shadow = shadowLoss(h.pair);
    expect(shadow.lost).toBeGreaterThan(0);
    expect({ lost: row.acknowledgedWritesLost, windowMs: row.dataLossWindowMs }).toEqual(shadow);
  });
});

import { describe, expect, test } from "vitest";
import { AuthoritativeStorage } from "./storage";

describe("authoritative storage behind an epoch fence", () => {
  test("commits of the fenced epoch get gap-free sequences; a retried write id gets its first sequence back", () => {
    const s = new AuthoritativeStorage("db");
    s.raiseFence(1);
    expect([s.commit(1, "w1", "c1", 0), s.commit(1, "w2", "c1", 1), s.commit(1, "w1", "c1", 2)]).toEqual([
      { ok: true, seq: 1, retried: false },
      { ok: true, seq: 2, retried: false },
      { ok: true, seq: 1, retried: true },
    ]);
    expect(s.commits.map((c) => [c.seq, c.writeId, c.epoch, c.fence])).toEqual([
      [1, "w1", 1, 1],
      [2, "w2", 1, 1],
    ]);
  });

  test("after the fence rises, the old epoch's commits and reads are refused and counted; the new epoch's land", () => {
    const s = new AuthoritativeStorage("db");
    s.raiseFence(1);
    s.commit(1, "w1", "c1", 0);
    s.raiseFence(2);
    expect(s.commit(1, "w2", "c1", 5)).toEqual({ ok: false, fence: 2 });
    expect(s.read(1)).toEqual({ ok: false, fence: 2 });
    expect(s.commit(2, "w2", "c2", 6)).toEqual({ ok: true, seq: 2, retried: false });
    expect(s.read(2)).toEqual({ ok: true, version: 2 });
    expect(s.fencedCount).toBe(2);
  });

  test("the fence never goes down", () => {
    const s = new AuthoritativeStorage("db");
    s.raiseFence(3);
    expect(() => s.raiseFence(3)).toThrow(/fence of db may only rise: it is 3, asked for 3/);
    expect(() => s.raiseFence(2)).toThrow(RangeError);
  });

  test("the no-fence mutant accepts every epoch (so the checkers can show they catch it)", () => {
    const s = new AuthoritativeStorage("db", { enforceFence: false });
    s.raiseFence(1);
    expect(s.commit(7, "w1", "zombie", 0)).toMatchObject({ ok: true });
  });
});

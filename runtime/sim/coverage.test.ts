import { describe, expect, test } from "vitest";
import { Coverage, mergeCoverage, unreachedPoints } from "./coverage";

describe("coverage", () => {
  test("records evaluations and hits per point with sorted keys, as plain JSON", () => {
    const c = new Coverage();
    expect(c.note("zeta", false)).toBe(false);
    expect(c.note("alpha", true)).toBe(true);
    c.note("zeta", true);
    expect(JSON.stringify(c.record())).toBe('{"alpha":{"evaluations":1,"hits":1},"zeta":{"evaluations":2,"hits":1}}');
  });

  test("merging across runs (or structured-cloned worker results) sums counts and reveals unreached points", () => {
    const a = new Coverage();
    a.note("split vote", false);
    a.note("__proto__", true);
    const b = new Coverage();
    b.note("split vote", false);
    b.note("promotion during re-pair", true);
    const merged = mergeCoverage(structuredClone(a.record()), structuredClone(b.record()));
    expect(JSON.stringify(merged)).toBe(
      '{"__proto__":{"evaluations":1,"hits":1},"promotion during re-pair":{"evaluations":1,"hits":1},"split vote":{"evaluations":2,"hits":0}}',
    );
    expect(unreachedPoints(merged)).toEqual(["split vote"]);
    expect(mergeCoverage()).toEqual({});
  });
});

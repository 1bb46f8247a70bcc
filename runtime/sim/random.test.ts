import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { SeededRandom } from "./random";
import { ratio } from "./ratio";

const draws = (r: SeededRandom, n: number) => Array.from({ length: n }, () => r.uint32());

describe("SeededRandom", () => {
  test("the same seed and path give the same draws; another seed gives others", () => {
    fc.assert(
      fc.property(fc.nat(), fc.string({ minLength: 1 }), (seed, name) => {
        const a = draws(new SeededRandom(seed).fork(name), 8);
        expect(draws(new SeededRandom(seed).fork(name), 8)).toEqual(a);
        expect(draws(new SeededRandom(seed + 1).fork(name), 8)).not.toEqual(a);
      }),
    );
  });

  test("a stream does not depend on draws made by its parent or siblings (adding a component perturbs nothing)", () => {
    const quiet = new SeededRandom(7);
    const expected = draws(quiet.fork("database"), 16);
    const busy = new SeededRandom(7);
    draws(busy, 1000);
    draws(busy.fork("a-new-component"), 1000);
    expect(draws(busy.fork("database"), 16)).toEqual(expected);
  });

  test("fork returns the same stream object for the same name, and paths nest", () => {
    const root = new SeededRandom(1);
    expect(root.fork("a")).toBe(root.fork("a"));
    expect(root.fork("a").fork("b").path).toBe("a/b");
  });

  test("int stays in range and reaches both ends", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 2 ** 32 }), (seed, max) => {
        const r = new SeededRandom(seed);
        for (let i = 0; i < 20; i++) {
          const x = r.int(max);
          expect(Number.isInteger(x) && x >= 0 && x < max).toBe(true);
        }
      }),
    );
    const r = new SeededRandom(3);
    const seen = new Set(Array.from({ length: 200 }, () => r.between(5, 7)));
    expect([...seen].sort()).toEqual([5, 6, 7]);
  });

  test("chance is exact for never and always and close to the ratio otherwise", () => {
    const r = new SeededRandom(11);
    expect(Array.from({ length: 100 }, () => r.chance(ratio(0, 5))).some(Boolean)).toBe(false);
    expect(Array.from({ length: 100 }, () => r.chance(ratio(5, 5))).every(Boolean)).toBe(true);
    const hits = Array.from({ length: 20_000 }, () => r.chance(ratio(1, 4))).filter(Boolean).length;
    expect(hits).toBeGreaterThan(4_500);
    expect(hits).toBeLessThan(5_500);
  });

  test("shuffle is a permutation and pick refuses an empty list", () => {
    const r = new SeededRandom(2);
    const items = Array.from({ length: 50 }, (_, i) => i);
    expect(r.shuffle([...items]).sort((a, b) => a - b)).toEqual(items);
    expect(() => r.pick([])).toThrow(/empty/);
  });

  test("exponentialMs returns integers capped at the maximum with roughly the requested mean", () => {
    const r = new SeededRandom(5);
    const xs = Array.from({ length: 20_000 }, () => r.exponentialMs(100, 400));
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x <= 400)).toBe(true);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean).toBeGreaterThan(85);
    expect(mean).toBeLessThan(100);
  });

  test("seeds must be safe non-negative integers", () => {
    expect(() => new SeededRandom(-1)).toThrow(/seed must be an integer/);
    expect(() => new SeededRandom(1.5)).toThrow(/seed must be an integer/);
    expect(draws(new SeededRandom(Number.MAX_SAFE_INTEGER), 2)).toHaveLength(2);
  });
});

import { describe, expect, test } from "vitest";
import { lazyClass } from "./lazy-class";

class Real {
  static readonly kind = "real";
  constructor(readonly value: number) {}
  double(): number {
    return this.value * 2;
  }
}

describe("lazyClass", () => {
  test("loads the class on first use only, then behaves as it: new, statics, instanceof, extends", () => {
    let loads = 0;
    const Lazy = lazyClass(() => {
      loads++;
      return Real;
    });
    expect(loads).toBe(0);
    const r = new Lazy(21);
    expect(r.double()).toBe(42);
    expect(r).toBeInstanceOf(Real);
    expect(r).toBeInstanceOf(Lazy);
    expect(Lazy.kind).toBe("real");
    class Sub extends Lazy {
      triple(): number {
        return this.value * 3;
      }
    }
    const s = new Sub(2);
    expect([s.double(), s.triple(), s instanceof Real]).toEqual([4, 6, true]);
    expect(loads).toBe(1);
  });
});

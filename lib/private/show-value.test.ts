import { describe, expect, test } from "vitest";
import { showValue } from "./show-value";

describe("showValue: the value a validation message shows", () => {
  test.each<[string, unknown, string]>([
    ["a string, as JSON writes it", "Orders_DB", `"Orders_DB"`],
    ["an array", ["us-east-1a", "us-east-1b"], `["us-east-1a","us-east-1b"]`],
    ["an object", { a: 1, b: [true, null] }, `{"a":1,"b":[true,null]}`],
    ["NaN, which JSON would print as null", Number.NaN, "NaN"],
    ["Infinity", Number.POSITIVE_INFINITY, "Infinity"],
    ["-Infinity inside an array", [Number.NEGATIVE_INFINITY], "[-Infinity]"],
    ["a bigint, which JSON cannot print at all", 10n, "10n"],
    ["a function", function writer() {}, "[function writer]"],
  ])("%s", (_, value, shown) => {
    expect(showValue(value)).toBe(shown);
  });

  test("a cycle is [Circular] instead of a TypeError", () => {
    const loop: Record<string, unknown> = { name: "x" };
    loop.self = loop;
    expect(() => JSON.stringify(loop)).toThrow(/circular/i);
    expect(showValue(loop)).toBe(`{"name":"x","self":[Circular]}`);
  });

  test("the same object twice side by side is not a cycle", () => {
    const shared = { a: 1 };
    expect(showValue([shared, shared])).toBe(`[{"a":1},{"a":1}]`);
  });

  test("deep nesting stops at a fixed depth, and does not recurse to the bottom", () => {
    let deep: unknown = "bottom";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(showValue(deep)).toBe("[[[[[…]]]]]");
  });

  test("huge values are cut: long strings, long arrays, many keys, and the whole text", () => {
    expect(showValue("x".repeat(10_000_000))).toBe(`"${"x".repeat(120)}"… (10000000 characters)`);
    expect(showValue(Array.from({ length: 1000 }, (_, i) => i))).toBe("[0,1,2,3,4,5,6,7,8,9,…990 more]");
    const wide = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v".repeat(100)]));
    const shown = showValue(wide);
    expect(shown.length).toBeLessThan(450);
    expect(shown).toMatch(/… \(\d+ characters\)$/);
  });

  test("an instance of a class shows its class name (and a construct its path), not its internals", () => {
    class Vpc {
      readonly node = { path: "test/Network", scope: {} as unknown };
    }
    const vpc = new Vpc();
    (vpc.node as { scope: unknown }).scope = { children: [vpc] };
    expect(showValue({ vpc })).toBe(`{"vpc":[Vpc test/Network]}`);
  });

  test("a throwing getter does not throw out of the message", () => {
    const o = Object.defineProperty({}, "bad", {
      enumerable: true,
      get() {
        throw new Error("no");
      },
    });
    expect(showValue(o)).toBe(`{"bad":"[unreadable]"}`);
  });
});

import { describe, expect, test } from "vitest";
import { formatRatio, ratio } from "./ratio";

describe("ratio", () => {
  test("a well-formed ratio is frozen and prints as n/d", () => {
    const r = ratio(1, 100);
    expect(Object.isFrozen(r)).toBe(true);
    expect(formatRatio(r)).toBe("1/100");
  });

  test.each([
    [1, 0, /denominator must be an integer in 1\.\.2\^32, got 0/],
    [1, 1.5, /denominator must be an integer/],
    [3, 2, /numerator must be an integer in 0\.\.2 \(the denominator\), got 3/],
    [-1, 2, /numerator must be an integer in 0\.\.2/],
    [0.5, 2, /numerator must be an integer/],
  ])("ratio(%s, %s) is refused with a message naming the bad value", (n, d, message) => {
    expect(() => ratio(n, d)).toThrow(message);
  });
});

import { describe, expect, test } from "vitest";
import { type BenchRow, type Goal, goalText, median, meets, rowCells } from "./harness";

const met = (row: BenchRow) => rowCells("suite", row)[5];

describe("bench harness: whether a goal is met", () => {
  test.each<[string, Goal, number, boolean]>([
    ["≤ 150 ms, 149", { atMost: 150 }, 149, true],
    ["≤ 150 ms, exactly 150", { atMost: 150 }, 150, true],
    ["≤ 150 ms, 151", { atMost: 150 }, 151, false],
    ["≥ 29 seeds/s, 30", { atLeast: 29 }, 30, true],
    ["≥ 29 seeds/s, 2.9", { atLeast: 29 }, 2.9, false],
    // The row that printed "yes" at 0.20: realistic ÷ fast ≈ 1 must reject 0.2 as firmly as 5.
    ["≈ 1 within 1.5×, 0.20", { near: 1, withinFactor: 1.5 }, 0.2, false],
    ["≈ 1 within 1.5×, 5", { near: 1, withinFactor: 1.5 }, 5, false],
    ["≈ 1 within 1.5×, 1.33", { near: 1, withinFactor: 1.5 }, 1.33, true],
    ["≈ 1 within 1.5×, 0.7", { near: 1, withinFactor: 1.5 }, 0.7, true],
    ["≈ 1 within 1.5×, 0.6", { near: 1, withinFactor: 1.5 }, 0.6, false],
    ["≈ 100 within 3×, 35", { near: 100, withinFactor: 3 }, 35, true],
    ["≈ 100 within 3×, 1,170", { near: 100, withinFactor: 3 }, 1170, false],
    ["≥ 0.1 of the kernel, a failed measurement (NaN)", { atLeast: 0.1 }, Number.NaN, false],
    ["≤ 1000 ms, a run that never finished (∞)", { atMost: 1000 }, Number.POSITIVE_INFINITY, false],
  ])("%s → %s", (_, goal, value, expected) => {
    expect(meets(goal, value)).toBe(expected);
  });

  test("a missed goal prints NO, a met one yes, a row without a goal nothing", () => {
    expect(met({ name: "realistic ÷ fast", value: 0.2, unit: "×", goal: { near: 1, withinFactor: 1.5 } })).toBe("NO");
    expect(met({ name: "campaign", value: 2.9, unit: "seeds/s", goal: { atLeast: 29 } })).toBe("NO");
    expect(met({ name: "24 h virtual", value: 1300, unit: "ms", goal: { atMost: 1000 } })).toBe("NO");
    expect(met({ name: "cold require", value: 120, unit: "ms", goal: { atMost: 300 } })).toBe("yes");
    expect(met({ name: "steady hit ratio", value: 70.9, unit: "%" })).toBe("");
  });

  test("the goal column says what the figure must be", () => {
    expect(goalText({ atMost: 150 }, "ms")).toBe("≤ 150.0 ms");
    expect(goalText({ atLeast: 29 }, "seeds/s")).toBe("≥ 29.0 seeds/s");
    expect(goalText({ atLeast: 80 }, "%")).toBe("≥ 80.0%");
    expect(goalText({ near: 1, withinFactor: 1.5 }, "×")).toBe("≈ 1.00× (within 1.5× either way)");
  });

  test("a near goal that accepts everything or nothing is refused", () => {
    expect(() => meets({ near: 1, withinFactor: 0.5 }, 1)).toThrow(/withinFactor ≥ 1/);
    expect(() => meets({ near: 0, withinFactor: 2 }, 0)).toThrow(/near > 0/);
  });

  test("median takes the middle sample", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2);
    expect(median([])).toBeNaN();
  });
});

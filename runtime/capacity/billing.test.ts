import { describe, expect, test } from "vitest";
import { bill, microsPerHour } from "./billing";

const HOUR = 3_600_000;

describe("billing: Σ Tᵢ·Pᵢ in micro-dollars", () => {
  test("2 h at 0.10 then 1 h at 0.07 after a downgrade costs 0.27 (270 000 µ$)", () => {
    const intervals = [
      { startMs: 0, endMs: 2 * HOUR, microsPerHour: microsPerHour(0.1) },
      { startMs: 2 * HOUR, microsPerHour: microsPerHour(0.07) },
    ];
    expect(bill(intervals, 3 * HOUR)).toBe(270_000);
  });

  test("nothing is charged after termination", () => {
    const intervals = [
      { startMs: 0, endMs: 2 * HOUR, microsPerHour: 100_000 },
      { startMs: 2 * HOUR, microsPerHour: 70_000 },
    ];
    expect(bill(intervals, 10 * HOUR, 3 * HOUR)).toBe(270_000);
    expect(bill(intervals, 10 * HOUR, HOUR)).toBe(100_000);
  });

  test("a partial hour is charged pro rata, rounded down", () => {
    expect(bill([{ startMs: 0, microsPerHour: 100_000 }], 1_000)).toBe(27);
  });

  test("a negative or fractional price is refused", () => {
    expect(() => bill([{ startMs: 0, microsPerHour: 0.5 }], HOUR)).toThrow(/whole micro-dollars/);
  });
});

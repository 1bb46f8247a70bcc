import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { intervalMinutes, longestGapMinutes, MINUTES_PER_WEEK, scheduleExpression, WEEKDAYS } from "./schedule-expressions";

describe("schedule expressions", () => {
  test.each([
    ["03:00", "cron(0 3 * * ? *)"],
    ["fri 18:00", "cron(0 18 ? * FRI *)"],
    ["Mon 07:30", "cron(30 7 ? * MON *)"],
    ["cron(0 4 1 * ? *)", "cron(0 4 1 * ? *)"],
    ["at(2026-12-24T18:00:00)", "at(2026-12-24T18:00:00)"],
  ])("%s → %s", (text, expression) => {
    expect(scheduleExpression(text)).toBe(expression);
  });

  test.each([
    ["15m", 15],
    ["1h", 60],
    ["12h", 720],
    ["1d", 1440],
    ["0h", undefined],
    ["hourly", undefined],
  ])("interval %s is %s minutes", (text, minutes) => {
    expect(intervalMinutes(text)).toBe(minutes);
  });

  test("a weekend pause lasts from Friday 18:00 to Monday 07:00: 61 hours", () => {
    expect(longestGapMinutes("fri 18:00", "mon 07:00")).toBe(61 * 60);
  });

  test("a nightly pause resumed on weekdays only is longest over the weekend", () => {
    expect(longestGapMinutes("20:00", "mon 06:00")).toBe(6 * 1440 + 10 * 60);
  });

  test("raw expressions are not interpreted", () => {
    expect(longestGapMinutes("cron(0 18 ? * FRI *)", "mon 07:00")).toBeUndefined();
  });

  test("property: a weekly or daily pause is never longer than a week, and never zero", () => {
    const time = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
    const when = fc.oneof(
      time,
      fc.tuple(fc.constantFrom(...WEEKDAYS), time).map(([d, t]) => `${d} ${t}`),
    );
    fc.assert(
      fc.property(when, when, (from, to) => {
        const gap = longestGapMinutes(from, to) as number;
        expect(gap).toBeGreaterThan(0);
        expect(gap).toBeLessThanOrEqual(MINUTES_PER_WEEK);
      }),
    );
  });
});

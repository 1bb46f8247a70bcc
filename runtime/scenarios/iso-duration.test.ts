import { describe, expect, test } from "vitest";
import { formatIsoDuration, parseIsoDuration } from "./iso-duration";

describe("ISO-8601 durations", () => {
  test.each([
    ["PT30M", 1_800_000],
    ["PT2M30S", 150_000],
    ["PT1H", 3_600_000],
    ["P1DT2H", 93_600_000],
    ["PT0.5S", 500],
    ["PT0S", 0],
  ])("%s is %i ms", (text, ms) => {
    expect(parseIsoDuration(text)).toBe(ms);
    expect(parseIsoDuration(formatIsoDuration(ms))).toBe(ms);
  });

  test.each(["30M", "PT", "P", "PT1Y", "P1M", "PT1.2345S", "pt30m", ""])("%j is refused with the expected form", (text) => {
    expect(parseIsoDuration(text)).toEqual({
      error: `"${text}" is not an ISO-8601 duration; write it like PT30M, PT2M30S, PT1H or P1DT2H`,
    });
  });

  test("formatting picks the shortest form", () => {
    expect([1_800_000, 3_600_000 + 60_000, 86_400_000, 1_500].map(formatIsoDuration)).toEqual(["PT30M", "PT1H1M", "P1D", "PT1.5S"]);
    expect(() => formatIsoDuration(-1)).toThrow(/integer ≥ 0/);
  });
});

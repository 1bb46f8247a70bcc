import { describe, expect, test } from "vitest";
import { parseDailyWindow, parseWeeklyWindow, windowsOverlap } from "./windows";

describe("maintenance and backup windows", () => {
  test.each<[string, number | undefined]>([
    ["03:00-03:30", 30],
    ["23:45-00:15", 30],
    ["00:00-23:59", 1439],
    ["03:00-03:00", undefined],
    ["3:00-3:30", undefined],
    ["24:00-01:00", undefined],
  ])("daily %s lasts %s minutes", (text, minutes) => {
    expect(parseDailyWindow(text)?.minutes).toBe(minutes);
  });

  test.each<[string, number | undefined]>([
    ["sun:05:00-sun:06:00", 60],
    ["Mon:00:00-Mon:00:30", 30],
    ["sun:23:30-mon:00:30", 60],
    ["sat:22:00-sun:02:00", 240],
    ["mon:05:00-mon:05:00", undefined],
    ["sunday:05:00-06:00", undefined],
  ])("weekly %s lasts %s minutes", (text, minutes) => {
    expect(parseWeeklyWindow(text)?.minutes).toBe(minutes);
  });

  test.each<[string, string, boolean]>([
    ["03:00-03:30", "sun:05:00-sun:06:00", false],
    ["05:30-06:30", "sun:05:00-sun:06:00", true],
    ["04:30-05:00", "sun:05:00-sun:06:00", false], // touching ends share no minute
    ["06:00-06:30", "sun:05:00-sun:06:00", false],
    ["23:30-00:30", "mon:00:00-mon:01:00", true], // daily window across midnight
    ["23:30-00:30", "tue:00:30-tue:01:00", false],
    ["01:00-02:00", "sun:23:00-mon:01:30", true], // weekly window across the week's end
    ["02:00-03:00", "sun:23:00-mon:01:30", false],
    ["12:00-13:00", "wed:11:00-thu:14:00", true], // a maintenance window longer than a day
  ])("backup %s against maintenance %s overlaps: %s", (daily, weekly, overlaps) => {
    const d = parseDailyWindow(daily);
    const w = parseWeeklyWindow(weekly);
    if (!d || !w) throw new Error("fixture windows must parse");
    expect(windowsOverlap(d, w)).toBe(overlaps);
  });
});

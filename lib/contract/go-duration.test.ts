import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { formatGoDuration, parseGoDuration } from "./go-duration";

/**
 * Durations and what Terraform 1.11 makes of them: `timeadd("2024-01-01T00:00:00Z", d)` parses `d`
 * with Go's `time.ParseDuration`, the parser the AWS provider checks a resiliency policy's `rto`
 * and `rpo` with. `null`: Terraform refuses it. The timestamps print whole seconds.
 */
const TIMEADD: readonly (readonly [duration: string, printed: string | null])[] = [
  ["30s", "2024-01-01T00:00:30Z"],
  ["5m", "2024-01-01T00:05:00Z"],
  ["1h0m0s", "2024-01-01T01:00:00Z"],
  ["1.5h", "2024-01-01T01:30:00Z"],
  ["2h45m3.25s", "2024-01-01T02:45:03Z"],
  ["1.h", "2024-01-01T01:00:00Z"],
  ["+5m", "2024-01-01T00:05:00Z"],
  ["0", "2024-01-01T00:00:00Z"],
  ["0s", "2024-01-01T00:00:00Z"],
  ["90000ms", "2024-01-01T00:01:30Z"],
  ["5", null],
  ["1d", null],
  ["1H", null],
  ["1h 5m", null],
  ["1e3s", null],
  ["1h-5m", null],
  ["", null],
];

describe("Go durations, as the AWS provider reads a resiliency policy's rto and rpo", () => {
  test.each(TIMEADD)("%j is what terraform's timeadd makes of it", (duration, printed) => {
    const ms = parseGoDuration(duration);
    if (printed === null) expect(ms).toBeUndefined();
    else expect(new Date(Date.UTC(2024, 0, 1) + Math.floor((ms as number) / 1000) * 1000).toISOString().replace(".000", "")).toBe(printed);
  });

  test("fractions below a second are kept to the millisecond", () => {
    expect(parseGoDuration("1.5s")).toBe(1_500);
    expect(parseGoDuration("300ms")).toBe(300);
    expect(parseGoDuration("250us")).toBe(0.25);
  });

  test("a negative duration is refused: Go reads it, but an objective of less than nothing means nothing", () => {
    expect(parseGoDuration("-5m")).toBeUndefined();
  });

  test("formatting gives back what parsing reads", () => {
    for (const ms of [0, 1_500, 30_000, 90_000, 3_600_000, 5_430_000]) expect(parseGoDuration(formatGoDuration(ms))).toBe(ms);
    expect(formatGoDuration(90_000)).toBe("1m30s");
  });

  const terraform = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;
  test.runIf(terraform)(
    "the table is what the installed terraform prints (the oracle, re-asked)",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "tf-duration-"));
      const disagree: string[] = [];
      for (const [duration, expected] of TIMEADD) {
        const run = spawnSync("terraform", ["console"], {
          cwd: dir,
          input: `timeadd("2024-01-01T00:00:00Z", ${JSON.stringify(duration)})\n`,
          encoding: "utf8",
          env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" },
        });
        const printed = run.status === 0 ? (JSON.parse(run.stdout.trim()) as string) : null;
        if (printed !== expected) disagree.push(`${duration}: terraform ${printed}, table ${expected}`);
      }
      expect(disagree).toEqual([]);
    },
    120_000,
  );
});

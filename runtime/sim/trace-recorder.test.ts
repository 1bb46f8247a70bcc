import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { TraceRecorder } from "./trace-recorder";

function record(rows: [number, number, string, string, string][], tailLinesMax = 50) {
  const lines: string[] = [];
  const t = new TraceRecorder({ enabled: true, tailLinesMax, sink: (l) => lines.push(l) });
  for (const r of rows) t.write(...r);
  return { t, lines };
}

describe("TraceRecorder", () => {
  test("times and steps hash as their decimal text across every kind of jump (up, down, past a power of ten)", () => {
    const values = [0, 9, 10, 8, 99, 100, 1_000, 999_999, 1_000_000, 5, 86_400_000, 2 ** 32 + 1, 9_007_199_254_740_991, 1, 0];
    const rows: [number, number, string, string, string][] = [];
    for (const v of values) rows.push([v, v, "k", "s", "d"], [v, v + 1, "k", "s", ""]);
    const { t } = record(rows);
    const text = rows
      .map(([at, step, kind, subject, detail]) => `${at} ${step} ${kind} ${subject}${detail ? ` ${detail}` : ""}\n`)
      .join("");
    expect(t.digest()).toBe(createHash("sha256").update(text).digest("hex"));
  });

  test("the hash is SHA-256 of the lines as text, each ending in a newline (what sha256sum prints)", () => {
    const long = "x".repeat(5_000);
    const rows: [number, number, string, string, string][] = [
      [0, 0, "seed", "world", "seed=1 scenario=a"],
      [9_007_199_254_740_991, 2 ** 31 + 7, "recv", "db-α", "from=ζ hello wörld"],
      [12, 3, "note", "a", long],
      [12, 4, "timer", "a", ""],
      [13, 99, "note", "a", "two\nlines"],
    ];
    const { t, lines } = record(rows);
    expect(lines[1]).toBe("9007199254740991 2147483655 recv db-α from=ζ hello wörld");
    expect(lines[3]).toBe("12 4 timer a");
    expect(lines[4]).toBe("13 99 note a two\\nlines");
    expect(t.digest()).toBe(
      createHash("sha256")
        .update(lines.map((l) => `${l}\n`).join(""))
        .digest("hex"),
    );
  });

  test("hashing stays exact across many batches and consecutive steps", () => {
    const rows = Array.from({ length: 30_000 }, (_, i): [number, number, string, string, string] => [
      Math.floor(i / 7),
      i,
      "timer",
      `a${i % 13}`,
      i % 5 ? "" : `n=${i}`,
    ]);
    const { t, lines } = record(rows);
    expect(t.lines).toBe(30_000);
    expect(t.digest()).toBe(
      createHash("sha256")
        .update(lines.map((l) => `${l}\n`).join(""))
        .digest("hex"),
    );
  });

  test("the tail keeps the most recent lines, oldest first, and a disabled trace has no hash", () => {
    const { t } = record(
      Array.from({ length: 10 }, (_, i): [number, number, string, string, string] => [i, i, "timer", "a", ""]),
      3,
    );
    expect(t.recentLines()).toEqual(["7 7 timer a", "8 8 timer a", "9 9 timer a"]);
    const off = new TraceRecorder({ enabled: false, tailLinesMax: 3 });
    off.write(1, 1, "timer", "a", "");
    expect([off.digest(), off.recentLines(), off.lines]).toEqual([null, [], 0]);
  });
});

import { describe, expect, test } from "vitest";
import { requestsRow } from "./client-requests";
import { History } from "./history";

/** A history with one request per `[atMs, outcome]`, answered at that time. */
function history(answers: readonly (readonly [number, "ok" | "retryable"])[]): History {
  const h = new History();
  for (const [atMs, outcome] of answers) {
    const i = h.invoke({ database: "db", client: "c", kind: "read", atMs: Math.max(0, atMs - 10) });
    h.complete({ id: i.id, outcome, atMs });
  }
  return h;
}

describe("what the clients saw, as a result row", () => {
  test("an hour of one answer a second, 30 s of failures at 10 minutes: totals, the run in 60 s buckets, one incident in 2 s buckets", () => {
    const answers: [number, "ok" | "retryable"][] = [];
    for (let s = 0; s < 3600; s++) answers.push([s * 1000, s >= 600 && s < 630 ? "retryable" : "ok"]);
    const row = requestsRow("aws_rds_cluster.db", history(answers), 0, 3_600_000);
    expect(row).toMatchObject({ database: "aws_rds_cluster.db", sent: 3600, succeeded: 3570, failed: 30, acknowledgedWritesLost: 0 });
    // 60 buckets of a minute; the eleventh holds the 30 failures
    expect(row.run).toMatchObject({ fromMs: 0, bucketMs: 60_000 });
    expect(row.run.succeeded).toEqual(Array.from({ length: 60 }, (_, i) => (i === 10 ? 30 : 60)));
    expect(row.run.failed).toEqual(Array.from({ length: 60 }, (_, i) => (i === 10 ? 30 : 0)));
    // failures from 600 s to 629 s, with 20 s either side: 580 s to 649 s, 2 s buckets (35 of them)
    expect(row.incidents).toHaveLength(1);
    const [incident] = row.incidents;
    expect(incident).toMatchObject({ fromMs: 580_000, bucketMs: 2_000 });
    expect(incident?.failed).toEqual(Array.from({ length: 35 }, (_, i) => (i >= 10 && i < 25 ? 2 : 0)));
    expect(incident?.succeeded).toEqual(Array.from({ length: 35 }, (_, i) => (i >= 10 && i < 25 ? 0 : 2)));
  });

  test("failures more than a minute apart are separate incidents; none without failures", () => {
    const row = requestsRow(
      "db",
      history([
        [100_000, "retryable"],
        [130_000, "retryable"],
        [400_000, "retryable"],
        [500_000, "ok"],
      ]),
      0,
      600_000,
    );
    expect(row.incidents.map((i) => [i.fromMs, i.failed.reduce((a, b) => a + b, 0)])).toEqual([
      [80_000, 2],
      [380_000, 1],
    ]);
    expect(requestsRow("db", history([[5_000, "ok"]]), 0, 10_000).incidents).toEqual([]);
  });

  test("at most ten incidents, the first ones", () => {
    const answers = Array.from({ length: 15 }, (_, i) => [(i + 1) * 120_000, "retryable"] as const);
    const row = requestsRow("db", history(answers), 0, 2_000_000);
    expect(row.incidents).toHaveLength(10);
    expect(row.incidents[9]?.fromMs).toBe(10 * 120_000 - 20_000);
  });
});

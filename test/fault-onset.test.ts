import { describe, expect, test } from "vitest";
import { emulate, parsePlan } from "../runtime";
import { REALISTIC_PROFILE } from "../runtime/cloud/timing-profile";
import { synthAuroraExample } from "./helpers/examples";

/**
 * The fault lands anywhere in the failover pair's 5 s probe period, drawn from the seed: before,
 * every zone outage started on a probe tick, so detection took exactly three probe intervals (15 s)
 * in every seed and a bug that depended on where between two probes the fault fell was never run.
 */
describe("fault onset within the probe period", () => {
  const topology = parsePlan(synthAuroraExample(), "aurora-postgres/cdk.tf.json");
  const run = (seed: number) => {
    const lines: string[] = [];
    const { result } = emulate({ topology, scenario: "az-outage", seed, trace: { sink: (l) => lines.push(l) } });
    const atOf = (re: RegExp) => Number(lines.find((l) => re.test(l))?.split(" ")[0]);
    return { result, startMs: atOf(/ at world experiment az-outage$/), detectMs: atOf(/ detect db\//) };
  };

  test("the experiment starts within one probe interval after the lead-in, at a seeded offset, and detection time varies by seed", () => {
    const runs = [1, 2, 3, 4, 5, 6].map(run);
    for (const r of runs) {
      expect(r.startMs).toBeGreaterThanOrEqual(REALISTIC_PROFILE.leadInMs);
      expect(r.startMs).toBeLessThan(REALISTIC_PROFILE.leadInMs + 5_000);
      // Three missed probes: declared between 10 and 15 s after the fault, never before it.
      expect(r.detectMs - r.startMs).toBeGreaterThan(10_000);
      expect(r.detectMs - r.startMs).toBeLessThanOrEqual(15_000);
      expect(r.result.verdict).toBe("held");
    }
    expect(new Set(runs.map((r) => r.startMs)).size).toBeGreaterThan(3);
    expect(new Set(runs.map((r) => r.detectMs - r.startMs)).size).toBeGreaterThan(3);
  });

  test("one seed still replays byte for byte", () => {
    const a = run(7);
    const b = run(7);
    expect(b.startMs).toBe(a.startMs);
    expect(b.result.traceHash).toBe(a.result.traceHash);
  });
});

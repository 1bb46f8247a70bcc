import { describe, expect, test } from "vitest";
import { runDoubleFaultSeed, runSeed } from "./helpers/pair-campaign";
import { singleZoneFaults } from "./helpers/swarms";

const seeds = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("failover pair acceptance 11: the checkers bite", () => {
  test.each([
    ["a promotion without a fence", { noFence: true }, "failover-pair/one-coordinator"],
    ["promotion before detection", { promoteBeforeDetection: true }, "failover-pair/one-coordinator"],
    ["an acknowledgement before the commit", { ackBeforeCommit: true }, "failover-pair/no-acknowledged-write-lost"],
    ["the proxy left on the old coordinator", { proxyLeftOnOld: true }, "failover-pair/endpoint-on-coordinator"],
  ])("%s trips one-coordinator, no-acknowledged-write-lost or endpoint-on-coordinator within 200 seeds", (_, mutants, expected) => {
    let first: ReturnType<typeof runSeed> | undefined;
    for (const s of seeds(200)) {
      first = runSeed(s, mutants);
      if (first.violation) break;
    }
    expect(first?.violation?.invariant).toBe(expected);
    expect([
      "failover-pair/one-coordinator",
      "failover-pair/no-acknowledged-write-lost",
      "failover-pair/endpoint-on-coordinator",
    ]).toContain(first?.violation?.invariant);
  });

  // `npm run test:long` runs 500 seeds (failover-campaign.long.test.ts).
  test("the real model has no violation on 50 seeds of single-zone faults (power, partition, leader crash, supporting zone)", () => {
    const { violations, faults } = singleZoneFaults(50);
    expect(violations).toEqual([]);
    // Every fault kind was drawn, so the seeds cover each path.
    expect(faults).toEqual(new Set(["power", "partition", "crash", "support-power"]));
  }, 60_000);
});

describe("failover pair: flapping and double faults", () => {
  test("100 seeds of two zone faults: safety always holds; only the single-fault recovery bound (writes-resume-and-re-pair) may be missed", () => {
    const broken = seeds(100)
      .map(runDoubleFaultSeed)
      .filter((o) => o.violation && o.violation.invariant !== "failover-pair/writes-resume-and-re-pair");
    expect(broken).toEqual([]);
  }, 60_000);
});

describe("failover pair acceptance 12: determinism", () => {
  test("a failing seed replays the same violation at the same step", () => {
    const a = runSeed(1, { proxyLeftOnOld: true });
    const b = runSeed(1, { proxyLeftOnOld: true });
    expect(a.violation).toBeDefined();
    expect(b).toEqual(a);
  });
});

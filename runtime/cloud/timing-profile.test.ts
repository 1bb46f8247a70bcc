import { describe, expect, test } from "vitest";
import { SeededRandom } from "../sim/random";
import { ratio } from "../sim/ratio";
import { checkProfile, drawMs, FAST_PROFILE, REALISTIC_PROFILE, scaleProfile } from "./timing-profile";

describe("timing profiles", () => {
  test("the realistic profile carries AWS's published numbers", () => {
    const p = REALISTIC_PROFILE;
    expect([
      p.spotInterruptionNoticeMs,
      p.pitrIntervalMs,
      p.cowClonesPerCopyMax,
      p.azPowerInterruptionMs,
      p.azRecoveryMs,
      p.rdsEndpointTtlMs,
    ]).toEqual([120_000, 300_000, 15, 1_800_000, 1_800_000, 5_000]);
    expect(p.auroraFailureDetectionMs.maxMs + p.auroraFailoverMs.typical.maxMs).toBeLessThanOrEqual(30_000);
    expect([p.auroraFailoverMs.tail.minMs, p.auroraFailoverMs.tail.maxMs]).toEqual([60_000, 120_000]);
    expect([p.rdsMultiAzInstanceFailoverMs.minMs, p.rdsMultiAzInstanceFailoverMs.maxMs, p.multiAzClusterFailoverMs.maxMs]).toEqual([
      60_000, 120_000, 35_000,
    ]);
  });

  test("the fast profile is the realistic one with every duration a thousand times shorter, limits unchanged", () => {
    expect(FAST_PROFILE).toMatchObject({
      name: "fast",
      spotInterruptionNoticeMs: 120,
      azPowerInterruptionMs: 1_800,
      cowClonesPerCopyMax: 15,
      scenarioTimeDivisor: 1_000,
      auroraFailoverMs: { typical: { minMs: 5, maxMs: 25 }, tailChance: REALISTIC_PROFILE.auroraFailoverMs.tailChance },
    });
    expect(() => checkProfile(FAST_PROFILE)).not.toThrow();
  });

  test("a tailed duration draws the slow tail with its chance, and replays from the seed", () => {
    const d = { typical: { minMs: 1, maxMs: 2 }, tail: { minMs: 100, maxMs: 200 }, tailChance: ratio(1, 4) };
    const draws = (seed: number) => Array.from({ length: 400 }, () => drawMs(new SeededRandom(seed).fork("x"), d));
    const r = new SeededRandom(3);
    const many = Array.from({ length: 4_000 }, () => drawMs(r, d));
    const slow = many.filter((v) => v >= 100).length;
    expect(slow).toBeGreaterThan(800);
    expect(slow).toBeLessThan(1_200);
    expect(draws(5)).toEqual(draws(5));
  });

  test("a bad profile is refused with the field named", () => {
    expect(() => checkProfile({ ...REALISTIC_PROFILE, ec2LaunchMs: { minMs: 10, maxMs: 5 } })).toThrow(
      /ec2LaunchMs must be integers 0 ≤ minMs ≤ maxMs/,
    );
    expect(() => scaleProfile(REALISTIC_PROFILE, 0, "x")).toThrow(/divisor must be an integer ≥ 1/);
  });
});

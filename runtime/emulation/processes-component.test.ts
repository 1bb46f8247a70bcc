/**
 * The `group-crash` scenario through `emulate`: two group-local recoveries and one application
 * restart fill the `groups` section; the checkers ran over the whole run and every run replays.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { PROCESS_INVARIANTS } from "../checkers/crash-containment";
import { parsePlan } from "../plan/load-plan";
import { emulate } from "./emulate";

const plan = parsePlan(
  readFileSync(join(__dirname, "../../test/fixtures/hand-written-contingency.tf.json"), "utf8"),
  "contingency.tf.json",
);

describe("emulate --scenario group-crash", () => {
  test("fills groups with two recoveries and one restart; every processes invariant holds; same seed, same result", () => {
    const { result } = emulate({ topology: plan, scenario: "group-crash", seed: 5, profile: "fast" });
    expect(result.groups?.recoveries).toBe(2);
    expect(result.groups?.appRestarts).toBe(1);
    expect(result.groups?.pagesReturned).toBeGreaterThan(0);
    const mine = result.invariants.filter((i) => i.id.startsWith("crash-containment/"));
    expect(mine.map((i) => i.id)).toEqual([...PROCESS_INVARIANTS, "crash-containment/fresh-job-after-recovery"]);
    expect(result.invariants.filter((i) => !i.ok)).toEqual([]);
    expect(emulate({ topology: plan, scenario: "group-crash", seed: 5, profile: "fast" }).result).toEqual(result);
  });

  test("holds over many seeds (realistic profile)", () => {
    for (let seed = 1; seed <= 12; seed++) {
      const { result } = emulate({ topology: plan, scenario: "group-crash", seed });
      expect(result.invariants.filter((i) => !i.ok)).toEqual([]);
      expect(result.groups).toMatchObject({ recoveries: 2, appRestarts: 1 });
    }
  });

  test("other scenarios leave the processes alone: no groups section, no processes checkers", () => {
    const { result } = emulate({ topology: plan, scenario: "disk-stall", seed: 3, profile: "fast" });
    expect(result.groups).toBeUndefined();
    expect(result.invariants.some((i) => i.id.startsWith("crash-containment/"))).toBe(false);
  });
});

/**
 * The `group-crash` scenario through `emulate`: two group-local recoveries, a third after a
 * survivor's stale read, and one application restart fill the `groups` section; the checkers ran
 * over the whole run and every run replays; and the engine's planted bugs are found by them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { PROCESS_INVARIANTS } from "../checkers/crash-containment";
import { parsePlan } from "../plan/load-plan";
import { emulate, emulateInternal } from "./emulate";

const plan = parsePlan(
  readFileSync(join(__dirname, "../../test/fixtures/hand-written-contingency.tf.json"), "utf8"),
  "contingency.tf.json",
);

describe("emulate --scenario group-crash", () => {
  test("fills groups with three recoveries and one restart; every processes invariant holds; same seed, same result", () => {
    const { result, report } = emulate({ topology: plan, scenario: "group-crash", seed: 5, profile: "fast" });
    // the compute fault, the leader fault, and the survivor whose stale read faulted
    expect(result.groups?.recoveries).toBe(3);
    expect(report.coverage["processes: a handle kept past its arena's fence faulted as stale"]?.hits).toBe(1);
    expect(report.coverage["processes: a group recovered alone"]?.hits).toBe(3);
    expect(report.coverage["processes: an elevated fault restarted the application"]?.hits).toBe(1);
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
      expect(result.groups).toMatchObject({ recoveries: 3, appRestarts: 1 });
    }
  });

  test.each([
    ["processes.restartEveryFault", "crash-containment/app-restart-iff-elevated", /no process the host saw fault was elevated/],
    ["processes.noRecoveryFence", "crash-containment/no-use-after-return", /used before the page went back to the pool/],
  ])("planted bug %s is found by %s in every one of 5 seeds", (mutant, id, message) => {
    for (let seed = 1; seed <= 5; seed++) {
      const { result } = emulateInternal({ topology: plan, scenario: "group-crash", seed, profile: "fast", mutants: [mutant] });
      const failed = result.invariants.filter((i) => !i.ok);
      expect(failed.map((i) => i.id)).toEqual([id]);
      expect(failed[0]?.firstViolation?.message).toMatch(message);
    }
  });

  test("other scenarios leave the processes alone: no groups section, no processes checkers", () => {
    const { result } = emulate({ topology: plan, scenario: "disk-stall", seed: 3, profile: "fast" });
    expect(result.groups).toBeUndefined();
    expect(result.invariants.some((i) => i.id.startsWith("crash-containment/"))).toBe(false);
  });
});

/**
 * The campaign's look-ahead (`scenarioReach`) against a shadow run: for every named scenario on
 * three examples, the look-ahead says "reaches nothing" exactly when the full emulation of the
 * same seed (BUGGIFY on, as campaigns run) ends "not judged". The contingency example covers a
 * scenario whose targets only exist once the run has launched them (head-node-failure's head nodes).
 */
import { describe, expect, test } from "vitest";
import { defaultRegistry } from "../runtime/emulation/default-registry";
import { emulateInternal } from "../runtime/emulation/emulate";
import { scenarioReach } from "../runtime/emulation/scenario-reach";
import { parsePlan } from "../runtime/plan";
import { synthExample } from "./helpers/examples";

const scenarios = defaultRegistry()
  .scenarios()
  .map((s) => s.name);

describe("a scenario's reach, looked ahead, is what its run judges", () => {
  test.each(["aurora-postgres", "elasticache", "contingency"])(
    "%s: every named scenario",
    (example) => {
      const topology = parsePlan(synthExample(example));
      const seen: string[] = [];
      for (const scenario of scenarios) {
        const reach = scenarioReach({ topology, scenario, seed: 3, profile: "fast" });
        const run = emulateInternal({ topology, scenario, seed: 3, profile: "fast", buggify: true }).result;
        expect({ scenario, judged: reach.reaches }).toEqual({ scenario, judged: run.verdict !== "not-judged" });
        if (!reach.reaches) expect(reach.why).toBe(run.notJudged);
        seen.push(`${scenario}:${reach.reaches}`);
      }
      // Both answers occur on each example: the look-ahead is not constant.
      expect(seen.some((s) => s.endsWith(":true"))).toBe(true);
      expect(seen.some((s) => s.endsWith(":false"))).toBe(true);
    },
    300_000,
  );
});

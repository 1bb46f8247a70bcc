import { expect, test } from "vitest";
import { Simulation } from "./simulation";
import type { StepFootprint } from "./step-footprint";

/** What each after-event check was told, as `everything` or the number of scopes and whether they are `a`. */
function footprints(setup: (sim: Simulation, a: object) => void, runs: number[]): string[] {
  const sim = new Simulation({ seed: 1, scenario: "footprint" });
  const a = { name: "a" };
  const seen: string[] = [];
  sim.checkers.add({
    id: "test/footprint",
    afterEvent(changed?: StepFootprint) {
      seen.push(changed?.everything !== false ? "everything" : changed.scopes.map((s) => (s === a ? "a" : "other")).join("+") || "nothing");
    },
  });
  setup(sim, a);
  for (const ms of runs) sim.runFor(ms);
  return seen;
}

test("a scoped timer's event changes its scope alone; unscoped events, and the first event after the loop resumes, may change anything", () => {
  const seen = footprints(
    (sim, a) => {
      sim.env.timers.every(10, "a's tick", () => {}, { scope: a, background: true });
      sim.env.timers.after(25, "b's step", () => {}, { scope: {} });
      sim.at(35, "a fault", () => {});
    },
    [45, 20],
  );
  // 10, 20 (a), 25 (other), 30 (a), 35 (unscoped), 40 (a) | resumed: 50 (everything), 60 (a)
  expect(seen).toEqual(["everything", "a", "other", "a", "everything", "a", "everything", "a"]);
});

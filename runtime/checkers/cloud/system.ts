import type { CheckedSystem } from "../invariant";

/** The mock cloud's own invariants: checked in every run, whatever the plan holds. */
export const system: CheckedSystem = {
  name: "Mock cloud",
  page: "emulator/mock-cloud.md",
  reach: { scenarios: "every", when: "whatever the plan holds" },
};

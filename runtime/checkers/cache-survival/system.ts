import type { CheckedSystem } from "../invariant";

/** The cache survival invariants: checked in every run of a plan with an Aurora cluster (its writer's cache). */
export const system: CheckedSystem = {
  name: "Cache survival",
  page: "emulator/cache-survival.md",
  reach: { scenarios: "every", when: "the plan holds an Aurora cluster with a writer" },
};

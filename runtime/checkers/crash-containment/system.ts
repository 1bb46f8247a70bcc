import type { CheckedSystem } from "../invariant";

/** The crash containment invariants: checked over processing groups, which two scenarios run. */
export const system: CheckedSystem = {
  name: "Crash containment",
  page: "emulator/crash-containment.md",
  reach: {
    scenarios: ["group-crash", "az-outage"],
    when: "group-crash runs its own processing groups whatever the plan holds; az-outage, when the plan holds processing nodes",
  },
};

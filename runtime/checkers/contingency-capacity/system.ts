import type { CheckedSystem } from "../invariant";

/** The contingency capacity invariants: checked in every run of a plan with a contingency pair. */
export const system: CheckedSystem = {
  name: "Contingency capacity",
  page: "emulator/contingency-capacity.md",
  reach: {
    scenarios: "every",
    when: "the plan holds a primary-capacity reservation and a contingency Auto Scaling group of one ContingencyCapacity",
  },
};

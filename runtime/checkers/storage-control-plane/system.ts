import type { CheckedSystem } from "../invariant";

/** The storage control plane's invariants: checked when the scenario asks for storage. */
export const system: CheckedSystem = {
  name: "Storage control plane",
  page: "emulator/storage-control-plane.md",
  reach: {
    scenarios: ["pitr-restore", "clone", "hibernate-wake", "disk-stall"],
    when: "the plan holds a database (an FIS template reaches them too when it targets EBS volumes)",
  },
};

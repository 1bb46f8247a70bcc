import type { CheckedSystem } from "../invariant";

/** The failover pair's invariants: checked in every run of a plan with a database the pair models. */
export const system: CheckedSystem = {
  name: "Failover pair",
  page: "emulator/failover.md",
  reach: { scenarios: "every", when: "the plan holds an Aurora cluster, an RDS Multi-AZ DB cluster or instance, or a Redshift cluster" },
};

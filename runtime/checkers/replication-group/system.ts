import type { CheckedSystem } from "../invariant";

/** The ElastiCache replication group's clients: judged from their own history. */
export const system: CheckedSystem = {
  name: "Replication group",
  page: "emulator/replication-group.md",
  reach: { scenarios: "every", when: "the plan holds an ElastiCache (Valkey or Redis OSS) replication group" },
};

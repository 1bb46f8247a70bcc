import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** Every service with designated contingency got its head node running, so its failover was really tested. */
export const invariant: Invariant = {
  id: "contingency/head-node-started",
  description: "Every service with designated contingency got its head node running, so its failover was really tested.",
  reach: {
    scenarios: "every",
    when: "only when a contingency service's primary reservation could not be created (otherwise a run does not list it)",
  },
};

/**
 * Every service the plan designates contingency for got its head node running; a service that never
 * ran fails the run instead of passing a failover that never happened. Registered only when some
 * service could not start, so a run whose services all start lists the same invariants as one
 * without it.
 */
export function headNodeStarted(notStarted: readonly string[]): Checker {
  return {
    ...invariant,
    atEnd: () => `${notStarted.join("; ")}: the service never ran, so nothing about its failover was tested`,
  };
}

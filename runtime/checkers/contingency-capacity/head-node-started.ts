import type { Checker } from "../checker";

/**
 * cap-head-node-started: every service the plan designates contingency for got its head node
 * running; a service that never ran fails the run instead of passing a failover that never happened.
 * Registered only when some service could not start, so a run whose services all start lists the
 * same invariants as one without it.
 */
export function headNodeStarted(notStarted: readonly string[]): Checker {
  return {
    id: "cap-head-node-started",
    atEnd: () => `${notStarted.join("; ")}: the service never ran, so nothing about its failover was tested`,
  };
}

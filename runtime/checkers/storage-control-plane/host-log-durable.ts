import type { Checker } from "../../sim/checker";
import type { HostLogRecovery } from "../../storage/host-logs";
import type { Invariant } from "../invariant";

/** The checker, and the hook the host logs call each time a host boots and recovers its log. */
export interface HostLogDurable extends Checker {
  readonly recovered: (fact: HostLogRecovery) => void;
}

/** A storage host that boots again recovers every log record it acknowledged. */
export const invariant: Invariant = {
  id: "storage/host-log-durable",
  description: "A storage host that boots again recovers every log record it acknowledged.",
};

/**
 * A storage host that boots again recovers from its own disk every log record it acknowledged
 * before it went down (a torn tail may lose only unacknowledged records).
 */
export function hostLogDurable(): HostLogDurable {
  let lost: string | undefined;
  return {
    ...invariant,
    recovered(f) {
      if (f.recovered < f.acknowledged && lost === undefined)
        lost = `${f.hostId} acknowledged ${f.acknowledged} log records but recovered ${f.recovered} (${f.stoppedBy})`;
    },
    afterEvent: () => lost,
  };
}

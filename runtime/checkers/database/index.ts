// Seed 000's invariants (I1–I16) over the database pairs of a run; I17 (determinism) is a property of the run
import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../../sim/checker";
import { oneCoordinator } from "./i01-one-coordinator";
import { epochMonotonic } from "./i02-epoch-monotonic";
import { noLostAck } from "./i03-no-lost-ack";
import { commitLog } from "./i04-commit-log";
import { pairZones } from "./i05-zones";
import { endpointOnCoordinator } from "./i06-endpoint";
import { noStaleResults } from "./i07-no-stale-results";
import { oneOutcome } from "./i08-one-outcome";
import { capacityInAdvance } from "./i09-capacity-in-advance";
import { configConverges } from "./i10-config-converges";
import { keysInUse } from "./i11-keys";
import { roleTransitions } from "./i12-roles";
import { pairLiveness } from "./i13-liveness";
import { sharingHappens } from "./i14-sharing";
import { metadataVersions } from "./i15-metadata";
import { tenantIsolation } from "./i16-tenants";

export {
  capacityInAdvance,
  commitLog,
  configConverges,
  endpointOnCoordinator,
  epochMonotonic,
  keysInUse,
  metadataVersions,
  noLostAck,
  noStaleResults,
  oneCoordinator,
  oneOutcome,
  pairLiveness,
  pairZones,
  roleTransitions,
  sharingHappens,
  tenantIsolation,
};

/** Every seed-000 checker over `pairs`, in invariant order. */
export function pairCheckers(pairs: readonly DatabasePair[], nowMs: () => number): Checker[] {
  return [
    oneCoordinator(pairs),
    epochMonotonic(pairs),
    noLostAck(pairs),
    commitLog(pairs),
    pairZones(pairs),
    endpointOnCoordinator(pairs, nowMs),
    noStaleResults(pairs),
    oneOutcome(pairs, nowMs),
    capacityInAdvance(pairs),
    configConverges(pairs, nowMs),
    keysInUse(pairs),
    roleTransitions(pairs),
    pairLiveness(pairs),
    sharingHappens(pairs),
    metadataVersions(pairs),
    tenantIsolation(pairs),
  ];
}

// The failover pair's invariants over the database pairs of a run; determinism is a property of the run (the replay tests)
import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../../sim/checker";
import { pairZones } from "./available-zones-only";
import { commitLog } from "./commits-gapless-and-once";
import { configConverges } from "./config-converges";
import { keysInUse } from "./enabled-keys-only";
import { endpointOnCoordinator } from "./endpoint-on-coordinator";
import { epochMonotonic } from "./epoch-only-rises";
import { roleTransitions } from "./legal-role-transitions";
import { noLostAck } from "./no-acknowledged-write-lost";
import { noStaleResults } from "./no-stale-results";
import { oneCoordinator } from "./one-coordinator";
import { oneOutcome } from "./one-outcome-per-request";
import { resultsShowOnlySentWrites } from "./results-show-only-sent-writes";
import { capacityInAdvance } from "./standby-capacity-in-advance";
import { sharingHappens } from "./standby-shares-load";
import { writesFlowThroughOneZoneOut } from "./writes-flow-through-one-zone-out";
import { pairLiveness } from "./writes-resume-and-re-pair";

export {
  capacityInAdvance,
  commitLog,
  configConverges,
  endpointOnCoordinator,
  epochMonotonic,
  keysInUse,
  noLostAck,
  noStaleResults,
  oneCoordinator,
  oneOutcome,
  pairLiveness,
  pairZones,
  resultsShowOnlySentWrites,
  roleTransitions,
  sharingHappens,
  writesFlowThroughOneZoneOut,
};

/** Every failover pair checker over `pairs`, in the order a run lists them. */
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
    resultsShowOnlySentWrites(pairs),
    writesFlowThroughOneZoneOut(pairs, nowMs),
  ];
}

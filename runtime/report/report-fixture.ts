/**
 * A small, hand-made run for the report's unit tests: one Aurora failover out of zone a after a
 * power loss, the old writer back as a reader later. Built here (not copied from a run) so each
 * test can change one field and see the report follow.
 */
import type { EmulationResult, FailoverRow } from "../contract/emulation-result";

export const LOST_AT = 120_000;
export const DETECTED_AT = 124_274;
export const COMPLETED_AT = 139_720;

export function failoverRow(over: Partial<FailoverRow> = {}): FailoverRow {
  return {
    resource: "aws_rds_cluster.Orders",
    fromAz: "us-east-1a",
    toAz: "us-east-1b",
    fromInstance: "aws_rds_cluster_instance.Writer",
    toInstance: "aws_rds_cluster_instance.StandbyB",
    detectedAtMs: DETECTED_AT,
    completedAtMs: COMPLETED_AT,
    clientOutageMs: 24_700,
    repairedWith: { az: "us-east-1a", atMs: 2_191_734 },
    ...over,
  } as FailoverRow;
}

export function resultWith(over: Partial<EmulationResult> = {}): EmulationResult {
  return {
    seed: 42,
    scenario: "az-outage",
    profile: "realistic",
    virtualDurationMs: 4_620_000,
    events: 12,
    traceHash: "6f004685de36acff".padEnd(64, "0"),
    invariants: [
      { id: "cloud/writer-after-recovery", ok: true, checks: 1 },
      { id: "no-acknowledged-write-lost", ok: true, checks: 40 },
    ],
    failovers: [failoverRow()],
    revocations: [],
    restores: [],
    clients: [],
    modelled: [{ resource: "aws_rds_cluster.Orders", component: "database", what: "failover pair with a client workload", struck: true }],
    notRun: [],
    experiment: { state: "completed", skipped: [], struck: { resources: [], zones: ["us-east-1a"] } },
    verdict: "held",
    ...over,
  };
}

/** Trace lines in the recorder's format (`<ms> <seq> <kind> <subject> …`). */
export const TRACE: readonly string[] = [
  "0 0 rds orders-writer instance db.r6g.large in us-east-1a tier=0 cluster=orders status=available",
  `${LOST_AT} 2 fault world power-loss zone:us-east-1a begin`,
  `${LOST_AT} 2 rds orders-writer status=failed reason="zone power loss"`,
  `${LOST_AT} 3 fault world isolate zone:us-east-1a begin`,
  `${LOST_AT} 4 fault world insufficient-capacity zones:us-east-1a callers:all 100% begin`,
  "240000 8 fault world isolate zone:us-east-1a end",
  "1920000 9 fault world power-loss zone:us-east-1a end",
  "1920000 9 rds orders-writer status=rebooting reason=power-restored",
  "2191734 10 rds orders-writer status=available role=reader",
];

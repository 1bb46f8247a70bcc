/**
 * The `emulate --json` document (DESIGN.md §7), a public contract: fields are added, never renamed.
 * The first fields come from the kernel's RunReport; the sections after `invariants` are filled by
 * the components attached to the run (empty arrays when no component contributes).
 */
import type { InvariantResult } from "../checkers/checkers";
import type { FailoverRecord } from "../cloud/rds/rds-records";

/** One failover: the cloud's record shape is the row (resource, zones, instances, timings, repair). */
export type FailoverRow = Readonly<FailoverRecord>;

export interface RevocationRow {
  readonly pool: string;
  readonly az: string;
  readonly leases: number;
  readonly noticeAtMs: number;
  readonly reclaimedAtMs: number;
  readonly customerLaunchedAtMs: number;
}

export interface RestoreRow {
  readonly kind: "snapshot" | "pitr" | "clone" | "wake";
  readonly source: string;
  readonly target: string;
  readonly pointMs: number;
  readonly verified: boolean;
}

export interface CacheSection {
  readonly entriesBefore: number;
  readonly kept: number;
  readonly invalidated: number;
  readonly hitRatioBefore: number;
  readonly hitRatioAfterFirst10k: number;
  readonly backendReadsDuringRecovery: number;
  readonly timeToAvailableMs: number;
}

export interface GroupsSection {
  readonly recoveries: number;
  readonly appRestarts: number;
  readonly pagesReturned: number;
}

export interface EmulationResult {
  readonly seed: number;
  readonly scenario: string;
  readonly profile: string;
  readonly virtualDurationMs: number;
  readonly events: number;
  readonly traceHash: string | null;
  readonly invariants: readonly InvariantResult[];
  readonly failovers: readonly FailoverRow[];
  readonly revocations: readonly RevocationRow[];
  readonly restores: readonly RestoreRow[];
  readonly cache?: CacheSection;
  readonly groups?: GroupsSection;
}

/** What a component adds to the result; read once, when the run has finished. */
export interface ResultContribution {
  readonly failovers?: readonly FailoverRow[];
  readonly revocations?: readonly RevocationRow[];
  readonly restores?: readonly RestoreRow[];
  readonly cache?: CacheSection;
  readonly groups?: GroupsSection;
}

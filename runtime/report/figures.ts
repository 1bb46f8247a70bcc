/**
 * The figures a reader looks for first: per failover, the recovery time split into detection,
 * promotion and the client-visible outage; the recovery point, as far as the run's invariants
 * measured it.
 */
import type { EmulationResult, FailoverRow } from "../contract/emulation-result";
import { type Lane, lostAt } from "./timeline";

export interface FailoverFigures {
  readonly row: FailoverRow;
  /** When the writer was lost: the zone fault that struck it, else the detection. */
  readonly lostAtMs: number;
  readonly detectionMs: number;
  readonly promotionMs: number;
  /** Lost → new writer serving (control plane). */
  readonly rtoMs: number;
  readonly clientOutageMs: number;
}

export function failoverFigures(result: EmulationResult, zoneLanes: readonly Lane[]): FailoverFigures[] {
  return result.failovers.map((row) => {
    const lostAtMs = lostAt(row.fromAz, row.detectedAtMs, zoneLanes);
    return {
      row,
      lostAtMs,
      detectionMs: row.detectedAtMs - lostAtMs,
      promotionMs: row.completedAtMs - row.detectedAtMs,
      rtoMs: row.completedAtMs - lostAtMs,
      clientOutageMs: row.clientOutageMs,
    };
  });
}

/** Invariant ids that measure lost acknowledged writes, i.e. RPO. */
const RPO_INVARIANT = /lost|acknowledged|durab|rpo/i;

/** "0 (…held)", "VIOLATED (…)" or "not measured", from the invariants that check lost writes. */
export function recoveryPoint(result: EmulationResult): { readonly text: string; readonly ok: boolean | undefined } {
  const checks = result.invariants.filter((i) => RPO_INVARIANT.test(i.id));
  if (!checks.length) return { text: "not measured in this run (no invariant on acknowledged writes is registered)", ok: undefined };
  const failed = checks.filter((i) => !i.ok);
  if (failed.length) return { text: `VIOLATED: ${failed.map((i) => i.id).join(", ")}`, ok: false };
  return { text: `0: no acknowledged write lost (${checks.map((i) => i.id).join(", ")} held)`, ok: true };
}

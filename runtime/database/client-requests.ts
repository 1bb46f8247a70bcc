/**
 * What a database's clients saw, as rows of the `emulate --json` `clients` section: requests that
 * succeeded and failed, counted when the client got its answer (a timeout counts when it expires,
 * as a client notices it), over the whole run and, finer, around each stretch in which requests
 * failed. Read from the clients' own history (its per-second counts and failure times: a few bytes
 * per second of the run, whatever the request rate), never from what the control plane says of itself.
 */
import type { ClientRequestsRow, RequestSeries } from "../contract/emulation-result";
import type { DatabasePair } from "./database-pair";
import { lostAckedWrites } from "./failover-report";
import type { History } from "./history";
import type { SecondCounts } from "./time-runs";

/** Bucket widths a series may use, ms: the first that fits the span in `BUCKETS_MAX` buckets. */
const STEPS_MS = [1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000];
/** Buckets per series, at most: a chart's worth, and a `--json` line's. */
const BUCKETS_MAX = 60;
/** Failures closer than this belong to one incident. */
const INCIDENT_GAP_MS = 60_000;
/** Margin drawn before an incident's first failure and after its last. */
const INCIDENT_MARGIN_MS = 20_000;
/** Incidents per database, at most (the first ones in time). */
const INCIDENTS_MAX = 10;

/** The row of one pair: totals, the run as one series, one finer series per incident. */
export function clientRequestsRow(p: DatabasePair, endMs: number): ClientRequestsRow {
  return requestsRow(p.spec.database, p.history, lostAckedWrites(p), endMs);
}

/** The row of one database's client history, for a run that ended at `endMs`. */
export function requestsRow(database: string, history: History, acknowledgedWritesLost: number, endMs: number): ClientRequestsRow {
  const ok = history.okPerSecond;
  const failed = history.failedPerSecond;
  return {
    database,
    sent: history.sent,
    succeeded: ok.total,
    failed: failed.total,
    acknowledgedWritesLost,
    run: series(ok, failed, 0, Math.max(endMs, 1)),
    incidents: incidents(history.failedTimes.sorted(), endMs).map((w) => series(ok, failed, w.fromMs, w.toMs)),
  };
}

/** Stretches of failures: failures less than `INCIDENT_GAP_MS` apart, widened by the margin. */
function incidents(sorted: readonly number[], endMs: number): { fromMs: number; toMs: number }[] {
  const out: { first: number; last: number }[] = [];
  for (const at of sorted) {
    const open = out[out.length - 1];
    if (open && at - open.last <= INCIDENT_GAP_MS) open.last = at;
    else if (out.length < INCIDENTS_MAX) out.push({ first: at, last: at });
    else break;
  }
  return out.map((w) => ({ fromMs: Math.max(0, w.first - INCIDENT_MARGIN_MS), toMs: Math.min(endMs, w.last + INCIDENT_MARGIN_MS) }));
}

/**
 * Counts in [fromMs, toMs) by bucket; the bucket is the finest step that keeps the series short.
 * Every step is whole seconds and buckets start at a multiple of their step, so the history's
 * per-second counts add up to each bucket exactly.
 */
function series(ok: SecondCounts, failed: SecondCounts, fromMs: number, toMs: number): RequestSeries {
  const span = Math.max(1, toMs - fromMs);
  const bucketMs = STEPS_MS.find((s) => span / s <= BUCKETS_MAX) ?? (STEPS_MS[STEPS_MS.length - 1] as number);
  const start = Math.floor(fromMs / bucketMs) * bucketMs;
  const n = Math.max(1, Math.ceil((toMs - start) / bucketMs));
  const count = (times: SecondCounts) =>
    Array.from({ length: n }, (_, i) => times.between(start + i * bucketMs, start + (i + 1) * bucketMs));
  return { fromMs: start, bucketMs, succeeded: count(ok), failed: count(failed) };
}

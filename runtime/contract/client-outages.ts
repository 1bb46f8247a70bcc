/**
 * Client-visible outages, measured from the answers clients got (never from what a control plane
 * says of itself): each stretch in which requests failed, from the last answer before it to the
 * first acknowledged write after it. Shared by every system that runs clients (the failover pair,
 * the replication group), so both measure recovery the same way.
 */
import type { RecoveryRow } from "./emulation-result";

/** One answer a client got: when, whether it succeeded, and whether it acknowledged a write. */
export interface ClientAnswer {
  readonly atMs: number;
  readonly ok: boolean;
  /** An acknowledged write: only one of these ends an outage (reads alone do not prove writes resumed). */
  readonly writeAck: boolean;
}

/** Outages kept per row; the longest is always among them (see `outagesOf`). */
export const OUTAGES_MAX = 50;

export type Outage = RecoveryRow["outages"][number];

/**
 * The stretches in which answers failed, in time order: from the last success before the first
 * failure (`startMs` when none came before it) to the first acknowledged write after the last one
 * (`toMs: null` when none came before the end). Answers must be in time order.
 */
export function outagesOf(answers: Iterable<ClientAnswer>, startMs: number): Outage[] {
  const o = new OutageScan(startMs);
  for (const a of answers) o.answer(a.atMs, a.ok, a.writeAck);
  return o.outages();
}

/** `outagesOf`, one answer at a time (a day's history is 170,000 answers: no object per answer). */
export class OutageScan {
  private readonly out: Outage[] = [];
  private lastOkMs: number;
  private open: { fromMs: number; failed: number } | undefined;

  constructor(startMs: number) {
    this.lastOkMs = startMs;
  }

  answer(atMs: number, ok: boolean, writeAck: boolean): void {
    if (!ok) {
      if (this.open) this.open.failed++;
      else this.open = { fromMs: this.lastOkMs, failed: 1 };
      return;
    }
    if (this.open && writeAck) {
      this.out.push({ fromMs: this.open.fromMs, toMs: atMs, failed: this.open.failed });
      this.open = undefined;
    }
    if (!this.open) this.lastOkMs = atMs;
  }

  outages(): Outage[] {
    const out = [...this.out];
    if (this.open) out.push({ fromMs: this.open.fromMs, toMs: null, failed: this.open.failed });
    return keepLongest(out);
  }
}

/** The longest outage, ms; null when one never ended; 0 when there was none. */
export function longestOutageMs(outages: readonly Outage[]): number | null {
  let longest = 0;
  for (const o of outages) {
    if (o.toMs === null) return null;
    longest = Math.max(longest, o.toMs - o.fromMs);
  }
  return longest;
}

/** At most OUTAGES_MAX outages: the longest ones, back in time order (an unended one counts as longest). */
function keepLongest(outages: Outage[]): Outage[] {
  if (outages.length <= OUTAGES_MAX) return outages;
  const span = (o: Outage) => (o.toMs === null ? Number.POSITIVE_INFINITY : o.toMs - o.fromMs);
  const kept = new Set([...outages].sort((a, b) => span(b) - span(a)).slice(0, OUTAGES_MAX));
  return outages.filter((o) => kept.has(o));
}

import type { DatabasePair } from "../../database/database-pair";
import type { History } from "../../database/history";
import type { LogReader } from "../../database/windowed-log";
import { WriteTable, writeKey } from "../../database/write-ids";

/** Column of the table: the sequence a write was acknowledged with (0: not acknowledged). */
const SEQ = 0;

/**
 * The clients' oracle of one database, built from their own history only: the writes they sent,
 * and the sequence each acknowledged write was given, in the order the acknowledgements came.
 * Checkers that judge what a result showed read it; nothing in the model does. One oracle serves
 * every checker of a history (`oracleOf`): each entry is taken in once, whoever asks first.
 *
 * What it keeps grows by a few bytes per write (`WriteTable`: a write is judged against what was
 * sent and acknowledged however long ago), and the highest acknowledged sequence over time only
 * as far back as a request still waiting to be judged was sent.
 */
export class AcknowledgedWrites {
  /** Writes the clients sent (a retry reuses its id), each with the sequence it was acknowledged with. */
  private readonly writes = new WriteTable(1);
  /**
   * Acknowledgement times, and the highest sequence acknowledged up to each: one entry per time
   * (acknowledgements of one instant share it), in time order, from `base` on (older ones dropped
   * once no request sent that early can still be judged).
   */
  private ackAt: number[] = [];
  private ackMax: number[] = [];
  private firstAckMs = Number.POSITIVE_INFINITY;
  /** When the time list is next looked at for entries to drop (amortized: it must have doubled). */
  private dropAt = 1024;
  private readonly invokes: LogReader;
  private readonly completions: LogReader;

  constructor(private readonly history: History) {
    this.invokes = history.invokeReader();
    this.completions = history.reader();
  }

  /** Distinct writes the clients sent. */
  get sentCount(): number {
    return this.writes.size;
  }

  /** The clients sent write `key`. */
  sent(key: number): boolean {
    return this.writes.has(key);
  }

  /** The sequence write `key` was acknowledged with (undefined when it was not). */
  seqOf(key: number): number | undefined {
    const s = this.writes.get(key, SEQ);
    return s === 0 ? undefined : s;
  }

  /** Takes in the invokes sent since the last call. */
  readInvokes(): void {
    const h = this.history;
    for (; this.invokes.next < h.sent; this.invokes.next++) {
      const inv = h.invokeOf(this.invokes.next + 1);
      if (inv === undefined) throw new Error(`the history dropped request ${this.invokes.next + 1} before the oracle read it`);
      if (inv.writeId !== undefined) this.writes.add(writeKey(inv.writeId));
    }
  }

  /**
   * Takes in the completions before index `upTo` not taken in yet (a checker judging completion i
   * asks for `i` to see the acknowledgements before it, `i + 1` to include its own).
   */
  acknowledgeUpTo(upTo: number): void {
    const h = this.history;
    const end = Math.min(upTo, h.completed);
    for (; this.completions.next < end; this.completions.next++) {
      const c = h.completionAt(this.completions.next);
      if (c === undefined) throw new Error(`the history dropped completion ${this.completions.next} before the oracle read it`);
      if (c.outcome !== "ok" || c.seq === undefined) continue;
      const w = h.invokeOf(c.id)?.writeId;
      if (w === undefined) continue;
      this.writes.set(writeKey(w), SEQ, c.seq);
      if (c.atMs < this.firstAckMs) this.firstAckMs = c.atMs;
      const n = this.ackAt.length;
      const max = n === 0 ? c.seq : Math.max(c.seq, this.ackMax[n - 1] as number);
      if (n > 0 && this.ackAt[n - 1] === c.atMs) this.ackMax[n - 1] = max;
      else {
        this.ackAt.push(c.atMs);
        this.ackMax.push(max);
        if (this.ackAt.length >= this.dropAt) this.dropOld();
      }
    }
  }

  /** The highest sequence acknowledged strictly before `t` (acks are in time order: a binary search). */
  maxAckedBefore(t: number): number {
    if (t <= this.firstAckMs) return 0;
    const at = this.ackAt;
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((at[mid] as number) < t) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) throw new Error(`asked for the acknowledgements before ${t} ms, older than the oracle keeps (it keeps from ${at[0]} ms)`);
    return this.ackMax[lo - 1] as number;
  }

  /** Entries kept (what the memory test bounds). */
  get retained(): { readonly ackTimes: number; readonly tableBytes: number } {
    return { ackTimes: this.ackAt.length, tableBytes: this.writes.bytes };
  }

  /**
   * Drops the acknowledgement times no request can still ask about: every request still to be judged
   * was sent no earlier than the history's oldest kept invoke; the last entry before that stays.
   */
  private dropOld(): void {
    const horizon = this.history.oldestKeptInvokeAtMs;
    const at = this.ackAt;
    let keep = 0;
    while (keep + 1 < at.length && (at[keep + 1] as number) < horizon) keep++;
    if (keep > 0) {
      this.ackAt = at.slice(keep);
      this.ackMax = this.ackMax.slice(keep);
    }
    this.dropAt = Math.max(1024, 2 * this.ackAt.length);
  }
}

const oracles = new WeakMap<History, AcknowledgedWrites>();

/** The oracle of `p`'s history, shared by every checker that reads it: made when the first such checker is (before the run). */
export function oracleOf(p: DatabasePair): AcknowledgedWrites {
  let o = oracles.get(p.history);
  if (!o) {
    o = new AcknowledgedWrites(p.history);
    oracles.set(p.history, o);
  }
  return o;
}

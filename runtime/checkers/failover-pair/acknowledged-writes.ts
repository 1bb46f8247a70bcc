import type { DatabasePair } from "../../database/database-pair";
import type { History } from "../../database/history";

/**
 * The clients' oracle of one database, built from their own history only: the writes they sent,
 * and the sequence each acknowledged write was given, in the order the acknowledgements came.
 * Checkers that judge what a result showed read it; nothing in the model does. One oracle serves
 * every checker of a history (`oracleOf`): each completion is taken in once, whoever asks first.
 */
export class AcknowledgedWrites {
  /** Write ids the clients sent (a retry reuses its id). */
  readonly sent = new Set<string>();
  /** Acknowledged write id → its sequence. */
  readonly seqOf = new Map<string, number>();
  /**
   * Acknowledgement times, and the highest sequence acknowledged up to each: one entry per time
   * (acknowledgements of one instant share it), in time order. Plain number arrays: no object per ack.
   */
  private readonly ackAt: number[] = [];
  private readonly ackMax: number[] = [];
  private invokesRead = 0;
  private completionsRead = 0;

  constructor(private readonly history: History) {}

  /** Takes in the invokes sent since the last call. */
  readInvokes(): void {
    const invokes = this.history.invokes;
    for (; this.invokesRead < invokes.length; this.invokesRead++) {
      const w = invokes[this.invokesRead]?.writeId;
      if (w !== undefined) this.sent.add(w);
    }
  }

  /**
   * Takes in the completions before index `upTo` not taken in yet (a checker judging completion i
   * asks for `i` to see the acknowledgements before it, `i + 1` to include its own).
   */
  acknowledgeUpTo(upTo: number): void {
    const done = this.history.completions;
    const invokes = this.history.invokes;
    for (; this.completionsRead < upTo && this.completionsRead < done.length; this.completionsRead++) {
      const c = done[this.completionsRead] as (typeof done)[number];
      if (c.outcome !== "ok" || c.seq === undefined) continue;
      const w = invokes[c.id - 1]?.writeId;
      if (w === undefined) continue;
      this.seqOf.set(w, c.seq);
      const n = this.ackAt.length;
      const max = n === 0 ? c.seq : Math.max(c.seq, this.ackMax[n - 1] as number);
      if (n > 0 && this.ackAt[n - 1] === c.atMs) this.ackMax[n - 1] = max;
      else {
        this.ackAt.push(c.atMs);
        this.ackMax.push(max);
      }
    }
  }

  /** The highest sequence acknowledged strictly before `t` (acks are in time order: a binary search). */
  maxAckedBefore(t: number): number {
    const at = this.ackAt;
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((at[mid] as number) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : (this.ackMax[lo - 1] as number);
  }
}

const oracles = new WeakMap<History, AcknowledgedWrites>();

/** The oracle of `p`'s history, shared by every checker that reads it; made on first use. */
export function oracleOf(p: DatabasePair): AcknowledgedWrites {
  let o = oracles.get(p.history);
  if (!o) {
    o = new AcknowledgedWrites(p.history);
    oracles.set(p.history, o);
  }
  return o;
}

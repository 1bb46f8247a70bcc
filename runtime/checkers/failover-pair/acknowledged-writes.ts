import type { DatabasePair } from "../../database/database-pair";
import type { Completion, History } from "../../database/history";

/**
 * The clients' oracle of one database, built from their own history only: the writes they sent,
 * and the sequence each acknowledged write was given, in the order the acknowledgements came.
 * Checkers that judge what a result showed read it; nothing in the model does.
 */
export class AcknowledgedWrites {
  /** Write ids the clients sent (a retry reuses its id). */
  readonly sent = new Set<string>();
  /** Acknowledged write id → its sequence. */
  readonly seqOf = new Map<string, number>();
  /** Acknowledgements in time order, each with the highest sequence acknowledged up to it. */
  private readonly acks: { readonly atMs: number; readonly max: number }[] = [];
  private invokesRead = 0;

  constructor(private readonly history: History) {}

  /** Takes in the invokes sent since the last call. */
  readInvokes(): void {
    const invokes = this.history.invokes;
    for (; this.invokesRead < invokes.length; this.invokesRead++) {
      const w = invokes[this.invokesRead]?.writeId;
      if (w !== undefined) this.sent.add(w);
    }
  }

  /** Records `c` if it acknowledges a write; returns the write id. */
  acknowledge(c: Completion): string | undefined {
    if (c.outcome !== "ok" || c.seq === undefined) return undefined;
    const w = this.history.invokes[c.id - 1]?.writeId;
    if (w === undefined) return undefined;
    this.seqOf.set(w, c.seq);
    this.acks.push({ atMs: c.atMs, max: Math.max(c.seq, this.acks.at(-1)?.max ?? 0) });
    return w;
  }

  /** The highest sequence acknowledged strictly before `t` (acks are in time order: a binary search). */
  maxAckedBefore(t: number): number {
    const list = this.acks;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as { atMs: number }).atMs < t) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : (list[lo - 1] as { max: number }).max;
  }
}

/** One oracle per pair, made on first use. */
export function oracleOf(map: Map<DatabasePair, AcknowledgedWrites>, p: DatabasePair): AcknowledgedWrites {
  let o = map.get(p);
  if (!o) {
    o = new AcknowledgedWrites(p.history);
    map.set(p, o);
  }
  return o;
}

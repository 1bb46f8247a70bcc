/**
 * The head node's volume: the head node is nearly stateless; its
 * redo records go to storage copies in several zones (one per zone here), durable once a write
 * quorum holds them. A failover attaches a new head node with a higher epoch: the copies it cannot
 * reach are fenced, so anything the old head still sends is refused (one writer); everything acknowledged
 * before is readable from the copies that remain (durability). A fenced copy catches up from the others
 * and is unfenced only at the current LSN.
 *
 * Pure: the caller says which zones are reachable.
 */

interface Copy {
  readonly zone: string;
  /** Highest LSN this copy holds (records 1..lsn). */
  lsn: number;
  fenced: boolean;
  /** Writes from heads with an epoch below this are refused. */
  epoch: number;
  /** What the copy holds, in LSN order: runs of records written by one head at one epoch. */
  readonly records: CopyRecords[];
}

/** Records `fromLsn..toLsn` of a copy, written by `head` at `epoch`. */
export interface CopyRecords {
  readonly fromLsn: number;
  toLsn: number;
  readonly epoch: number;
  readonly head: string;
}

export type WriteResult =
  | { readonly ok: true; readonly lsn: number }
  | { readonly ok: false; readonly reason: "fenced" | "no-quorum" | "not-attached" };

export class HeadVolume {
  private readonly copies: Copy[];
  /** LSN of the last acknowledged write: durable on a write quorum. */
  private ackedLsn = 0;
  private epochNow = 0;
  private head: string | undefined;

  constructor(
    zones: readonly string[],
    /** Copies a write needs before it is acknowledged. */
    readonly writeQuorum: number = Math.floor(zones.length / 2) + 1,
    /** Test-only: false plants a volume whose copies accept any epoch (see ContingencyMutants). */
    private readonly enforceFence = true,
  ) {
    if (zones.length === 0 || writeQuorum < 1 || writeQuorum > zones.length)
      throw new RangeError(`a volume needs 1 ≤ write quorum (${writeQuorum}) ≤ copies (${zones.length})`);
    this.copies = zones.map((zone) => ({ zone, lsn: 0, fenced: false, epoch: 0, records: [] }));
  }

  get epoch(): number {
    return this.epochNow;
  }

  get lsn(): number {
    return this.ackedLsn;
  }

  get attached(): string | undefined {
    return this.head;
  }

  /**
   * A head node attaches (at start, or on failover): the epoch moves, every reachable copy learns
   * it, and the unreachable ones are fenced. Returns the copies fenced.
   */
  attach(head: string, reachable: (zone: string) => boolean): string[] {
    this.epochNow++;
    this.head = head;
    const fenced: string[] = [];
    for (const c of this.copies) {
      if (reachable(c.zone)) c.epoch = this.epochNow;
      else if (!c.fenced) {
        c.fenced = true;
        fenced.push(c.zone);
      }
    }
    return fenced;
  }

  /**
   * `n` writes by `head` at `epoch`, sent straight to the copies (a deposed head does not ask who is
   * attached: it believes it still is). Each reachable, unfenced copy that has not seen a higher epoch
   * takes them — that is the fence — and they are acknowledged once a write quorum holds them.
   */
  write(head: string, epoch: number, n: number, reachable: (zone: string) => boolean): WriteResult {
    if (this.head === undefined) return { ok: false, reason: "not-attached" };
    const live = this.copies.filter((c) => !c.fenced && reachable(c.zone));
    const accepting = live.filter((c) => !this.enforceFence || c.epoch <= epoch);
    if (accepting.length < this.writeQuorum) return { ok: false, reason: accepting.length < live.length ? "fenced" : "no-quorum" };
    const from = this.ackedLsn + 1;
    this.ackedLsn += n;
    for (const c of accepting) {
      c.lsn = this.ackedLsn;
      const last = c.records[c.records.length - 1];
      if (last && last.epoch === epoch && last.head === head && last.toLsn === from - 1) last.toLsn = this.ackedLsn;
      else c.records.push({ fromLsn: from, toLsn: this.ackedLsn, epoch, head });
    }
    return { ok: true, lsn: this.ackedLsn };
  }

  /** What each copy holds, by zone (runs of records in LSN order): the storage's own view, for checkers. */
  copyRecords(): ReadonlyMap<string, readonly CopyRecords[]> {
    return new Map(this.copies.map((c) => [c.zone, c.records]));
  }

  /** The highest LSN readable from the reachable, unfenced copies (a read quorum of one: copies never diverge). */
  readableLsn(reachable: (zone: string) => boolean): number {
    return Math.max(0, ...this.copies.filter((c) => !c.fenced && reachable(c.zone)).map((c) => c.lsn));
  }

  /** A fenced copy whose zone is back copies what it missed, then is unfenced at the current LSN. */
  catchUp(zone: string): number | undefined {
    const c = this.copies.find((x) => x.zone === zone && x.fenced);
    if (!c) return undefined;
    // It copies what it missed from a current copy, records and all.
    const source = this.copies.find((x) => !x.fenced && x.lsn === this.ackedLsn);
    if (source) c.records.splice(0, c.records.length, ...source.records.map((r) => ({ ...r })));
    c.lsn = this.ackedLsn;
    c.epoch = this.epochNow;
    c.fenced = false;
    return c.lsn;
  }

  fencedZones(): string[] {
    return this.copies.filter((c) => c.fenced).map((c) => c.zone);
  }
}

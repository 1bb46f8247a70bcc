/**
 * The authoritative, versioned storage of one database, shared by both halves of the pair: a
 * commit log written only through the coordinator's sequencer, behind an epoch fence. A commit
 * carries the writer's epoch; the storage accepts it only when the epoch equals the fence, so a
 * deposed coordinator that still runs (a zombie behind a partition) gets `fenced`, never a
 * sequence number. Reads are fenced the same way, so a stale coordinator cannot serve a result
 * either. Commits are idempotent per client write id: a retried write gets its first sequence back.
 */

export interface Commit {
  readonly seq: number;
  readonly writeId: string;
  readonly epoch: number;
  /** The storage fence when the commit was accepted. */
  readonly fence: number;
  readonly by: string;
  readonly atMs: number;
}

export type CommitOutcome =
  | { readonly ok: true; readonly seq: number; readonly retried: boolean }
  | { readonly ok: false; readonly fence: number };
export type ReadOutcome = { readonly ok: true; readonly version: number } | { readonly ok: false; readonly fence: number };

export interface StorageOptions {
  /**
   * Test-only faulty variant (the "no fence" mutant): accept every epoch.
   * @default true - commits and reads of an epoch other than the fence are rejected
   */
  readonly enforceFence?: boolean;
}

export class AuthoritativeStorage {
  private fenceEpoch = 0;
  private readonly log: Commit[] = [];
  private readonly byWriteId = new Map<string, Commit>();
  private readonly enforce: boolean;
  /** Commits and reads refused by the fence. */
  fencedCount = 0;

  constructor(
    readonly database: string,
    options: StorageOptions = {},
  ) {
    this.enforce = options.enforceFence ?? true;
  }

  /** The epoch the storage accepts. */
  get fence(): number {
    return this.fenceEpoch;
  }

  /** The latest committed sequence (0 before the first commit). */
  get latest(): number {
    return this.log.length;
  }

  /** Every commit, in sequence order (read-only view for checkers). */
  get commits(): readonly Commit[] {
    return this.log;
  }

  /** Raises the fence; a fence never goes down (a stale promotion is a bug, not a request). */
  raiseFence(epoch: number): void {
    if (!Number.isSafeInteger(epoch) || epoch <= this.fenceEpoch)
      throw new RangeError(`fence of ${this.database} may only rise: it is ${this.fenceEpoch}, asked for ${epoch}`);
    this.fenceEpoch = epoch;
  }

  /** Commits `writeId` for a writer at `epoch`; durable when this returns ok. */
  commit(epoch: number, writeId: string, by: string, atMs: number): CommitOutcome {
    if (this.enforce && epoch !== this.fenceEpoch) {
      this.fencedCount++;
      return { ok: false, fence: this.fenceEpoch };
    }
    const first = this.byWriteId.get(writeId);
    if (first) return { ok: true, seq: first.seq, retried: true };
    const c: Commit = { seq: this.log.length + 1, writeId, epoch, fence: this.fenceEpoch, by, atMs };
    this.log.push(c);
    this.byWriteId.set(writeId, c);
    return { ok: true, seq: c.seq, retried: false };
  }

  /** The version a reader at `epoch` sees: the latest commit. */
  read(epoch: number): ReadOutcome {
    if (this.enforce && epoch !== this.fenceEpoch) {
      this.fencedCount++;
      return { ok: false, fence: this.fenceEpoch };
    }
    return { ok: true, version: this.log.length };
  }

  /** The commit of `seq`, if any. */
  at(seq: number): Commit | undefined {
    return this.log[seq - 1];
  }
}

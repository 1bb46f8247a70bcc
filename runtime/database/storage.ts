/**
 * The authoritative, versioned storage of one database, shared by both halves of the pair: a
 * commit log written only through the coordinator's sequencer, behind an epoch fence. A commit
 * carries the writer's epoch; the storage accepts it only when the epoch equals the fence, so a
 * deposed coordinator that still runs (a zombie behind a partition) gets `fenced`, never a
 * sequence number. Reads are fenced the same way, so a stale coordinator cannot serve a result
 * either. Commits are idempotent per client write id: a retried write gets its first sequence back.
 *
 * The log compacts as it grows: every sequence keeps the write it holds (8 bytes) and every write
 * its sequence (a few bytes, `WriteTable`), which is all the model and the checkers ask of old
 * commits; the whole commit (epoch, fence, writer, time) is kept only until every reader of the
 * log has read it, plus a short tail.
 */
import { type LogReader, WindowedLog } from "./windowed-log";
import { NumberColumn, WriteTable, writeIdOf, writeKey } from "./write-ids";

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

/** Whole commits kept past every reader. */
const TAIL = 256;

export class AuthoritativeStorage {
  private fenceEpoch = 0;
  /** Sequence → the key of the write it holds (index seq − 1; keys are doubles: one read a lookup). */
  private readonly writeAt = new NumberColumn();
  /** Write → its first sequence. */
  private readonly seqOf = new WriteTable(1);
  private readonly log = new WindowedLog<Commit>(TAIL);
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
    return this.writeAt.length;
  }

  /** The whole commit of `seq` while it is kept (not yet read by every reader, or among the newest). */
  commitAt(seq: number): Commit | undefined {
    return this.log.at(seq - 1);
  }

  /** A reader of the whole commits (its `next` is seq − 1 of the first it has not read): join before the run starts. */
  reader(): LogReader {
    return this.log.reader();
  }

  /** Every commit, in sequence order: only while none was dropped (`retainAll`, or a short run). */
  get commits(): readonly Commit[] {
    return this.log.all("commit log");
  }

  /** Keep every whole commit (tests that read the log afterwards): call before the run starts. */
  retainAll(): void {
    this.log.retainAll();
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
    const key = writeKey(writeId);
    const first = this.seqOf.get(key, 0);
    if (first !== 0) return { ok: true, seq: first, retried: true };
    const seq = this.append({ seq: this.latest + 1, writeId, epoch, fence: this.fenceEpoch, by, atMs });
    return { ok: true, seq, retried: false };
  }

  /**
   * Appends `c` at the next sequence, with none of `commit`'s checks (fence, one commit per write):
   * the raw log write under `commit`, which tests also use to plant a log bug. Returns the sequence.
   */
  append(c: Commit): number {
    const seq = this.latest + 1;
    const key = writeKey(c.writeId);
    this.writeAt.push(key);
    if (this.seqOf.get(key, 0) === 0) this.seqOf.set(key, 0, seq);
    this.log.push(c.seq === seq ? c : { ...c, seq });
    return seq;
  }

  /** Test-only: the log's sequence `seq` now holds `writeId` (a storage bug that rewrites an old commit). */
  rewrite(seq: number, writeId: string): void {
    this.writeAt.set(seq - 1, writeKey(writeId));
  }

  /** The version a reader at `epoch` sees: the latest commit. */
  read(epoch: number): ReadOutcome {
    if (this.enforce && epoch !== this.fenceEpoch) {
      this.fencedCount++;
      return { ok: false, fence: this.fenceEpoch };
    }
    return { ok: true, version: this.latest };
  }

  /** The key (`writeKey`) of the write `seq` holds; undefined beyond the log. */
  keyAt(seq: number): number | undefined {
    return seq >= 1 && seq <= this.latest ? this.writeAt.at(seq - 1) : undefined;
  }

  /**
   * An acknowledgement of `key` as `seq` still holds: storage has that write there (a request
   * that named no write, key NaN, holds only where storage has nothing).
   */
  holds(seq: number, key: number): boolean {
    const held = this.keyAt(seq);
    return Number.isNaN(key) ? held === undefined : held === key;
  }

  /** The write `seq` holds, if any. */
  at(seq: number): { readonly seq: number; readonly writeId: string } | undefined {
    const key = this.keyAt(seq);
    if (key === undefined) return undefined;
    // The whole commit while it is kept (no new string), unless the log was rewritten under it.
    const kept = this.log.at(seq - 1);
    return kept !== undefined && writeKey(kept.writeId) === key ? kept : { seq, writeId: writeIdOf(key) };
  }

  /** Bytes the whole-run part of the log holds, and whole commits kept now: what a memory test bounds. */
  get retained(): { readonly summaryBytes: number; readonly commits: number } {
    return { summaryBytes: this.writeAt.bytes + this.seqOf.bytes, commits: this.log.length - this.log.first };
  }
}

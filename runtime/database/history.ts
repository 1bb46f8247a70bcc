/**
 * The client-side history of one database: every request's invoke and its outcome, in order.
 * Checkers read it as it grows (acknowledged-write survival, one outcome per request, no stale
 * results), each through its own reader; the failover report and the recovery and request rows
 * read running summaries kept here. Nothing in the model reads it back.
 *
 * A long run's history does not stay in memory: raw entries are kept only until every reader has
 * read them (plus a short tail, and requests still waiting for their outcome), so a day of
 * 170,000 requests costs what the summaries cost — a few numbers per acknowledged write (the
 * sequence, the write and the time: an acknowledged write lost hours later must still be named),
 * a count per second of the run, and a run of times per change of rhythm. `retainAll()` keeps
 * every entry, for tests that read a whole run afterwards.
 */

import type { Outage } from "../contract/client-outages";
import { OutageScan } from "../contract/client-outages";
import { SecondCounts, TimeRuns } from "./time-runs";
import { type LogReader, WindowedLog } from "./windowed-log";
import { NumberColumn, writeKey } from "./write-ids";

export type Outcome = "ok" | "retryable" | "fatal";

export interface Invoke {
  readonly id: number;
  readonly database: string;
  readonly client: string;
  readonly kind: "read" | "write";
  /** Writes: the client's id of the write; a retry reuses it. */
  readonly writeId?: string;
  readonly atMs: number;
}

export interface Completion {
  readonly id: number;
  readonly outcome: Outcome;
  readonly atMs: number;
  /** Why a request failed (`timeout`, `fenced`, `no-route`, `not-coordinator`). */
  readonly reason?: string;
  /** The cluster the client reached (the coordinator, it believed). */
  readonly via?: string;
  /** The role `via` had when the request arrived. */
  readonly viaRole?: string;
  /** Where the plan ran. */
  readonly executor?: string;
  readonly remote?: boolean;
  /** The epoch the plan was stamped with, and the executor's own epoch when it ran. */
  readonly epoch?: number;
  readonly executorEpoch?: number;
  /** The version the plan was stamped with (what had been committed before it was sent). */
  readonly planVersion?: number;
  /** Writes: the sequence acknowledged. */
  readonly seq?: number;
  /** The version of the executor's own copy the plan ran on (what a read returns). */
  readonly version?: number;
  /** The write the executor's copy holds at `version` (none at version 0): what the client sees as the latest write. */
  readonly seenWrite?: string;
}

/** Raw completions kept past every reader: what a checker re-reads when storage moves. */
const TAIL = 256;

/**
 * The acknowledgements (ok completions carrying a sequence), in the order they came: sequence,
 * write key (NaN when the request named no write) and time. Sequences come as runs (each ack's is
 * mostly the one before plus one: a write is acknowledged as it commits), so they cost a few
 * numbers per break in the run; the write costs 8 bytes, the time 4 (whole milliseconds, until a
 * time that is not one turns the column into doubles). About 12 bytes an acknowledgement.
 */
export class Acks {
  /** Sequence runs: from index `runFrom[k]` on, the sequences are `runSeq[k]`, `runSeq[k] + 1`, … */
  private readonly runFrom: number[] = [];
  private readonly runSeq: number[] = [];
  private readonly keys = new NumberColumn();
  private times = new NumberColumn("uint32");
  private wholeMs = true;
  length = 0;

  push(seq: number, key: number, atMs: number): void {
    const i = this.length++;
    const k = this.runFrom.length - 1;
    if (k < 0 || (this.runSeq[k] as number) + (i - (this.runFrom[k] as number)) !== seq) {
      this.runFrom.push(i);
      this.runSeq.push(seq);
    }
    this.keys.push(key);
    if (this.wholeMs && !(Number.isInteger(atMs) && atMs >= 0 && atMs < 2 ** 32)) {
      const doubles = new NumberColumn();
      for (let j = 0; j < this.times.length; j++) doubles.push(this.times.at(j));
      this.times = doubles;
      this.wholeMs = false;
    }
    this.times.push(atMs);
  }

  seq(i: number): number {
    const from = this.runFrom;
    let lo = 0;
    let hi = from.length - 1;
    if ((from[hi] as number) <= i) lo = hi; // the newest run: what a checker asks about as it goes
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((from[mid] as number) <= i) lo = mid;
      else hi = mid - 1;
    }
    return (this.runSeq[lo] as number) + (i - (from[lo] as number));
  }

  /** The acknowledged write's key (`writeKey`), NaN when the request named no write. */
  key(i: number): number {
    return this.keys.at(i);
  }

  atMs(i: number): number {
    return this.times.at(i);
  }

  get bytes(): number {
    return 16 * this.runFrom.length + this.keys.bytes + this.times.bytes;
  }
}

export class History {
  private readonly invokeLog = new WindowedLog<Invoke>(TAIL, false);
  private readonly completionLog = new WindowedLog<Completion>(TAIL);
  /** Requests without an outcome yet, oldest first (a Map keeps insertion order). */
  private readonly pending = new Map<number, Invoke>();
  private nextId = 1;
  /** Acknowledged writes, whole-run: what `no-acknowledged-write-lost` and the recovery row compare with storage. */
  readonly acks = new Acks();
  /** Results per second, and failures per second (the request chart). */
  readonly okPerSecond = new SecondCounts();
  readonly failedPerSecond = new SecondCounts();
  /** When failures came (for grouping them into incidents), ok results came, and writes were acknowledged. */
  readonly failedTimes = new TimeRuns();
  private readonly okTimes = new TimeRuns();
  private readonly ackTimes = new TimeRuns();
  /** The time of the newest completion (in the order recorded) and of the newest acknowledgement (the latest in time). */
  lastCompletionAtMs: number | undefined;
  lastAckAtMs = Number.NEGATIVE_INFINITY;
  /** The first request's time: where a run's first outage is measured from. */
  firstInvokeAtMs: number | undefined;
  private scan: OutageScan | undefined;

  invoke(i: Omit<Invoke, "id">): Invoke {
    // One literal with every field, always in this order: V8 then shares one hidden class among all
    // invokes. Spreading `i` (whose writeId is there or not) gave each invoke its own hidden class,
    // ~300 bytes more per request — most of a long run's heap.
    const full: Invoke = { id: this.nextId++, database: i.database, client: i.client, kind: i.kind, writeId: i.writeId, atMs: i.atMs };
    if (this.firstInvokeAtMs === undefined) this.firstInvokeAtMs = full.atMs;
    this.invokeLog.push(full);
    this.pending.set(full.id, full);
    return full;
  }

  complete(c: Completion): void {
    const inv = this.pending.get(c.id) ?? this.invokeOf(c.id);
    this.pending.delete(c.id);
    this.completionLog.push(c);
    this.lastCompletionAtMs = c.atMs;
    const ok = c.outcome === "ok";
    const ack = ok && c.seq !== undefined;
    this.scan ??= new OutageScan(this.firstInvokeAtMs ?? 0);
    this.scan.answer(c.atMs, ok, ack);
    if (ok) {
      this.okPerSecond.add(c.atMs);
      this.okTimes.add(c.atMs);
    } else {
      this.failedPerSecond.add(c.atMs);
      this.failedTimes.add(c.atMs);
    }
    if (ack) {
      const w = inv?.writeId;
      this.acks.push(c.seq as number, w === undefined ? Number.NaN : writeKey(w), c.atMs);
      this.ackTimes.add(c.atMs);
      if (c.atMs > this.lastAckAtMs) this.lastAckAtMs = c.atMs;
    }
    // Invokes are kept while waiting for their outcome or while a reader has not read that outcome.
    if (this.invokeLog.due) this.invokeLog.trim(this.oldestInvokeNeeded());
  }

  /** Requests sent. */
  get sent(): number {
    return this.invokeLog.length;
  }

  /** Outcomes recorded. */
  get completed(): number {
    return this.completionLog.length;
  }

  /** The invoke of request `id`, while it is kept (waiting for its outcome, or its outcome not read by every reader). */
  invokeOf(id: number): Invoke | undefined {
    return this.invokeLog.at(id - 1);
  }

  /** The completion at absolute index `i`, while it is kept. */
  completionAt(i: number): Completion | undefined {
    return this.completionLog.at(i);
  }

  /** A reader of the completions (its `next` is the index of the first it has not read): join before the run starts. */
  reader(): LogReader {
    return this.completionLog.reader();
  }

  /** A reader of the invokes (the oracle that takes in what was sent): join before the run starts. */
  invokeReader(): LogReader {
    return this.invokeLog.reader();
  }

  /** The id of the oldest invoke still kept (every request from there on can be looked up). */
  get firstKeptInvokeId(): number {
    return this.invokeLog.first + 1;
  }

  /** When the oldest invoke still kept was sent: no request still to be judged was sent earlier. */
  get oldestKeptInvokeAtMs(): number {
    return this.invokeLog.at(this.invokeLog.first)?.atMs ?? Number.POSITIVE_INFINITY;
  }

  /** Requests without an outcome, oldest first. */
  waiting(): IterableIterator<Invoke> {
    return this.pending.values();
  }

  /** Keep every entry (tests that read a whole run afterwards): call before the run starts. */
  retainAll(): void {
    this.invokeLog.retainAll();
    this.completionLog.retainAll();
  }

  /** Every invoke: only when kept (`retainAll`). */
  get invokes(): readonly Invoke[] {
    return this.invokeLog.all("invokes");
  }

  /** Every completion: only when kept (`retainAll`). */
  get completions(): readonly Completion[] {
    return this.completionLog.all("completions");
  }

  /** The time of the last ok completion (in the order recorded) at or before `atMs`. */
  lastOkBefore(atMs: number): number | undefined {
    return this.okTimes.lastAtOrBefore(atMs);
  }

  /** The time of the first ok write acknowledgement (in the order recorded) at or after `atMs`. */
  firstAckAfter(atMs: number): number | undefined {
    return this.ackTimes.firstAtOrAfter(atMs);
  }

  /** The stretches in which requests failed, as `outagesOf` measures them over the whole history. */
  outages(): Outage[] {
    return (this.scan ?? new OutageScan(this.firstInvokeAtMs ?? 0)).outages();
  }

  /** Bytes the whole-run summaries hold, and raw entries kept now: what a memory test bounds. */
  get retained(): { readonly summaryBytes: number; readonly invokes: number; readonly completions: number; readonly waiting: number } {
    return {
      summaryBytes:
        this.acks.bytes +
        this.okPerSecond.bytes +
        this.failedPerSecond.bytes +
        24 * (this.failedTimes.runs + this.okTimes.runs + this.ackTimes.runs),
      invokes: this.invokeLog.length - this.invokeLog.first,
      completions: this.completionLog.length - this.completionLog.first,
      waiting: this.pending.size,
    };
  }

  /** The oldest invoke index still needed: a request waiting for its outcome, or one whose outcome a reader has not read. */
  private oldestInvokeNeeded(): number {
    let oldest = this.invokeLog.length;
    for (const id of this.pending.keys()) {
      oldest = id - 1;
      break;
    }
    const log = this.completionLog;
    for (let i = log.first; i < log.length; i++) {
      const c = log.at(i) as Completion;
      if (c.id - 1 < oldest) oldest = c.id - 1;
    }
    return oldest;
  }
}

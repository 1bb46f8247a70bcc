/**
 * An append-only log that keeps only what its readers have not read yet, plus a short tail: the
 * client history and the commit log of a long run, which the checkers judge as they go. Entries
 * keep their absolute index (the first entry is 0), so a reader's position means the same before
 * and after older entries are dropped. A log told to keep everything (`retainAll`, for tests that
 * read a whole run afterwards) drops nothing.
 */
export class LogReader {
  /** The absolute index of the next entry this reader has not read. */
  next = 0;
}

export class WindowedLog<T> {
  private items: T[] = [];
  private base = 0;
  private readonly readers: LogReader[] = [];
  private keepAll = false;
  private trimAt: number;

  constructor(
    /** Entries kept however far the readers are (the newest ones). */
    private readonly tail: number,
    /** Trim on `push` (else only when the owner calls `trim`, which knows what else is still needed). */
    private readonly autoTrim = true,
  ) {
    this.trimAt = 2 * tail;
  }

  /** The window has grown enough since the last trim for another to be worth its scan. */
  get due(): boolean {
    return this.items.length >= this.trimAt;
  }

  /** Entries appended so far, dropped ones included. */
  get length(): number {
    return this.base + this.items.length;
  }

  /** The absolute index of the oldest entry still kept. */
  get first(): number {
    return this.base;
  }

  /** The entry at absolute index `i`; undefined when it was dropped or is not there yet. */
  at(i: number): T | undefined {
    return i >= this.base ? this.items[i - this.base] : undefined;
  }

  push(x: T): void {
    this.items.push(x);
    if (this.autoTrim && this.items.length >= this.trimAt) this.trim();
  }

  /**
   * A reader of every entry from the first one: it must join before any entry is dropped (a
   * reader that joined late could not judge what it never saw, so that is an error, not a gap).
   */
  reader(): LogReader {
    if (this.base > 0) throw new Error(`a reader joined after ${this.base} entries were dropped: readers join before the run starts`);
    const r = new LogReader();
    this.readers.push(r);
    return r;
  }

  /** Keep every entry from now on (tests that read a whole run afterwards); an error once one was dropped. */
  retainAll(): void {
    if (this.base > 0) throw new Error(`retainAll after ${this.base} entries were dropped: call it before the run starts`);
    this.keepAll = true;
  }

  /** Every entry, when none was dropped (`retainAll`); an error otherwise. */
  all(what: string): readonly T[] {
    if (this.base > 0)
      throw new Error(
        `the ${what} kept only its newest ${this.items.length} of ${this.length} entries: call retainAll() before the run to read them all`,
      );
    return this.items;
  }

  /** Drops entries every reader has read, keeping at least `tail` and those before `keepFrom` (absolute). */
  trim(keepFrom = Number.POSITIVE_INFINITY): void {
    if (this.keepAll) {
      this.trimAt = Number.POSITIVE_INFINITY;
      return;
    }
    let cut = Math.min(this.length - this.tail, keepFrom);
    for (const r of this.readers) if (r.next < cut) cut = r.next;
    if (cut > this.base) {
      this.items = this.items.slice(cut - this.base);
      this.base = cut;
    }
    // Amortized: the next trim waits until the window has grown by `tail` again.
    this.trimAt = this.items.length + Math.max(this.tail, this.items.length);
  }
}

import type { DatabasePair } from "../../database/database-pair";
import type { LogReader } from "../../database/windowed-log";

/**
 * Per-pair readers of the clients' completions, joined when the checker is made (before the run),
 * so the history keeps each completion until this checker has looked at it once and no longer.
 */
export function completionReaders(pairs: readonly DatabasePair[]): Map<DatabasePair, LogReader> {
  return new Map(pairs.map((p) => [p, p.history.reader()]));
}

/** Per-pair readers of the storage's whole commits, joined when the checker is made. */
export function commitReaders(pairs: readonly DatabasePair[]): Map<DatabasePair, LogReader> {
  return new Map(pairs.map((p) => [p, p.storage.reader()]));
}

/**
 * Where the entries not read yet begin (`end` when there are none), marking them read: the caller
 * reads from there to `end`. A pair the checker was not made with gets a reader now (a test that
 * judges a pair it built after the checker), which is an error once the log has dropped entries.
 */
export function unread(readers: Map<DatabasePair, LogReader>, p: DatabasePair, end: number, join: () => LogReader): number {
  let r = readers.get(p);
  if (!r) {
    r = join();
    readers.set(p, r);
  }
  const from = r.next;
  if (from < end) r.next = end;
  return from;
}

/** Per-pair read positions over a list kept whole (role changes, provisions: a handful a run). */
export class Cursors<K> {
  private readonly at = new Map<K, number>();

  /**
   * Where the entries of `list` not seen yet for `key` begin (`list.length` when there are none),
   * marking them seen: the caller reads from there to the end, without a copy.
   */
  from(key: K, list: readonly unknown[]): number {
    const from = this.at.get(key) ?? 0;
    if (from < list.length) this.at.set(key, list.length);
    return from;
  }
}

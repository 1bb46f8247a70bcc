const NOTHING_NEW: readonly never[] = Object.freeze([]);

/** Per-pair read positions, so a checker fed after every event looks at each new entry once. */
export class Cursors<K> {
  private readonly at = new Map<K, number>();

  /** Items of `list` not seen yet for `key` (and marks them seen). */
  next<T>(key: K, list: readonly T[]): readonly T[] {
    const from = this.at.get(key) ?? 0;
    // Most events add nothing: answer without allocating.
    if (from >= list.length) return NOTHING_NEW;
    this.at.set(key, list.length);
    return list.slice(from);
  }
}

/** Per-pair read positions, so a checker fed after every event looks at each new entry once. */
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

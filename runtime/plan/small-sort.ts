/**
 * Sorting the short lists a plan is full of (a cluster's instances, a subnet group's zones) in
 * place, by insertion: stable, as `Array.prototype.sort` is, and without the work array V8's
 * sort allocates per call, which across thousands of clusters was megabytes of garbage. Longer
 * lists go to `Array.prototype.sort`.
 */
export function sortInPlace<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  if (list.length > 16) return list.sort(compare);
  for (let i = 1; i < list.length; i++) {
    const x = list[i] as T;
    let j = i - 1;
    while (j >= 0 && compare(list[j] as T, x) > 0) {
      list[j + 1] = list[j] as T;
      j--;
    }
    list[j + 1] = x;
  }
  return list;
}

/** Strings in the order `Array.prototype.sort()` puts them without a comparator (UTF-16 code units). */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Deterministic resource ids in AWS's formats: one counter per prefix, so the n-th instance of a
 * run is always `i-…n` and ids never depend on wall time or on other services' activity.
 */
export class IdGenerator {
  private readonly counters = new Map<string, number>();

  /** `i-00000000000000001`: EC2-style, the prefix then 17 hex digits. */
  hex(prefix: string): string {
    return `${prefix}-${this.count(prefix).toString(16).padStart(17, "0")}`;
  }

  /** `00000000-0000-4000-8000-000000000001`: a UUID-shaped id (KMS keys). */
  uuid(prefix: string): string {
    return `00000000-0000-4000-8000-${this.count(prefix).toString(16).padStart(12, "0")}`;
  }

  /** `change-3`: a readable sequential id for things AWS names opaquely. */
  seq(prefix: string): string {
    return `${prefix}-${this.count(prefix)}`;
  }

  private count(prefix: string): number {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return n;
  }
}

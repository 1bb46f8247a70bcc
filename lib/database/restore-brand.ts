/** The brand of `RestoreSource` objects, in a file with no imports so the database schema can check it without a cycle. */
export const RESTORE_SOURCE_BRAND = Symbol.for("cdktf-resilience.RestoreSource");

export function isRestoreSource(x: unknown): boolean {
  return typeof x === "object" && x !== null && RESTORE_SOURCE_BRAND in x;
}

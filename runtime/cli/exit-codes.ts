/** Exit codes of the `cdktf-resilience` CLI (DESIGN.md §7). */
export const EXIT = {
  /** Ran, and every invariant held. */
  ok: 0,
  /** Ran, and an invariant was violated. */
  violation: 1,
  /** Bad input: missing file, malformed plan, unknown option or scenario. Nothing was written. */
  badInput: 2,
} as const;

/** Where a command reports its exit code; `run` returns it once the command has finished. */
export interface ExitStatus {
  code: number;
}

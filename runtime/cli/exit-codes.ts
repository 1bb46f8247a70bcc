/**
 * Exit codes of the `cdktf-resilience` CLI (see docs/reference/exit-codes.md). Scripts may rely on
 * them: codes are added, never changed.
 */
export const EXIT = {
  /** Ran, and every invariant held on a run that reached what the plan holds (or a check passed). */
  ok: 0,
  /** Ran, and an invariant was violated (or an error-severity policy rule failed). */
  violation: 1,
  /**
   * Nothing was judged: bad input (missing file, malformed plan, unknown option or scenario), or a
   * run that tested nothing (nothing to emulate, an FIS experiment whose target resolved to
   * nothing, a drill template the emulator does not model). Nothing was written.
   */
  badInput: 2,
  /** Internal error: a bug in cdktf-resilience (the message asks for a report). */
  internalError: 70,
} as const;

/** The exit codes as `--help` lists them. */
export const EXIT_CODES_HELP = `Exit codes:
  0   ran, and every invariant held (check: no error-severity finding; inspect: the plan was read)
  1   an invariant was violated (check: an error-severity rule failed); the failure and its replay command go to stderr
  2   nothing was judged: bad input (a missing or malformed plan, an unknown option or scenario), or a run that
      tested nothing (nothing to emulate, an FIS experiment whose target resolved to nothing, a drill template
      the emulator does not model); the reason and the fix go to stderr, no file is written
  70  internal error: a bug in cdktf-resilience; please report it with the command you ran
See docs/reference/exit-codes.md.`;

/** Where a command reports its exit code; `run` returns it once the command has finished. */
export interface ExitStatus {
  code: number;
}

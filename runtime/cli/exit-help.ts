/**
 * The exit codes, as `--help` prints them after every command's usage. One table for all
 * commands: a script can branch on the code without knowing which command ran.
 */
export const EXIT_CODES_HELP = `
Exit codes:
  0   ran, and every invariant held (emulate, replay, drill, campaign); no error-severity
      policy finding (check); printed (inspect)
  1   ran, and an invariant was violated; or check found an error-severity policy finding
  2   bad input, or nothing to judge: a missing or malformed plan, an unknown option,
      scenario, template or zone, a bad seed; nothing was written
  70  internal error: a bug in cdktf-resilience (please report it with the command you ran)`;

import { Command, CommanderError } from "commander";
import { isPlanError } from "../plan/plan-error";
import type { EmulationRegistry } from "../scenarios/registry";
import { isScenarioError } from "../scenarios/scenario-error";
import { registerAssess } from "./assess";
import { registerCampaign } from "./campaign";
import { registerCheck } from "./check";
import { isCliInputError } from "./cli-error";
import { registerDrill } from "./drill";
import { registerEmulate } from "./emulate";
import { EXIT, EXIT_CODES_HELP, type ExitStatus } from "./exit-codes";
import { registerInspect } from "./inspect";
import { type CliIo, processIo } from "./io";
import { packageVersion } from "./package-version";
import { registerReplay } from "./replay";
import { terminalSafe } from "./terminal-text";

/** What an embedding program (or a test) may change about the CLI. */
export interface CliOptions {
  /**
   * Scenarios and components `emulate` uses.
   * @default - `defaultRegistry()`
   */
  readonly registry?: EmulationRegistry;
}

/** Builds the CLI program; every command is registered here and reports its exit code in `status`. */
export function buildProgram(io: CliIo, status: ExitStatus = { code: EXIT.ok }, options: CliOptions = {}): Command {
  const program = new Command("cdktf-resilience")
    .description("Inspect, policy-check and emulate the resilience of a synthesized CDKTF plan (cdk.tf.json).")
    .version(packageVersion())
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError("(run with --help for usage)");
  registerInspect(program, io);
  registerCheck(program, io, status);
  registerEmulate(program, io, status, options.registry);
  registerReplay(program, io, status, options.registry);
  registerDrill(program, io, status, options.registry);
  registerCampaign(program, io, status);
  registerAssess(program, io, status);
  // Every command's --help ends with the exit codes: a script can branch on them without knowing which command ran.
  for (const command of [program, ...program.commands]) command.addHelpText("after", `\n${EXIT_CODES_HELP}`);
  return program;
}

export { EXIT } from "./exit-codes";
/** For the bin: a reader that closes the pipe early ends the output, not the run (see io.ts). */
export { tolerateClosedStreams } from "./io";

/**
 * Runs the CLI; resolves to the exit code instead of exiting, so tests can call it in-process. An
 * unexpected error rejects: the bin turns it into exit 70 (internal error).
 * Everything it prints, errors included, passes through `terminalSafe`: text from a plan, a scenario
 * file or a flag cannot drive the terminal.
 */
export async function run(argv: readonly string[], raw: CliIo = processIo, options: CliOptions = {}): Promise<number> {
  const io: CliIo = { out: (text) => raw.out(terminalSafe(text)), err: (text) => raw.err(terminalSafe(text)) };
  const status: ExitStatus = { code: EXIT.ok };
  const program = buildProgram(io, status, options);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return status.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return e.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    if (isPlanError(e) || isScenarioError(e) || isCliInputError(e)) {
      io.err(`${e.message}\n`);
      return EXIT.badInput;
    }
    throw e;
  }
}

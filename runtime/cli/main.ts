import { Command, CommanderError } from "commander";
import { isPlanError } from "../plan/plan-error";
import { registerCheck } from "./check";
import { EXIT, type ExitStatus } from "./exit-codes";
import { registerInspect } from "./inspect";
import { type CliIo, processIo } from "./io";

import { packageVersion } from "./package-version";

/** Builds the CLI program; every command is registered here and reports its exit code in `status`. */
export function buildProgram(io: CliIo, status: ExitStatus = { code: EXIT.ok }): Command {
  const program = new Command("cdktf-resilience")
    .description("Inspect, policy-check and emulate the resilience of a synthesized CDKTF plan (cdk.tf.json).")
    .version(packageVersion())
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError("(run with --help for usage)");
  registerInspect(program, io);
  registerCheck(program, io, status);
  return program;
}

/** Runs the CLI; resolves to the exit code instead of exiting, so tests can call it in-process. */
export async function run(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const status: ExitStatus = { code: EXIT.ok };
  const program = buildProgram(io, status);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return status.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return e.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    if (isPlanError(e)) {
      io.err(`${e.message}\n`);
      return EXIT.badInput;
    }
    throw e;
  }
}

import { Command, CommanderError } from "commander";
import { isPlanError } from "../plan/plan-error";
import { EXIT } from "./exit-codes";
import { registerInspect } from "./inspect";
import { type CliIo, processIo } from "./io";

import { packageVersion } from "./package-version";

/** Builds the CLI program; every command is registered here. */
export function buildProgram(io: CliIo): Command {
  const program = new Command("cdktf-resilience")
    .description("Inspect and emulate the resilience of a synthesized CDKTF plan (cdk.tf.json).")
    .version(packageVersion())
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError("(run with --help for usage)");
  registerInspect(program, io);
  return program;
}

/** Runs the CLI; resolves to the exit code instead of exiting, so tests can call it in-process. */
export async function run(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return EXIT.ok;
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

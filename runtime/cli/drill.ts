import type { Command } from "commander";
import { formatFailure } from "../checkers/sim-failure";
import { loadPlan } from "../plan/load-plan";
import type { EmulationResult } from "../scenarios/emulation-result";
import type { EmulationRegistry } from "../scenarios/registry";
import { CliInputError } from "./cli-error";
import { formatSummary } from "./emulate";
import { EXIT, type ExitStatus } from "./exit-codes";
import { inputLimits } from "./input-size";
import type { CliIo } from "./io";
import { addRunOptions, type RunFlags, runFromFlags } from "./run-flags";

interface DrillFlags extends RunFlags {
  readonly template?: string;
  readonly json?: boolean;
}

export function registerDrill(program: Command, io: CliIo, status: ExitStatus, registry?: EmulationRegistry): void {
  addRunOptions(
    program
      .command("drill")
      .description(
        "run the plan's FIS experiment templates (e.g. from FailoverDrill) locally, one emulation each; exit 1 when an invariant fails",
      )
      .argument("<plan>", "a cdk.tf.json file, or a directory holding one (cdktf.out/stacks/<stack>)")
      .option("--template <address>", "run only this template (its Terraform address, or its name)"),
    false,
  )
    .option("--json", "print { plan, drills: [{ template, ...emulate result }] } as one JSON document")
    .action((plan: string, flags: DrillFlags) => {
      const topology = loadPlan(plan, inputLimits(flags));
      const all = topology.fisTemplates.map((t) => t.address);
      if (!all.length)
        throw new CliInputError(
          "<plan>",
          plan,
          "has no aws_fis_experiment_template",
          "add a FailoverDrill to the stack and synthesize again, or run `emulate --scenario az-outage`",
        );
      const chosen = flags.template === undefined ? all : all.filter((a) => a === flags.template || a.split(".")[1] === flags.template);
      if (!chosen.length)
        throw new CliInputError("--template", flags.template ?? "", "is not an FIS template of this plan", `pass one of ${all.join(", ")}`);
      const drills: (EmulationResult & { template: string })[] = [];
      const summaries: string[] = [];
      for (const template of chosen) {
        const { emulation, commands } = runFromFlags(topology, template, flags, registry);
        drills.push({ template, ...emulation.result });
        summaries.push(`== ${template}\n${formatSummary(topology.source, emulation.result, emulation.notes, commands.emulate)}`);
        if (emulation.report.failure) {
          io.err(`${formatFailure(emulation.report.failure)}\n`);
          status.code = EXIT.violation;
        }
      }
      io.out(flags.json ? `${JSON.stringify({ plan: topology.source, drills }, null, 2)}\n` : summaries.join("\n"));
    });
}

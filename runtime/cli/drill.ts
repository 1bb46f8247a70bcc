import type { Command } from "commander";
import type { EmulationResult } from "../contract/emulation-result";
import { loadPlan } from "../plan/load-plan";
import { formatJson } from "../report/json";
import type { ScenarioProblem } from "../scenarios/experiment";
import type { EmulationRegistry } from "../scenarios/registry";
import { isScenarioError } from "../scenarios/scenario-error";
import { formatFailure } from "../sim/sim-failure";
import { CliInputError } from "./cli-error";
import { formatSummary, notJudgedFix } from "./emulate";
import { EXIT, type ExitStatus } from "./exit-codes";
import { inputLimits } from "./input-size";
import type { CliIo } from "./io";
import { addRunOptions, type RunFlags, runFromFlags } from "./run-flags";

interface DrillFlags extends RunFlags {
  readonly template?: string;
  readonly json?: boolean;
}

/** A template drill could not run: an action or resource type the emulator does not model, or a mistake in it. */
interface NotRun {
  readonly template: string;
  readonly verdict: "not-run";
  readonly reason: string;
  readonly problems: readonly ScenarioProblem[];
}

type DrillEntry = (EmulationResult & { readonly template: string }) | NotRun;

export function registerDrill(program: Command, io: CliIo, status: ExitStatus, registry?: EmulationRegistry): void {
  addRunOptions(
    program
      .command("drill")
      .description(
        "run the plan's FIS experiment templates (e.g. from FailoverDrill) locally, one emulation each; a template the emulator cannot run is reported and the others still run; exit 1 when an invariant fails, else 2 when a template was not run or judged nothing, else 0",
      )
      .argument("<plan>", "a cdk.tf.json file, or a directory holding one (cdktf.out/stacks/<stack>)")
      .option("--template <address>", "run only this template (its Terraform address, or its name)"),
  )
    .option("--json", "print { plan, drills: [{ template, verdict, ...emulate result }] } as one JSON document")
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
      const drills: DrillEntry[] = [];
      const summaries: string[] = [];
      let violated = false;
      let unjudged = false;
      for (const template of chosen) {
        let run: ReturnType<typeof runFromFlags>;
        try {
          run = runFromFlags(topology, template, flags, registry);
        } catch (e) {
          // One template the emulator cannot run does not stop the others: it is reported, never passed.
          if (!isScenarioError(e)) throw e;
          const unsupported = e.problems.length > 0 && e.problems.every((p) => p.unsupported);
          const reason = unsupported
            ? "it is valid for AWS FIS but uses what the emulator does not model"
            : "the template cannot run as written";
          const text = unsupported
            ? [
                `NOT RUN: ${template}: ${reason}:`,
                ...e.problems.map((p) => `- ${p.path}: ${p.message}`),
                `The emulator models ${e.problems[0]?.expected.replace(/^one of /, "") ?? "other actions"}; the plan's other templates ran.`,
              ].join("\n")
            : `NOT RUN: ${e.message}`;
          drills.push({ template, verdict: "not-run", reason, problems: e.problems });
          summaries.push(`== ${template}\n${text}\n`);
          io.err(`${text}\n`);
          unjudged = true;
          continue;
        }
        const { emulation, commands } = run;
        drills.push({ template, ...emulation.result });
        summaries.push(`== ${template}\n${formatSummary(topology.source, emulation.result, emulation.notes, commands.emulate)}`);
        if (emulation.report.failure) {
          io.err(`${formatFailure(emulation.report.failure)}\n`);
          violated = true;
        } else if (emulation.result.verdict === "not-judged") {
          io.err(`${template} was not judged: ${emulation.result.notJudged}\nFix: ${notJudgedFix(emulation.result)}\n`);
          unjudged = true;
        }
      }
      io.out(flags.json ? `${formatJson({ plan: topology.source, drills })}\n` : summaries.join("\n"));
      // A violation is the stronger news; a template that was not run or judged nothing is never a pass.
      status.code = violated ? EXIT.violation : unjudged ? EXIT.badInput : EXIT.ok;
    });
}

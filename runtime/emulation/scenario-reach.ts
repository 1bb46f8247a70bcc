/**
 * Whether a scenario can reach anything a plan holds, decided before any seed runs: the run is
 * built exactly as `emulate` builds it (same world, same components, same lead-in), and at the
 * moment its experiment would start the experiment's targets are resolved with the resolution the
 * run uses. What every action could then strike (every resource its target matches, whatever the
 * selection mode draws; the zones it names) is judged by the run's own verdict rule: if nothing a
 * component models is reached, every seed of the scenario on this plan would end "not judged", and
 * a campaign says so once instead of paying for those runs.
 *
 * It errs towards running: a look-ahead that cannot finish its lead-in (the run would crash) says
 * the scenario can be run, so the run reports the crash. BUGGIFY is off: its seeded second faults
 * only take resources away, so a scenario that reaches nothing without them reaches nothing with them.
 */

import { type ExperimentOutcome, experimentStart, recordStrike } from "../scenarios/experiment";
import { FIS_ACTIONS } from "../scenarios/fis-actions";
import { resolveTargetWithReason } from "../scenarios/targets";
import { judge } from "../scenarios/verdict";
import { type InternalEmulateOptions, prepareEmulation } from "./emulate";

/** Whether the scenario can reach what the plan holds; `why` says what it lacks when it cannot. */
export type ScenarioReach = { readonly reaches: true } | { readonly reaches: false; readonly why: string };

/**
 * Looks ahead in one run of `options` (its seed, profile and zone) to its experiment's start.
 * Throws what `emulate` throws on bad input (an unknown scenario, a bad zone, an unjudgeable plan).
 */
export function scenarioReach(options: InternalEmulateOptions): ScenarioReach {
  const { buggify: _, ...exact } = options;
  const { sim, cloud, scenario, template, ctx, modelled } = prepareEmulation({ ...exact, trace: { enabled: false, tailLinesMax: 0 } });
  let reach: ScenarioReach | undefined;
  // Scheduled where the run schedules its experiment, so it sees the cloud the experiment would.
  sim.at(ctx.startAtMs, `look ahead ${scenario.name}`, () => {
    const zoneOf = (z: string) => cloud.zones.resolve(z) ?? z;
    const random = sim.env.random.fork("scenario");
    // Every resource a target matches: COUNT and PERCENT draw some of them, any of which a seed may strike.
    const resolutions = new Map(
      template.targets.map((x) => [
        x.name,
        resolveTargetWithReason({ ...x, selectionMode: "ALL" }, cloud, options.topology, random, zoneOf),
      ]),
    );
    const start = experimentStart(template, resolutions);
    const outcome: ExperimentOutcome = {
      state: start.failure ? "failed" : "completed",
      ...(start.failure ? { failure: start.failure } : {}),
      skipped: [...start.skippedRows],
      struck: { resources: new Set(), zones: new Set() },
    };
    if (!start.failure)
      for (const a of template.actions) {
        const def = FIS_ACTIONS.get(a.actionId);
        if (!def || start.skipped.has(a.name)) continue;
        const targetName = def.target ? a.targets[def.target.key] : undefined;
        const targets = targetName === undefined ? [] : (resolutions.get(targetName)?.resources ?? []);
        const node = template.targets.find((x) => x.name === targetName);
        recordStrike(outcome.struck, def, targets, a.parameters, node?.parameters ?? {}, zoneOf);
      }
    const verdict = judge(options.topology, scenario.name, modelled, outcome, {});
    reach =
      verdict.verdict === "not-judged"
        ? { reaches: false, why: verdict.notJudged ?? "it reaches nothing the plan holds" }
        : { reaches: true };
  });
  sim.runUntil(() => reach !== undefined, { withinMs: ctx.startAtMs + 1 });
  return reach ?? { reaches: true };
}

/**
 * What a run judged. A run proves something only about what its scenario reached: `violated` when
 * an invariant failed; `not-judged` when the FIS experiment failed before any action ran (a target
 * resolved to nothing, as AWS FIS fails it), or when nothing it struck is a resource a component
 * models; else `held`. Components declare what they model with `ctx.model(...)`.
 */

import type { EmulationResult, ModelledRow } from "../contract/emulation-result";
import type { Topology } from "../plan/topology";
import type { RunReport } from "../sim/run-report";
import type { ExperimentOutcome } from "./experiment";
import type { ModelledResource } from "./registry";

/**
 * The verdict: `violated` when an invariant failed; `not-judged` when the experiment failed before
 * any action ran, or when nothing it struck is a resource the run models (a run that exercised
 * nothing proves nothing); else `held`.
 */
export function judge(
  topology: Topology,
  scenario: string,
  modelled: readonly ModelledResource[],
  outcome: ExperimentOutcome,
  report: Pick<RunReport, "failure">,
): Pick<EmulationResult, "modelled" | "experiment" | "verdict" | "notJudged"> {
  const { resources, zones } = outcome.struck;
  const reached = (m: ModelledResource) =>
    (m.scenarios?.includes(scenario) ?? false) ||
    m.ids.some((id) => resources.has(id)) ||
    m.zones.some((z) => zones.has(z)) ||
    (m.owns !== undefined && [...resources].some((id) => m.owns?.(id)));
  const rows = mergeModelled(modelled.map((m) => ({ resource: m.resource, component: m.component, what: m.what, struck: reached(m) })));
  const experiment = {
    state: outcome.state === "failed" ? ("failed" as const) : ("completed" as const),
    ...(outcome.failure ? { failure: outcome.failure } : {}),
    skipped: outcome.skipped,
    struck: { resources: [...resources].sort(), zones: [...zones].sort() },
  };
  const base = { modelled: rows, experiment };
  if (report.failure) return { ...base, verdict: "violated" };
  const notJudged = whyNotJudged(topology, scenario, rows, experiment);
  return notJudged === undefined ? { ...base, verdict: "held" } : { ...base, verdict: "not-judged", notJudged };
}

/** One row per resource and component (a component may model one resource in several ways). */
function mergeModelled(rows: readonly ModelledRow[]): ModelledRow[] {
  const out = new Map<string, ModelledRow>();
  for (const r of rows) {
    const key = `${r.resource}\u0000${r.component}`;
    const seen = out.get(key);
    out.set(key, seen ? { ...seen, struck: seen.struck || r.struck } : r);
  }
  return [...out.values()];
}

function whyNotJudged(
  topology: Topology,
  scenario: string,
  rows: readonly ModelledRow[],
  experiment: EmulationResult["experiment"],
): string | undefined {
  const f = experiment.failure;
  if (f)
    return `the experiment failed: its target ${f.target} (needed by ${f.actions.join(", ")}) resolved to no resource, so no action ran, as AWS FIS fails an experiment whose target resolves to nothing: ${f.why}`;
  if (rows.length === 0) return `nothing to emulate: ${planHolds(topology)}`;
  if (rows.some((r) => r.struck)) return undefined;
  const struck = [...experiment.struck.resources, ...experiment.struck.zones.map((z) => `zone ${z}`)];
  const skipped = experiment.skipped.map((x) => `${x.action} was skipped (its target ${x.target}: ${x.why})`);
  const models = [...new Set(rows.map((r) => r.resource))].join(", ");
  return `nothing to emulate: ${scenario} ${struck.length ? `struck ${struck.join(", ")}` : "struck nothing"}${skipped.length ? `; ${skipped.join("; ")}` : ""}; none of it reaches what this run models (${models})`;
}

/** What a plan holds when the emulator models none of it. */
function planHolds(t: Topology): string {
  const types = new Map<string, number>();
  for (const o of t.opaque) if (!o.address.startsWith("data.")) types.set(o.type, (types.get(o.type) ?? 0) + 1);
  const held = [...types].map(([type, n]) => `${n} ${type}`).join(", ");
  return `the plan holds no database, contingency service or processing node the emulator models${held ? ` (it holds ${held})` : " (it holds no resource at all)"}; the emulator models aws_rds_cluster (Aurora, Multi-AZ DB cluster), aws_db_instance, aws_redshift_cluster, aws_elasticache_replication_group, contingency capacity and processing nodes`;
}

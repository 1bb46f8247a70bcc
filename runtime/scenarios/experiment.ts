/**
 * An FIS experiment run on the mock cloud, as FIS runs one: targets are resolved when the
 * experiment starts; actions without `startAfter` start at once, the others when every action
 * they name has completed; an action completes after its duration. A target that resolves to
 * nothing fails the experiment (`fail`, FIS's default) or skips its actions (`skip`).
 * Stop conditions (CloudWatch alarms) are not evaluated.
 */
import type { MockCloud } from "../cloud/mock-cloud";
import type { Topology } from "../plan/topology";
import type { FisActionNode, FisTargetNode } from "../plan/topology-infrastructure";
import type { Random } from "../sim/ports";
import type { Simulation } from "../sim/simulation";
import { type ActionDefinition, FIS_ACTIONS, parameterProblems } from "./fis-actions";
import { parseIsoDuration } from "./iso-duration";
import { resolveTarget, TARGET_TYPES, type TargetResource } from "./targets";

/** An experiment template: the plan's `aws_fis_experiment_template`, a scenario file, or a named scenario. */
export interface ExperimentTemplate {
  readonly description: string;
  readonly actions: readonly FisActionNode[];
  readonly targets: readonly FisTargetNode[];
  readonly emptyTargetResolution: "fail" | "skip";
}

/** A problem that keeps a template from running: where, what, and what would be right. */
export interface ScenarioProblem {
  readonly path: string;
  readonly message: string;
  readonly expected: string;
}

/** Every problem of `t` (`where` prefixes the paths); empty when it can run. */
export function experimentProblems(t: ExperimentTemplate, knownZone: (z: string) => boolean, where = "$"): ScenarioProblem[] {
  const out: ScenarioProblem[] = [];
  const targets = new Map(t.targets.map((x) => [x.name, x]));
  const ids = [...FIS_ACTIONS.keys()].join(", ");
  t.targets.forEach((x, i) => {
    if (!(TARGET_TYPES as readonly string[]).includes(x.resourceType))
      out.push({
        path: `${where}.targets.${x.name}.resourceType`,
        message: `found "${x.resourceType}"`,
        expected: `one of ${TARGET_TYPES.join(", ")}`,
      });
    if (!/^(ALL|COUNT\(\d+\)|PERCENT\(\d+\))$/.test(x.selectionMode))
      out.push({
        path: `${where}.targets.${x.name || i}.selectionMode`,
        message: `found "${x.selectionMode}"`,
        expected: "ALL, COUNT(n) or PERCENT(n)",
      });
  });
  for (const a of t.actions) {
    const at = `${where}.actions.${a.name}`;
    const def = FIS_ACTIONS.get(a.actionId);
    if (!def) {
      out.push({ path: `${at}.actionId`, message: `"${a.actionId}" is not in the emulator's vocabulary`, expected: `one of ${ids}` });
      continue;
    }
    for (const [p, message, expected] of parameterProblems(def, a.parameters, knownZone))
      out.push({ path: `${at}.parameters.${p}`, message, expected });
    if (def.target) {
      const name = a.targets[def.target.key];
      const target = name === undefined ? undefined : targets.get(name);
      if (!target)
        out.push({
          path: `${at}.targets.${def.target.key}`,
          message: name === undefined ? "it is missing" : `names target "${name}", which the template does not define`,
          expected: `the name of a target of resource type ${def.target.resourceType}`,
        });
      else if (target.resourceType !== def.target.resourceType)
        out.push({
          path: `${at}.targets.${def.target.key}`,
          message: `target "${name}" is of type ${target.resourceType}`,
          expected: `a target of type ${def.target.resourceType}`,
        });
    }
    for (const after of a.startAfter)
      if (!t.actions.some((b) => b.name === after))
        out.push({
          path: `${at}.startAfter`,
          message: `names "${after}", which the template does not define`,
          expected: "names of other actions of the template",
        });
  }
  if (out.length === 0 && order(t.actions) === undefined)
    out.push({ path: `${where}.actions`, message: "startAfter forms a cycle", expected: "an order in which every action can start" });
  return out;
}

/** Actions in an order where each comes after those it starts after; undefined on a cycle. */
function order(actions: readonly FisActionNode[]): FisActionNode[] | undefined {
  const done = new Set<string>();
  const out: FisActionNode[] = [];
  let progress = true;
  while (out.length < actions.length && progress) {
    progress = false;
    for (const a of actions)
      if (!done.has(a.name) && a.startAfter.every((n) => done.has(n))) {
        done.add(a.name);
        out.push(a);
        progress = true;
      }
  }
  return out.length === actions.length ? out : undefined;
}

/** When each action starts and how long it runs (ms from the experiment's start), and the total. */
export function experimentSchedule(
  t: ExperimentTemplate,
  ms: (iso: string) => number,
  skipped: ReadonlySet<string> = new Set(),
): { readonly actions: ReadonlyMap<string, { readonly startMs: number; readonly durationMs: number }>; readonly totalMs: number } {
  const actions = new Map<string, { startMs: number; durationMs: number }>();
  for (const a of order(t.actions) ?? []) {
    const def = FIS_ACTIONS.get(a.actionId) as ActionDefinition;
    const startMs = Math.max(
      0,
      ...a.startAfter.map((n) => {
        const b = actions.get(n);
        return b ? b.startMs + b.durationMs : 0;
      }),
    );
    actions.set(a.name, { startMs, durationMs: skipped.has(a.name) ? 0 : def.durationMs(a.parameters, ms) });
  }
  const totalMs = Math.max(0, ...[...actions.values()].map((a) => a.startMs + a.durationMs));
  return { actions, totalMs };
}

/** A duration as written, in virtual ms under a profile that divides scenario time by `divisor`. */
export function scaledMs(divisor: number): (iso: string) => number {
  return (iso) => {
    const v = parseIsoDuration(iso);
    if (typeof v !== "number") throw new RangeError(v.error);
    return v === 0 ? 0 : Math.max(1, Math.floor(v / divisor));
  };
}

export interface ExperimentWorld {
  readonly sim: Simulation;
  readonly cloud: MockCloud;
  readonly topology: Topology;
  /** Stream for COUNT/PERCENT selections. */
  readonly random: Random;
}

/** Schedules experiment `name` to start at `startAtMs`; the template must be free of problems. */
export function runExperiment(name: string, t: ExperimentTemplate, world: ExperimentWorld, startAtMs: number): void {
  const { sim, cloud, topology } = world;
  const ms = scaledMs(cloud.profile.scenarioTimeDivisor);
  const subject = name.replace(/\s+/g, "-");
  const note = (detail: string) => cloud.ctx.note("fis", subject, detail);
  const zoneOf = (z: string) => cloud.zones.resolve(z) ?? z;
  sim.at(startAtMs, `experiment ${subject}`, () => {
    const resolved = new Map<string, TargetResource[]>(
      t.targets.map((x) => [x.name, resolveTarget(x, cloud, topology, world.random, zoneOf)]),
    );
    const skipped = new Set<string>();
    for (const a of t.actions) {
      const key = FIS_ACTIONS.get(a.actionId)?.target?.key;
      const target = key === undefined ? undefined : a.targets[key];
      if (target !== undefined && (resolved.get(target)?.length ?? 0) === 0) skipped.add(a.name);
    }
    if (skipped.size > 0 && t.emptyTargetResolution === "fail") {
      note(`failed reason=no-targets actions=${[...skipped].join(",")}`);
      return;
    }
    const plan = experimentSchedule(t, ms, skipped);
    note(`start actions=${t.actions.length} planned=${plan.totalMs}ms${skipped.size ? ` skipped=${[...skipped].join(",")}` : ""}`);
    for (const a of t.actions) {
      const at = plan.actions.get(a.name) as { startMs: number; durationMs: number };
      const def = FIS_ACTIONS.get(a.actionId) as ActionDefinition;
      const targetName = def.target ? a.targets[def.target.key] : undefined;
      const targets = targetName === undefined ? [] : (resolved.get(targetName) ?? []);
      const targetNode = t.targets.find((x) => x.name === targetName);
      const actionSubject = a.name.replace(/\s+/g, "-");
      sim.after(at.startMs, `action ${actionSubject}`, () => {
        if (skipped.has(a.name)) {
          cloud.ctx.note("fis", actionSubject, `skipped action=${a.actionId} reason=no-targets`);
          return;
        }
        cloud.ctx.note(
          "fis",
          actionSubject,
          `start action=${a.actionId} targets=${targets.map((x) => x.id).join(",") || "-"} for=${at.durationMs}ms`,
        );
        def.run({
          cloud,
          env: sim.env,
          targets,
          parameters: a.parameters,
          targetParameters: targetNode?.parameters ?? {},
          ms,
          zoneOf,
          note: (detail) => cloud.ctx.note("fis", actionSubject, detail),
        });
      });
    }
    sim.after(plan.totalMs, `experiment ${subject} completes`, () => note("completed"));
  });
}

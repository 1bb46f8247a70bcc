/**
 * An FIS experiment run on the mock cloud, as FIS runs one: targets are resolved when the
 * experiment starts; actions without `startAfter` start at once, the others when every action
 * they name has completed; an action completes after its duration. A target that resolves to
 * nothing fails the experiment (`fail`, FIS's default) or skips its actions (`skip`).
 * Stop conditions (CloudWatch alarms) are not evaluated.
 */
import type { MockCloud } from "../cloud/mock-cloud";
import { SELECTION_MODE_EXPECTED, selectionModeProblem } from "../plan/aws-limits";
import type { Topology } from "../plan/topology";
import type { FisActionNode, FisTargetNode } from "../plan/topology-infrastructure";
import type { Random } from "../sim/ports";
import type { Simulation } from "../sim/simulation";
import { type ActionDefinition, FIS_ACTIONS, MODELLED_ACTION_IDS, parameterProblems } from "./fis-actions";
import { AWS_FIS_ACTION_IDS, AWS_FIS_RESOURCE_TYPES } from "./fis-reference";
import { parseIsoDuration } from "./iso-duration";
import { resolveTargetWithReason, TARGET_TYPES, type TargetResolution, type TargetResource } from "./targets";

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
  /**
   * The template is valid for AWS FIS but uses an action or resource type the emulator does not
   * model (as opposed to a mistake in the template).
   */
  readonly unsupported?: true;
}

/** Every problem of `t` (`where` prefixes the paths); empty when it can run. */
export function experimentProblems(t: ExperimentTemplate, knownZone: (z: string) => boolean, where = "$"): ScenarioProblem[] {
  const out: ScenarioProblem[] = [];
  const targets = new Map(t.targets.map((x) => [x.name, x]));
  const ids = MODELLED_ACTION_IDS.join(", ");
  t.targets.forEach((x, i) => {
    if (!(TARGET_TYPES as readonly string[]).includes(x.resourceType))
      out.push(
        AWS_FIS_RESOURCE_TYPES.has(x.resourceType)
          ? {
              path: `${where}.targets.${x.name}.resourceType`,
              message: `"${x.resourceType}" is an AWS FIS resource type the emulator does not model`,
              expected: `one of ${TARGET_TYPES.join(", ")}`,
              unsupported: true,
            }
          : {
              path: `${where}.targets.${x.name}.resourceType`,
              message: `"${x.resourceType}" is not an AWS FIS resource type`,
              expected: `one of ${TARGET_TYPES.join(", ")}`,
            },
      );
    const why = selectionModeProblem(x.selectionMode);
    if (why) out.push({ path: `${where}.targets.${x.name || i}.selectionMode`, message: why, expected: SELECTION_MODE_EXPECTED });
  });
  for (const a of t.actions) {
    const at = `${where}.actions.${a.name}`;
    const def = FIS_ACTIONS.get(a.actionId);
    if (!def) {
      out.push(
        AWS_FIS_ACTION_IDS.has(a.actionId)
          ? {
              path: `${at}.actionId`,
              message: `"${a.actionId}" is an AWS FIS action the emulator does not model`,
              expected: `one of ${ids}`,
              unsupported: true,
            }
          : {
              path: `${at}.actionId`,
              message: `"${a.actionId}" is not an AWS FIS action (see the FIS actions reference)`,
              expected: `one of ${ids}`,
            },
      );
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

/** What an experiment did, filled in as it runs (read it once the run has finished). */
export interface ExperimentOutcome {
  /** `pending` until its start time; `failed` when a target resolved to nothing under `fail` (FIS's default). */
  state: "pending" | "running" | "completed" | "failed";
  /** Why it failed: the target that resolved to nothing, the actions that needed it, and why it was empty. */
  failure?: { readonly target: string; readonly actions: readonly string[]; readonly why: string };
  /** Actions skipped (under `skip`) because their target resolved to nothing, with why. */
  readonly skipped: { readonly action: string; readonly target: string; readonly why: string }[];
  /** What the actions that ran struck: cloud ids and plan addresses of their targets, and zones. */
  readonly struck: { readonly resources: Set<string>; readonly zones: Set<string> };
}

/**
 * Schedules experiment `name` to start at `startAtMs`; the template must be free of problems.
 * Returns its outcome, which the run fills in.
 */
export function runExperiment(name: string, t: ExperimentTemplate, world: ExperimentWorld, startAtMs: number): ExperimentOutcome {
  const { sim, cloud, topology } = world;
  const ms = scaledMs(cloud.profile.scenarioTimeDivisor);
  const subject = name.replace(/\s+/g, "-");
  const note = (detail: string) => cloud.ctx.note("fis", subject, detail);
  const zoneOf = (z: string) => cloud.zones.resolve(z) ?? z;
  const outcome: ExperimentOutcome = { state: "pending", skipped: [], struck: { resources: new Set(), zones: new Set() } };
  sim.at(startAtMs, `experiment ${subject}`, () => {
    const resolutions = new Map(t.targets.map((x) => [x.name, resolveTargetWithReason(x, cloud, topology, world.random, zoneOf)]));
    const resolved = new Map<string, TargetResource[]>([...resolutions].map(([k, v]) => [k, v.resources]));
    const start = experimentStart(t, resolutions);
    const skipped = start.skipped;
    if (start.failure) {
      outcome.state = "failed";
      outcome.failure = start.failure;
      note(`failed reason=no-targets actions=${[...skipped].join(",")}`);
      return;
    }
    outcome.skipped.push(...start.skippedRows);
    outcome.state = "running";
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
        recordStrike(outcome.struck, def, targets, a.parameters, targetNode?.parameters ?? {}, zoneOf);
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
    sim.after(plan.totalMs, `experiment ${subject} completes`, () => {
      outcome.state = "completed";
      note("completed");
    });
  });
  return outcome;
}

/** How an experiment starts once its targets are resolved: the actions skipped for an empty target, or why it fails. */
export interface ExperimentStart {
  /** Names of the actions whose target resolved to nothing. */
  readonly skipped: ReadonlySet<string>;
  /** The skipped actions with their target and why it was empty (when the experiment runs). */
  readonly skippedRows: readonly { readonly action: string; readonly target: string; readonly why: string }[];
  /** Set when a target resolved to nothing under `fail` (FIS's default): no action runs. */
  readonly failure?: { readonly target: string; readonly actions: readonly string[]; readonly why: string };
}

/**
 * FIS's rule at an experiment's start: an action whose target resolved to nothing is skipped under
 * `skip`, and fails the experiment under `fail`. Shared by the run and by the look-ahead that tells
 * whether a scenario can reach anything on a plan (see `scenario-reach.ts`).
 */
export function experimentStart(t: ExperimentTemplate, resolutions: ReadonlyMap<string, TargetResolution>): ExperimentStart {
  const skipped = new Set<string>();
  const emptyTargets = new Map<string, string[]>();
  for (const a of t.actions) {
    const key = FIS_ACTIONS.get(a.actionId)?.target?.key;
    const target = key === undefined ? undefined : a.targets[key];
    if (target !== undefined && (resolutions.get(target)?.resources.length ?? 0) === 0) {
      skipped.add(a.name);
      emptyTargets.set(target, [...(emptyTargets.get(target) ?? []), a.name]);
    }
  }
  const why = (target: string) => resolutions.get(target)?.why ?? "it resolved to no resource";
  if (skipped.size > 0 && t.emptyTargetResolution === "fail") {
    const [target, actions] = [...emptyTargets][0] as [string, string[]];
    return { skipped, skippedRows: [], failure: { target, actions, why: why(target) } };
  }
  const skippedRows = [...emptyTargets].flatMap(([target, actions]) => actions.map((action) => ({ action, target, why: why(target) })));
  return { skipped, skippedRows };
}

/**
 * What one action strikes: its targets (except the every-caller role `*`, which is no resource) and
 * the zones it names or whose resources it hits. An action's effect within those is its own
 * business; this is the footprint a run's verdict is judged against.
 */
export function recordStrike(
  struck: ExperimentOutcome["struck"],
  def: ActionDefinition,
  targets: readonly TargetResource[],
  parameters: Readonly<Record<string, string>>,
  targetParameters: Readonly<Record<string, string>>,
  zoneOf: (z: string) => string,
): void {
  // Scopes other than these are traced and not modelled (see fis-actions.ts): they strike nothing.
  if (def.id === "aws:network:disrupt-connectivity" && !["all", "availability-zone"].includes(parameters.scope ?? "all")) return;
  for (const t of targets) {
    if (t.type === "aws:iam:role") continue;
    struck.resources.add(t.id);
    if (t.address !== undefined) struck.resources.add(t.address);
    // Subnets and volumes stand for their zone: cutting a subnet off cuts off what runs there.
    if ((t.type === "aws:ec2:subnet" || t.type === "aws:ec2:ebs-volume") && t.zone !== undefined) struck.zones.add(t.zone);
  }
  for (const [name, spec] of Object.entries(def.parameters))
    if ((spec.kind === "zone" || spec.kind === "zones") && parameters[name] !== undefined)
      for (const z of (parameters[name] as string).split(",")) struck.zones.add(zoneOf(z.trim()));
  // ElastiCache's AZ power interruption names its zone on the target.
  const targetZone =
    def.target?.resourceType === "aws:elasticache:replicationgroup" ? targetParameters.availabilityZoneIdentifier : undefined;
  if (targetZone !== undefined) struck.zones.add(zoneOf(targetZone));
}

import { existsSync, readdirSync, type Stats, statSync } from "node:fs";
import { join } from "node:path";
import { awsLimitProblems } from "./aws-limits";
import { buildInfrastructure, INFRASTRUCTURE_TYPES } from "./build-infrastructure";
import { associatePolicies, buildResiliencePolicies } from "./build-policies";
import { buildTopology } from "./build-topology";
import { expandConfiguration, type UnknownAttribute } from "./expand";
import type { Expr } from "./hcl/ast";
import { EXPRESSION_DEPTH_MAX, NestingError, nestedDeeperThan, REFERENCE_DEPTH_MAX, shortPath } from "./hcl/nesting";
import { type InputLimits, isInputFileError, JSON_DEPTH_MAX, openError, parseJsonStrict, readInputFile } from "./input-file";
import { type PlanFormat, type PlanProblem, planHasModules, planInvalid, planUnreadable, SHOW_JSON_RECIPE } from "./plan-error";
import { PlanReader } from "./plan-reader";
import { danglingReferences } from "./references";
import { Resolver } from "./resolve";
import type { ResourceNode } from "./resources";
import { INFRASTRUCTURE_SCHEMAS } from "./schemas-infrastructure";
import { POLICY_SCHEMAS, POLICY_TYPES } from "./schemas-policies";
import { STORAGE_SCHEMAS } from "./schemas-storage";
import { isShowJson, readShowJson } from "./show-json";
import { RESOURCE_SCHEMAS, validateShownValues, validateTerraformJson } from "./terraform-json";
import type { Topology } from "./topology";

const PLAN_FILE = "cdk.tf.json";
const SCHEMAS = { ...RESOURCE_SCHEMAS, ...INFRASTRUCTURE_SCHEMAS, ...STORAGE_SCHEMAS, ...POLICY_SCHEMAS };

/** A loaded plan: its topology, and the resource instances it was built from (what `check` evaluates). */
export interface LoadedPlan {
  readonly topology: Topology;
  /** Every instance, evaluated (see `resources.ts`), in document order. */
  readonly resources: readonly ResourceNode[];
  readonly format: PlanFormat;
}

/** Parses plan text (Terraform JSON, or `terraform show -json`) into a topology; throws one PlanError listing every problem. */
export function parsePlan(text: string, source = "<memory>"): Topology {
  return parsePlanDocument(text, source).topology;
}

/**
 * {@link parsePlan}, keeping the instances. The text is parsed strictly (see `input-file.ts`): a key
 * written twice in one object is refused with its JSON path, as Terraform refuses it.
 */
export function parsePlanDocument(text: string, source = "<memory>"): LoadedPlan {
  const parsed = parseJsonStrict(text);
  if (!parsed.ok) {
    const [first] = parsed.problems;
    if (parsed.problems.length === 1 && first?.path === "$")
      throw planUnreadable(
        source,
        first.message,
        `pass the cdk.tf.json that \`cdktf synth\` wrote, or the output of \`${SHOW_JSON_RECIPE}\``,
      );
    throw planInvalid(source, parsed.problems);
  }
  // The strict parse has bounded the depth already (see input-file.ts).
  return loadWithinDepth(parsed.value, source);
}

/**
 * Validates an already-parsed Terraform JSON document and builds its topology. A `terraform show
 * -json` document (saved plan or state) is read too (see `show-json.ts`).
 */
export function planFromJson(input: unknown, source = "<memory>"): Topology {
  return loadPlanDocument(input, source).topology;
}

/** {@link planFromJson}, keeping the instances. */
export function loadPlanDocument(input: unknown, source = "<memory>"): LoadedPlan {
  const deep = nestedDeeperThan(input, JSON_DEPTH_MAX);
  if (deep !== undefined) throw planInvalid(source, [tooDeep(`$${deep}`)]);
  return loadWithinDepth(input, source);
}

/** {@link loadPlanDocument} of a document already known to nest at most JSON_DEPTH_MAX levels. */
function loadWithinDepth(input: unknown, source: string): LoadedPlan {
  try {
    return loadBounded(input, source);
  } catch (e) {
    if (e instanceof NestingError)
      throw planInvalid(source, [
        {
          path: e.where ?? "$",
          message: e.message,
          expected: `at most ${EXPRESSION_DEPTH_MAX} levels in one expression and ${REFERENCE_DEPTH_MAX} references one inside another`,
        },
      ]);
    throw e;
  }
}

function tooDeep(path: string): PlanProblem {
  return {
    path: shortPath(path),
    message: `the value nests deeper than ${JSON_DEPTH_MAX} levels of objects and lists here`,
    expected: `at most ${JSON_DEPTH_MAX} levels (a plan nests about 15; this is generated or hostile input)`,
  };
}

function loadBounded(input: unknown, source: string): LoadedPlan {
  const read = isShowJson(input) ? readShown(input, source) : readConfiguration(input, source);
  // Evaluation can build values deeper than the document (a local wrapping a local in a list…);
  // a `terraform show -json` document's values are its own, already bounded.
  // Only bodies with an evaluated list or object can be deeper than the document (see `Expansion.evaluatedNesting`).
  const deepProblems: PlanProblem[] = [];
  for (const n of read.format === "terraform-json" ? read.nodes.values() : []) {
    if (!read.evaluatedNesting.has(n.address)) continue;
    const at = nestedDeeperThan(n.body, JSON_DEPTH_MAX);
    if (at !== undefined) deepProblems.push(tooDeep(`${n.path}${at}`));
  }
  if (deepProblems.length) throw planInvalid(source, deepProblems, read.format);
  // Values AWS would refuse (identifiers, zones, ranges) stop here, before anything is built on them.
  const refused = awsLimitProblems(read.nodes.values());
  if (refused.length) throw planInvalid(source, refused, read.format);
  const resolver = new Resolver(read.nodes, read.templates);
  const more: PlanProblem[] = [];
  const infrastructure = buildInfrastructure(
    { nodes: read.nodes, resolver, outputs: read.outputs, providerRegions: read.providerRegions, format: read.format },
    more,
  );
  if (more.length) throw planInvalid(source, more, read.format);
  const base = buildTopology(
    source,
    read.nodes,
    resolver,
    read.unknowns,
    { regions: read.providerRegions, defaultTags: read.providerDefaultTags },
    more,
  );
  const policies = associatePolicies(
    buildResiliencePolicies(new PlanReader(resolver, read.nodes), more),
    base.databases,
    (address) => read.nodes.get(address)?.path ?? `$.resource.${address}`,
    more,
  );
  if (more.length) throw planInvalid(source, more, read.format);
  const modelled = (o: { address: string; type: string }) =>
    (INFRASTRUCTURE_TYPES.has(o.type) || POLICY_TYPES.has(o.type)) && !/(^|\.)data\./.test(o.address);
  return {
    topology: { ...base, format: read.format, opaque: base.opaque.filter((o) => !modelled(o)), ...infrastructure, ...policies },
    resources: [...read.nodes.values()],
    format: read.format,
  };
}

interface Read {
  readonly nodes: Map<string, ResourceNode>;
  readonly unknowns: readonly UnknownAttribute[];
  readonly providerRegions: ReadonlyMap<string, string>;
  /** Provider configuration → its `default_tags` block, evaluated (see `resource-tags.ts`). */
  readonly providerDefaultTags: ReadonlyMap<string, unknown>;
  /** Output name → its value (the contingency designations travel in outputs). */
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly format: PlanFormat;
  /** Strings of the document already parsed as templates (a configuration's). */
  readonly templates: ReadonlyMap<string, Expr>;
  /** Instances whose bodies may nest deeper than the document (a configuration's evaluated lists and objects). */
  readonly evaluatedNesting: ReadonlySet<string>;
}

function readConfiguration(input: unknown, source: string): Read {
  const { doc, problems } = validateTerraformJson(input, SCHEMAS);
  if (!doc) throw planInvalid(source, problems);
  const modules = Object.keys(doc.module ?? {});
  if (modules.length) throw planHasModules(source, modules);
  const templates = new Map<string, Expr>();
  const dangling = danglingReferences(doc, templates);
  if (dangling.length) throw planInvalid(source, dangling);
  const { nodes, unknowns, providerRegions, providerDefaultTags, evaluatedNesting } = expandConfiguration(doc, templates);
  const outputs = Object.fromEntries(Object.entries(doc.output ?? {}).map(([k, o]) => [k, o.value]));
  return { nodes, unknowns, providerRegions, providerDefaultTags, outputs, format: "terraform-json", evaluatedNesting, templates };
}

function readShown(input: Record<string, unknown>, source: string): Read {
  const shown = readShowJson(input);
  const problems = validateShownValues(shown.nodes.values(), SCHEMAS);
  if (problems.length) throw planInvalid(source, problems, "show-json");
  const values = (shown.kind === "plan" ? input.planned_values : input.values) as
    | { outputs?: Record<string, { value?: unknown }> }
    | undefined;
  const outputs = Object.fromEntries(Object.entries(values?.outputs ?? {}).map(([k, o]) => [k, o?.value]));
  return {
    nodes: shown.nodes,
    unknowns: shown.unknowns,
    providerRegions: shown.providerRegions,
    providerDefaultTags: shown.providerDefaultTags,
    outputs,
    format: "show-json",
    evaluatedNesting: new Set(),
    templates: new Map(),
  };
}

/**
 * Finds the plan file for a CLI argument: a `cdk.tf.json` file, a stack directory holding one,
 * or a `cdktf.out` directory with exactly one stack.
 */
export function resolvePlanPath(path: string): string {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    const why = openError(path, e as NodeJS.ErrnoException);
    throw planUnreadable(
      path,
      why.reason,
      (e as NodeJS.ErrnoException).code === "ENOENT"
        ? "pass the path of a cdk.tf.json or of the stack directory holding it (cdktf.out/stacks/<stack>), or a `terraform show -json` plan"
        : why.fix,
    );
  }
  if (!st.isDirectory()) return path;
  const direct = join(path, PLAN_FILE);
  if (existsSync(direct)) return direct;
  const stacksDir = join(path, "stacks");
  const stacks = existsSync(stacksDir)
    ? readdirSync(stacksDir)
        .filter((s) => existsSync(join(stacksDir, s, PLAN_FILE)))
        .sort()
    : [];
  if (stacks.length === 1) return join(stacksDir, stacks[0] as string, PLAN_FILE);
  if (stacks.length > 1)
    throw planUnreadable(
      path,
      `it holds ${stacks.length} stacks (${stacks.join(", ")})`,
      `pass one stack directory, e.g. ${join(stacksDir, stacks[0] as string)}`,
    );
  throw planUnreadable(
    path,
    `the directory holds no ${PLAN_FILE}`,
    `run \`cdktf synth\` first, or pass the cdk.tf.json file itself; for plain Terraform, pass the output of \`${SHOW_JSON_RECIPE}\``,
  );
}

/**
 * Reads and loads a plan from a file or directory (see {@link resolvePlanPath}). The file is read
 * through `readInputFile`: regular files only, under a size cap, UTF-8.
 */
export function loadPlan(path: string, limits: InputLimits = {}): Topology {
  return loadPlanFile(path, limits).topology;
}

/** {@link loadPlan}, keeping the instances (what `check` evaluates). */
export function loadPlanFile(path: string, limits: InputLimits = {}): LoadedPlan {
  const { file, text } = readPlanFile(path, limits);
  return parsePlanDocument(text, file);
}

/** The plan file a CLI argument names (see {@link resolvePlanPath}) and its text, read within `limits`. */
export function readPlanFile(path: string, limits: InputLimits = {}): { readonly file: string; readonly text: string } {
  const file = resolvePlanPath(path);
  try {
    return { file, text: readInputFile(file, limits) };
  } catch (e) {
    if (isInputFileError(e)) throw planUnreadable(file, e.reason, e.fix);
    throw e;
  }
}

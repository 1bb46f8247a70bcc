import { existsSync, readdirSync, type Stats, statSync } from "node:fs";
import { join } from "node:path";
import { buildInfrastructure, INFRASTRUCTURE_TYPES } from "./build-infrastructure";
import { buildTopology } from "./build-topology";
import { type InputLimits, isInputFileError, openError, parseJsonStrict, readInputFile } from "./input-file";
import { type PlanProblem, planInvalid, planUnreadable } from "./plan-error";
import { Resolver } from "./resolve";
import { indexResources } from "./resources";
import { INFRASTRUCTURE_SCHEMAS } from "./schemas-infrastructure";
import { STORAGE_SCHEMAS } from "./schemas-storage";
import { isShowJson, showJsonToConfig } from "./show-json";
import { RESOURCE_SCHEMAS, validateTerraformJson } from "./terraform-json";
import type { Topology } from "./topology";

const PLAN_FILE = "cdk.tf.json";

/** Parses plan text (Terraform JSON) into a topology; throws one PlanError listing every problem. */
export function parsePlan(text: string, source = "<memory>"): Topology {
  const parsed = parseJsonStrict(text);
  if (!parsed.ok) {
    const [first] = parsed.problems;
    if (parsed.problems.length === 1 && first?.path === "$")
      throw planUnreadable(source, first.message, "pass the cdk.tf.json that `cdktf synth` wrote");
    throw planInvalid(source, parsed.problems);
  }
  return planFromJson(parsed.value, source);
}

/**
 * Validates an already-parsed Terraform JSON document and builds its topology. A `terraform show
 * -json` document (saved plan or state) is read too (see `show-json.ts`).
 */
export function planFromJson(input: unknown, source = "<memory>"): Topology {
  const json = isShowJson(input) ? showJsonToConfig(input) : input;
  const { doc, problems } = validateTerraformJson(json, { ...RESOURCE_SCHEMAS, ...INFRASTRUCTURE_SCHEMAS, ...STORAGE_SCHEMAS });
  if (!doc) throw planInvalid(source, problems);
  const nodes = indexResources(doc);
  const resolver = new Resolver(nodes, doc);
  const dangling = resolver.danglingReferences();
  if (dangling.length) throw planInvalid(source, dangling);
  const more: PlanProblem[] = [];
  const infrastructure = buildInfrastructure(doc, resolver, nodes, more);
  if (more.length) throw planInvalid(source, more);
  const base = buildTopology(source, doc, nodes);
  const modelled = (o: { address: string; type: string }) => INFRASTRUCTURE_TYPES.has(o.type) && !o.address.startsWith("data.");
  return { ...base, opaque: base.opaque.filter((o) => !modelled(o)), ...infrastructure };
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
        ? "pass the path of a cdk.tf.json or of the stack directory holding it (cdktf.out/stacks/<stack>)"
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
  throw planUnreadable(path, `the directory holds no ${PLAN_FILE}`, "run `cdktf synth` first, or pass the cdk.tf.json file itself");
}

/**
 * Reads and loads a plan from a file or directory (see {@link resolvePlanPath}). The file is read
 * through `readInputFile`: regular files only, under a size cap, UTF-8.
 */
export function loadPlan(path: string, limits: InputLimits = {}): Topology {
  const { file, text } = readPlanFile(path, limits);
  return parsePlan(text, file);
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

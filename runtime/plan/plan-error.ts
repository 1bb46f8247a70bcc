/**
 * Errors of the plan loader. A malformed plan yields ONE error that lists every problem with its
 * JSON path and what was expected, so a user fixes them in one pass.
 */

const BRAND = Symbol.for("cdktf-resilience.PlanError");

export interface PlanProblem {
  /** JSONPath-like location, e.g. `$.resource.aws_rds_cluster_instance.writer.promotion_tier`. */
  readonly path: string;
  /** What is wrong, with the value found. */
  readonly message: string;
  /** The shape that was expected there. */
  readonly expected: string;
}

export class PlanError extends Error {
  readonly code: "PlanUnreadable" | "PlanInvalid" | "PlanIncomplete";
  readonly source: string;
  readonly problems: readonly PlanProblem[];
  readonly fix: string;

  constructor(code: PlanError["code"], source: string, problems: readonly PlanProblem[], fix: string, headline?: string) {
    const n = problems.length;
    const head = headline ?? `${source} is not a valid Terraform JSON plan (${n} problem${n === 1 ? "" : "s"}):`;
    super([head, ...problems.map((p) => `- ${p.path}: ${p.message}; expected ${p.expected}`), `Fix: ${fix}`].join("\n"));
    this.name = "PlanError";
    this.code = code;
    this.source = source;
    this.problems = problems;
    this.fix = fix;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

export function isPlanError(x: unknown): x is PlanError {
  return typeof x === "object" && x !== null && BRAND in x;
}

export function planUnreadable(source: string, reason: string, fix: string): PlanError {
  return new PlanError("PlanUnreadable", source, [], fix, `Cannot read plan ${source}: ${reason}.`);
}

/** How to produce a plan file the loader reads: `terraform show -json` of a saved plan. */
export const SHOW_JSON_RECIPE = "terraform plan -out p && terraform show -json p > plan.json";

/** Which kind of document a problem was found in, so the fix names the tool that wrote it. */
export type PlanFormat = "terraform-json" | "show-json";

export function planInvalid(source: string, problems: readonly PlanProblem[], format: PlanFormat = "terraform-json"): PlanError {
  return new PlanError(
    "PlanInvalid",
    source,
    problems,
    format === "show-json"
      ? `write the document again with \`${SHOW_JSON_RECIPE}\`, or correct the listed values if it was edited by hand`
      : "regenerate the plan with `cdktf synth`, or correct the listed attributes if it was written by hand",
  );
}

/**
 * A Terraform JSON file with `module` blocks: the loader does not read modules' sources, so it
 * cannot know what they create. Terraform's own plan has them expanded.
 */
export function planHasModules(source: string, modules: readonly string[]): PlanError {
  return new PlanError(
    "PlanUnreadable",
    source,
    modules.map((m) => ({
      path: `$.module.${m}`,
      message: "a module call; the resources it creates are not in this file",
      expected: "resources only, or a `terraform show -json` plan where Terraform has expanded the module",
    })),
    `in the directory of this configuration, run \`${SHOW_JSON_RECIPE}\` and pass plan.json (it lists every resource of every module)`,
    `Cannot read plan ${source}: it calls ${modules.length} module${modules.length === 1 ? "" : "s"} (${modules.join(", ")}), whose resources Terraform JSON does not list.`,
  );
}

/** A run whose verdict depends on values the plan file does not fix. */
export function planIncomplete(source: string, problems: readonly PlanProblem[], format: PlanFormat): PlanError {
  return new PlanError(
    "PlanIncomplete",
    source,
    problems,
    format === "show-json"
      ? "these are known only after apply: set them in the configuration (a literal, or a reference Terraform can follow), or emulate the state after apply (`terraform show -json > state.json`)"
      : `pass the plan Terraform evaluated instead: \`${SHOW_JSON_RECIPE}\`, then pass plan.json; or give the variables defaults in the file`,
    `Cannot judge ${source}: the verdict depends on ${problems.length} value${problems.length === 1 ? "" : "s"} the plan does not fix:`,
  );
}

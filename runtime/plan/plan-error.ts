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
  readonly code: "PlanUnreadable" | "PlanInvalid";
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

export function planInvalid(source: string, problems: readonly PlanProblem[]): PlanError {
  return new PlanError(
    "PlanInvalid",
    source,
    problems,
    "regenerate the plan with `cdktf synth`, or correct the listed attributes if it was written by hand",
  );
}

/**
 * Bad scenario input: an unknown name, a scenario file or FIS template that cannot run. One error
 * lists every problem with where it is, what is wrong and what was expected, then the fix.
 */
import type { ScenarioProblem } from "./experiment";

const BRAND = Symbol.for("cdktf-resilience.ScenarioError");

export class ScenarioError extends Error {
  readonly problems: readonly ScenarioProblem[];
  readonly fix: string;

  constructor(headline: string, problems: readonly ScenarioProblem[], fix: string) {
    super([headline, ...problems.map((p) => `- ${p.path}: ${p.message}; expected ${p.expected}`), `Fix: ${fix}`].join("\n"));
    this.name = "ScenarioError";
    this.problems = problems;
    this.fix = fix;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

export function isScenarioError(x: unknown): x is ScenarioError {
  return typeof x === "object" && x !== null && BRAND in x;
}

/** `source` (a file, a template address) cannot run; `problems` say why. */
export function scenarioInvalid(source: string, problems: readonly ScenarioProblem[], fix: string): ScenarioError {
  const n = problems.length;
  return new ScenarioError(`${source} is not a runnable scenario (${n} problem${n === 1 ? "" : "s"}):`, problems, fix);
}

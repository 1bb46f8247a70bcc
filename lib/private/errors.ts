/**
 * The error catalogue. Every error the constructs raise is built by a named factory here, so
 * each one states the cause and the fix, and call sites read `throw propsInvalid(...)`.
 *
 * Shape of a message (one paragraph, or a header plus one `- ` line per problem):
 *   <Kind> '<path>': <what is wrong, with the bad value>. Fix: <what to do>.
 */

const BRAND = Symbol.for("cdktf-resilience.ResilienceError");

/** One problem found while validating a construct: which field, what value, how to fix it. */
export interface Problem {
  /** Stable id of the rule that found it, e.g. `resilience:standby-smaller-than-writer`. */
  readonly id: string;
  /** The prop (dotted path) that holds the bad value, e.g. `standbys[0].instanceClass`. */
  readonly field: string;
  /** What is wrong, naming the bad value. */
  readonly message: string;
  /** What the user should do instead. */
  readonly fix: string;
}

export class ResilienceError extends Error {
  /** Machine-readable error code, stable across releases. */
  readonly code: string;
  /** What to do about it. */
  readonly fix: string;
  /** Individual problems when this error aggregates several. */
  readonly problems: readonly Problem[];

  constructor(code: string, message: string, fix: string, problems: readonly Problem[] = []) {
    super(message);
    this.name = "ResilienceError";
    this.code = code;
    this.fix = fix;
    this.problems = problems;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** True for errors from this library, also when two copies of it are loaded. */
export function isResilienceError(x: unknown): x is ResilienceError {
  return typeof x === "object" && x !== null && BRAND in x;
}

export function formatProblem(path: string, p: Problem): string {
  return `- [${path}] ${p.field}: ${p.message}. Fix: ${p.fix}`;
}

/** Header + one line per problem; the shape every construct validation uses. */
export function formatProblems(kind: string, path: string, problems: readonly Problem[]): string {
  const n = problems.length;
  return [`${kind} '${path}' failed validation (${n} problem${n === 1 ? "" : "s"}):`, ...problems.map((p) => formatProblem(path, p))].join(
    "\n",
  );
}

/** Props that cannot be valid for any topology (wrong types, out-of-range numbers): thrown at once. */
export function propsInvalid(kind: string, path: string, problems: readonly Problem[]): ResilienceError {
  return new ResilienceError(
    "PropsInvalid",
    formatProblems(kind, path, problems),
    "correct every listed prop; all problems are reported together",
    problems,
  );
}

/** Cross-field rules that failed at synth; the same text is returned to cdktf's validation. */
export function topologyInvalid(kind: string, path: string, problems: readonly Problem[]): ResilienceError {
  return new ResilienceError(
    "TopologyInvalid",
    formatProblems(kind, path, problems),
    "correct every listed prop; all problems are reported together",
    problems,
  );
}

/** An acknowledgement names a warning or policy rule id this library never emits: most likely a typo. */
export function unknownAcknowledgement(
  path: string,
  id: string,
  known: readonly string[],
  kind: "warning id" | "policy rule id" = "warning id",
): ResilienceError {
  return new ResilienceError(
    "UnknownAcknowledgement",
    `Acknowledge '${path}': '${id}' is not a ${kind} of cdktf-resilience. Fix: use one of ${known.join(", ")}.`,
    `use one of ${known.join(", ")}`,
  );
}

/** An acknowledgement without a reason: reviewers need to know why a risk was accepted. */
export function acknowledgementWithoutReason(path: string, id: string): ResilienceError {
  return new ResilienceError(
    "AcknowledgementWithoutReason",
    `Acknowledge '${path}': '${id}' was acknowledged without a reason. Fix: pass a sentence saying why the risk is accepted, e.g. .add('${id}', 'reporting replica, losing it is fine').`,
    "pass a reason",
  );
}

/**
 * `App({ skipValidation: true })` turns cdktf's validations off, but not the construct rules: an
 * unsafe topology must not reach `cdk.tf.json` because someone silenced validation. Each failure
 * is one construct's `formatProblems` block, already prefixed with its path.
 */
export function checksNotSkippable(failures: readonly string[]): ResilienceError {
  return new ResilienceError(
    "TopologyInvalid",
    [
      "Synthesis refused: skipValidation turns off cdktf's own validations, not the checks of cdktf-resilience. These problems remain:",
      ...failures,
      "Fix: correct every listed prop; a problem the list marks as acceptable is accepted only by acknowledging its id on the construct itself (Acknowledge.of(construct).add(id, reason)), never by skipping validation.",
    ].join("\n"),
    "correct every listed prop, or acknowledge a waivable problem on the construct itself",
  );
}

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

const INSTALL = {
  cdktf: "npm install cdktf constructs @cdktf/provider-aws",
  cdktn: "npm install cdktn constructs @cdktn/provider-aws",
};

/** The constructs need a CDK toolchain and the project has none (or not the one it asked for). */
export function noToolchain(why: string): ResilienceError {
  return new ResilienceError(
    "NoToolchain",
    `cdktf-resilience constructs need cdktf or CDK Terrain (cdktn), and ${why}. Fix: install one toolchain: \`${INSTALL.cdktf}\`, or \`${INSTALL.cdktn}\`.`,
    "install cdktf or cdktn with its AWS provider",
  );
}

/** The toolchain is there but its AWS provider is not (or is the other toolchain's). */
export function toolchainProviderMissing(core: string, provider: string, why: string): ResilienceError {
  return new ResilienceError(
    "NoToolchain",
    `cdktf-resilience builds with ${core} (${why}), but ${provider} is not installed; the provider classes must come from the same toolchain as ${core}. Fix: \`npm install ${provider}\`.`,
    `install ${provider}`,
  );
}

export function toolchainEnvInvalid(variable: string, value: string): ResilienceError {
  return new ResilienceError(
    "NoToolchain",
    `${variable}=${value} is not a toolchain. Fix: set it to cdktf or cdktn, or unset it to use the one installed.`,
    "set it to cdktf or cdktn",
  );
}

/**
 * A construct was given a scope in a stack of another toolchain: its resources would be
 * synthesized by that toolchain's stack, which crashes on them (`_resetResolve… is not a function`).
 */
export function toolchainMixed(kind: string, path: string, stackPath: string, theirs: string, ours: string, why: string): ResilienceError {
  const same = theirs === ours;
  const fix = same
    ? `make the project resolve one copy of ${ours} (\`npm ls ${ours}\` shows the copies; \`npm dedupe\`)`
    : `install one toolchain: keep ${theirs} and \`npm uninstall ${ours}\` with its provider, or set CDKTF_RESILIENCE_TOOLCHAIN=${theirs}`;
  return new ResilienceError(
    "ToolchainMixed",
    `${kind} '${path}': the stack '${stackPath}' was made with ${same ? `another copy of ${theirs}` : theirs}, but cdktf-resilience builds with ${ours} (${why}); constructs of one cannot be synthesized by a stack of the other. Fix: ${fix}.`,
    fix,
  );
}

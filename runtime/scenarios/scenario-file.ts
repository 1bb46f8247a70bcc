/**
 * Scenario files: an FIS experiment template in the JSON form of the FIS API (what
 * `aws fis get-experiment-template` prints, and `create-experiment-template --cli-input-json`
 * takes), so one file drives both the emulator and a real experiment:
 *
 *     { "description": "Writer reboot, then spot interruptions",
 *       "targets": { "writers": { "resourceType": "aws:rds:db", "resourceArns": ["aws_rds_cluster_instance.Writer"],
 *                                 "selectionMode": "ALL" } },
 *       "actions": { "reboot": { "actionId": "aws:rds:reboot-db-instances", "targets": { "DBInstances": "writers" } } } }
 *
 * `resourceArns` may name ARNs, cloud ids, or the plan's Terraform addresses. An optional `name`
 * names the scenario in results. Every problem (shape, unknown action, bad parameter) is reported
 * at once, with the JSON path and the expected form.
 */
import { basename } from "node:path";
import { z } from "zod";
import { type InputLimits, isInputFileError, parseJsonStrict, readInputFile } from "../plan/input-file";
import type { ExperimentTemplate, ScenarioProblem } from "./experiment";
import { experimentProblems } from "./experiment";
import { scenarioInvalid } from "./scenario-error";

const stringMap = z.record(z.string(), z.string({ error: "expected a string" }));

const targetSchema = z.strictObject({
  resourceType: z.string({ error: "expected a resource type such as aws:rds:cluster" }),
  resourceArns: z.array(z.string()).optional(),
  resourceTags: stringMap.optional(),
  filters: z.array(z.strictObject({ path: z.string(), values: z.array(z.string()) })).optional(),
  selectionMode: z.string({ error: "expected ALL, COUNT(n) or PERCENT(n)" }),
  parameters: stringMap.optional(),
});

const actionSchema = z.strictObject({
  actionId: z.string({ error: "expected an FIS action id such as aws:rds:failover-db-cluster" }),
  description: z.string().optional(),
  parameters: stringMap.optional(),
  targets: stringMap.optional(),
  startAfter: z.array(z.string()).optional(),
});

/** The file's shape (the FIS API's experiment template, plus an optional `name`). */
export const scenarioFileSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "expected one word of letters, digits, '.', '_' or '-'")
    .optional(),
  description: z.string().optional(),
  targets: z.record(z.string(), targetSchema, { error: "expected an object of targets by name" }).optional(),
  // At least one action: checked on the document (see noActions), since zod's copy drops `__proto__`.
  actions: z.record(z.string(), actionSchema, { error: "expected an object of actions by name" }),
  stopConditions: z.array(z.strictObject({ source: z.string(), value: z.string().optional() })).optional(),
  roleArn: z.string().optional(),
  tags: stringMap.optional(),
  experimentOptions: z
    .strictObject({
      emptyTargetResolutionMode: z.enum(["fail", "skip"]).optional(),
      accountTargeting: z.string().optional(),
    })
    .optional(),
});

type ScenarioFile = z.infer<typeof scenarioFileSchema>;

export interface LoadedScenario {
  /** `name` from the file, else the file's name without `.json`. */
  readonly name: string;
  readonly template: ExperimentTemplate;
}

const FIX =
  "correct the listed fields; the file is an FIS experiment template in the FIS API's JSON form (see runtime/scenarios/scenario-file.ts)";

/**
 * Reads and validates a scenario file (regular files only, within `limits`, UTF-8, no duplicate
 * keys); throws one ScenarioError listing every problem.
 */
export function loadScenarioFile(path: string, knownZone: (z: string) => boolean, limits: InputLimits = {}): LoadedScenario {
  let text: string;
  try {
    text = readInputFile(path, limits);
  } catch (e) {
    if (!isInputFileError(e)) throw e;
    const missing = e.reason === "no such file or directory";
    throw scenarioInvalid(
      path,
      [{ path: "$", message: missing ? "no such file" : e.reason, expected: "a scenario name or the path of a JSON scenario file" }],
      missing ? "pass an existing file, or one of the scenario names" : e.fix,
    );
  }
  const parsed = parseJsonStrict(text);
  if (!parsed.ok) throw scenarioInvalid(path, parsed.problems, FIX);
  return scenarioFromJson(parsed.value, path, knownZone);
}

/** Validates an already-parsed scenario document. */
export function scenarioFromJson(json: unknown, source: string, knownZone: (z: string) => boolean): LoadedScenario {
  const parsed = scenarioFileSchema.safeParse(json, { reportInput: true });
  const shape = [...(parsed.success ? [] : parsed.error.issues.map(toProblem)), ...noActions(json)];
  if (shape.length) throw scenarioInvalid(source, shape, FIX);
  // The document itself, not zod's copy: a record copies keys by assignment, which drops an action named `__proto__`.
  const f = json as ScenarioFile;
  const template: ExperimentTemplate = {
    description: f.description ?? "",
    targets: Object.entries(f.targets ?? {}).map(([name, t]) => ({
      name,
      resourceType: t.resourceType,
      selectionMode: t.selectionMode,
      resources: (t.resourceArns ?? []).map((external) => ({ external })),
      resourceTags: t.resourceTags ?? {},
      filters: t.filters ?? [],
      parameters: t.parameters ?? {},
    })),
    actions: Object.entries(f.actions).map(([name, a]) => ({
      name,
      actionId: a.actionId,
      ...(a.description !== undefined ? { description: a.description } : {}),
      startAfter: a.startAfter ?? [],
      parameters: a.parameters ?? {},
      targets: a.targets ?? {},
    })),
    emptyTargetResolution: f.experimentOptions?.emptyTargetResolutionMode ?? "fail",
  };
  const problems = experimentProblems(template, knownZone);
  if (problems.length) throw scenarioInvalid(source, problems, FIX);
  return {
    name:
      f.name ??
      basename(source)
        .replace(/\.json$/i, "")
        .replace(/[^A-Za-z0-9._-]/g, "-"),
    template,
  };
}

/** An `actions` object with no action (counted on the document: an action named `__proto__` counts). */
function noActions(json: unknown): ScenarioProblem[] {
  const actions = json !== null && typeof json === "object" ? (json as { actions?: unknown }).actions : undefined;
  const empty = actions !== null && typeof actions === "object" && !Array.isArray(actions) && Object.keys(actions).length === 0;
  return empty ? [{ path: "$.actions", message: "found {}", expected: "at least one action" }] : [];
}

function toProblem(issue: z.core.$ZodIssue): ScenarioProblem {
  const path = `$${issue.path.map((k) => (typeof k === "number" ? `[${k}]` : `.${String(k)}`)).join("")}`;
  const found = issue.input === undefined ? "it is missing" : `found ${JSON.stringify(issue.input)?.slice(0, 60)}`;
  switch (issue.code) {
    case "unrecognized_keys":
      return {
        path,
        message: `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `'${k}'`).join(", ")}`,
        expected: "only the fields of an FIS experiment template (check the spelling)",
      };
    case "invalid_value":
      return { path, message: found, expected: `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}` };
    default:
      return { path, message: found, expected: issue.message.replace(/^expected /i, "") };
  }
}

import { PLAN_COMMENT_KEY } from "../policy/pack";
import { planCommentsOf } from "../policy/stack-policy";
import { type IConstruct, type TerraformStack, Testing } from "../private/cdktf";

/** Options of {@link synth}. */
export interface SynthOptions {
  /**
   * Run construct validations, as `cdktf synth` does. cdktf's own `Testing.synth` skips them
   * unless asked, which hides exactly the errors users most need to see in tests (and the
   * SecureDefaults policy pack, which runs at validation).
   * @default true
   */
  readonly validations?: boolean;
}

/**
 * The stack's Terraform JSON as a string, validated like `cdktf synth` validates it. cdktf's
 * construct metadata (`"//"` blocks with paths and ids) is left out so snapshots stay stable, but
 * the acknowledgements SecureDefaults writes there are kept: they are part of the plan, and
 * `cdktf-resilience check` reads them.
 */
export function synth(stack: TerraformStack, options: SynthOptions = {}): string {
  const text = Testing.synth(stack, options.validations ?? true);
  const comments = planCommentsOf(stack);
  if (comments.size === 0) return text;
  const doc = JSON.parse(text) as TerraformJson;
  for (const [address, comment] of comments) {
    const dot = address.indexOf(".");
    const body = doc.resource?.[address.slice(0, dot)]?.[address.slice(dot + 1)];
    if (body) body["//"] = { [PLAN_COMMENT_KEY]: comment };
  }
  return JSON.stringify(sortKeys(doc), null, 2);
}

/** The stack's Terraform JSON, parsed. */
export function synthJson(stack: TerraformStack, options: SynthOptions = {}): TerraformJson {
  return JSON.parse(synth(stack, options)) as TerraformJson;
}

/** Keys in code-unit order at every level, as `Testing.synth` (json-stable-stringify) writes them. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, sortKeys(v)]),
  );
}

/** The parts of a synthesized Terraform JSON document tests usually look at. */
export interface TerraformJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, { value: unknown }>;
  readonly provider?: Record<string, unknown>;
  readonly terraform?: Record<string, unknown>;
}

/** The resources of one Terraform type, by logical id. */
export function resourcesOfType(json: TerraformJson, type: string): Record<string, Record<string, unknown>> {
  return json.resource?.[type] ?? {};
}

/**
 * Warning annotations on `scope` and everything below it (after `synth`, which runs the aspects
 * and validations that emit them), as `[path] message` strings.
 */
export function warningsOf(scope: IConstruct): string[] {
  return scope.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => `[${c.node.path}] ${String(m.data)}`));
}

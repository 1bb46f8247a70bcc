import { type IConstruct, type TerraformStack, Testing } from "../private/cdktf";

/** Options of {@link synth}. */
export interface SynthOptions {
  /**
   * Run construct validations, as `cdktf synth` does. cdktf's own `Testing.synth` skips them
   * unless asked, which hides exactly the errors users most need to see in tests.
   * @default true
   */
  readonly validations?: boolean;
}

/** The stack's Terraform JSON as a string, validated like `cdktf synth` validates it. */
export function synth(stack: TerraformStack, options: SynthOptions = {}): string {
  return Testing.synth(stack, options.validations ?? true);
}

/** The stack's Terraform JSON, parsed. */
export function synthJson(stack: TerraformStack, options: SynthOptions = {}): TerraformJson {
  return JSON.parse(synth(stack, options)) as TerraformJson;
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
 * that emit them), as `[path] message` strings.
 */
export function warningsOf(scope: IConstruct): string[] {
  return scope.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => `[${c.node.path}] ${String(m.data)}`));
}

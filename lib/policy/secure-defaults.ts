import { registerPolicyRuleIds } from "../private/acknowledge";
import { type IAspect, type IConstruct, TerraformResource, TerraformStack } from "../private/cdktf";
import type * as Pack from "./pack";
import type * as StackPolicy from "./stack-policy";

const BRAND = Symbol.for("cdktf-resilience.SecureDefaults");

/** The modules SecureDefaults runs on. */
export interface PolicyModules {
  readonly pack: typeof Pack;
  readonly stackPolicy: typeof StackPolicy;
}

/**
 * The pack and its runner, loaded on first use: some 30 small modules (~18 ms) that
 * `require('cdktf-resilience')` should not pay for when no stack uses the pack
 * (`bench/suites/cold-require.ts`).
 */
let loaded: PolicyModules | undefined;
function load(): PolicyModules {
  loaded ??= { pack: require("./pack") as typeof Pack, stackPolicy: require("./stack-policy") as typeof StackPolicy };
  return loaded;
}

/**
 * Hands over modules that are already loaded. The testing kit imports them anyway, and under
 * vitest, which runs this package's TypeScript sources, `require()` cannot load a local module.
 */
export function providePolicyModules(modules: PolicyModules): void {
  loaded ??= modules;
}

// Every rule can be acknowledged by id, errors included (with a reason, kept in the plan).
registerPolicyRuleIds(() => load().pack.POLICY_RULES.map((r) => r.id));

/**
 * The secure-defaults policy pack as a CDKTF Aspect. It checks every resource under the scope it
 * is added to, whoever wrote it (these constructs, raw provider classes, overrides), with the
 * same rules `cdktf-resilience check` runs on a synthesized plan. Errors fail synth, every one
 * listed with its resource path; warnings are annotations. Accept a finding on purpose with
 * `Acknowledge.of(scope).add('RES-…', reason)`.
 *
 * @example Aspects.of(app).add(new SecureDefaults());
 */
export class SecureDefaults implements IAspect {
  /** The rules of the pack (ids, severities, mapped checkov/cdk-nag/trivy ids). */
  static get rules(): readonly Pack.PolicyRule[] {
    return load().pack.POLICY_RULES;
  }

  static isSecureDefaults(x: unknown): x is SecureDefaults {
    return typeof x === "object" && x !== null && BRAND in x;
  }

  constructor() {
    Object.defineProperty(this, BRAND, { value: true });
  }

  visit(node: IConstruct): void {
    const { StackPolicyRun } = load().stackPolicy;
    if (TerraformStack.isStack(node)) StackPolicyRun.of(node).coverWholeStack();
    else if (TerraformResource.isTerraformResource(node)) StackPolicyRun.of(TerraformStack.of(node)).include(node);
  }
}

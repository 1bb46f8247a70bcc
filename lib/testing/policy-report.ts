import * as pack from "../policy/pack";
import { evaluatePolicy, PlanView, type PolicyReport } from "../policy/pack";
import { providePolicyModules } from "../policy/secure-defaults";
import * as stackPolicy from "../policy/stack-policy";
import { evaluateStack } from "../policy/stack-policy";
import { TerraformStack, Testing } from "../private/cdktf";
import { receivedPlan } from "./received-plan";

// The kit loads the pack anyway: SecureDefaults reuses these instances instead of require()-ing its own.
providePolicyModules({ pack, stackPolicy });

/**
 * The SecureDefaults report of a stack or a plan, whether or not the Aspect was added. For a stack,
 * every Aspect runs first (as in `cdktf synth`), and acknowledgements come from the construct
 * tree; for Terraform JSON, from each resource's `"//"` block, as `cdktf-resilience check` reads them.
 */
export function policyReport(received: unknown): PolicyReport {
  if (TerraformStack.isStack(received)) {
    // Without validations: the pack itself must report, not throw the Aspect's synth error.
    Testing.synth(received, false);
    return evaluateStack(received);
  }
  return evaluatePolicy(PlanView.fromTerraformJson(receivedPlan(received)));
}

import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type PolicyCheck } from "../outcome";
import type { PlanView } from "../plan-view";
import { blockAttr, blocksAttr, boolAttr, show, stringAttr, UNKNOWN } from "../values";

/**
 * RES-EC2-EBS-ENCRYPTION: every EBS volume a launch template defines is encrypted. A template that
 * defines none takes the AMI's volumes, which may be unencrypted; that passes only when the plan
 * turns on EBS encryption by default for the account (`aws_ebs_encryption_by_default`), which
 * also encrypts volumes that say `encrypted = false`.
 */
export const launchTemplateEbsEncrypted: PolicyCheck = (r, plan) => {
  if (encryptedByDefault(plan)) return COMPLIANT;
  const mappings = blocksAttr(r.attributes, "block_device_mappings");
  if (mappings === UNKNOWN) return NOT_APPLICABLE;
  // Instance-store and suppressed devices carry no EBS volume.
  const ebsMappings = mappings.filter((m) => stringAttr(m.virtual_name) === undefined && stringAttr(m.no_device) === undefined);
  if (ebsMappings.length === 0)
    return nonCompliant(
      "no block_device_mappings: the volumes come from the AMI and may be unencrypted, and the plan does not set aws_ebs_encryption_by_default",
    );
  for (const m of ebsMappings) {
    const ebs = blockAttr(m, "ebs");
    if (ebs === UNKNOWN) return NOT_APPLICABLE;
    const encrypted = boolAttr(ebs?.encrypted);
    if (encrypted === UNKNOWN) continue;
    if (encrypted !== true)
      return nonCompliant(`${String(stringAttr(m.device_name) ?? "a block device")}: ebs.encrypted is ${show(ebs?.encrypted)}`);
  }
  return COMPLIANT;
};

function encryptedByDefault(plan: PlanView): boolean {
  return plan.ofType("aws_ebs_encryption_by_default").some((e) => (boolAttr(e.attributes.enabled) ?? true) === true);
}

import type { PolicyCheck } from "./outcome";

/** `error` fails synth (and `check` exits 1); `warning` is an annotation and never fails. */
export type Severity = "error" | "warning";

/**
 * The checks of other tools that test the same thing, so a security team can map this pack onto
 * the checkov / cdk-nag / trivy reports it already reads. Every id was looked up in the tool's
 * source (checkov 03d5fdad, cdk-nag ca6d1b54, trivy-checks 80e53822); an empty list means the tool
 * has no equivalent check.
 */
export interface MappedChecks {
  /** checkov ids, e.g. `CKV_AWS_16`, `CKV2_AWS_8`. */
  readonly checkov: readonly string[];
  /** cdk-nag rule ids as cdk-nag reports them, e.g. `AwsSolutions-RDS2`, `NIST.800.53.R5-RDSInBackupPlan`. */
  readonly cdkNag: readonly string[];
  /** trivy (formerly tfsec) AVD ids, e.g. `AVD-AWS-0079`. */
  readonly trivy: readonly string[];
  /** How a mapped check differs from this rule, when it does. */
  readonly note?: string;
}

/** One rule of the pack: metadata here, logic in the rule's own file (`check`). */
export interface PolicyRule {
  /** Stable id, `RES-<SERVICE>-<NAME>`; acknowledgements name it. */
  readonly id: `RES-${string}`;
  readonly severity: Severity;
  /** The Terraform resource types the rule reads; `check` sees only these. */
  readonly resourceTypes: readonly string[];
  /** What is wrong when the rule fails, e.g. `storage is not encrypted at rest`. */
  readonly problem: string;
  /** Why it matters. */
  readonly explanation: string;
  /** What to change: the Terraform attribute, and the construct prop where there is one. */
  readonly fix: string;
  readonly mapped: MappedChecks;
  readonly check: PolicyCheck;
}

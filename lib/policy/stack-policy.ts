import { findAcknowledgement } from "../private/acknowledge";
import { Annotations, type IConstruct, TerraformResource, type TerraformStack } from "../private/cdktf";
import {
  type Acknowledgement,
  acknowledgementInPlan,
  evaluatePolicy,
  PLAN_COMMENT_KEY,
  type PlanComment,
  type PlanResource,
  PlanView,
  type PolicyFinding,
  type PolicyReport,
} from "./pack";

/** A policy report of a stack, with the construct behind each Terraform address. */
export interface StackPolicyReport extends PolicyReport {
  readonly constructs: ReadonlyMap<string, TerraformResource>;
}

/**
 * Runs the pack over a stack's synthesized Terraform JSON. Acknowledgements come from the
 * construct tree (`Acknowledge.of(scope).add(id, reason)` on the resource or any parent), and
 * from the resource's `"//"` block, where a plan written by other means may carry them.
 */
export function evaluateStack(stack: TerraformStack, json: unknown = stack.toTerraform()): StackPolicyReport {
  const constructs = resourcesByAddress(stack);
  const acknowledgement = (resource: PlanResource, ruleId: string): Acknowledgement | undefined => {
    const construct = constructs.get(resource.address);
    const found = construct && findAcknowledgement(construct, ruleId);
    return found ? { reason: found.reason, scope: found.scope } : acknowledgementInPlan(resource, ruleId);
  };
  return { ...evaluatePolicy(PlanView.fromTerraformJson(json), { acknowledgement }), constructs };
}

function resourcesByAddress(stack: TerraformStack): Map<string, TerraformResource> {
  const out = new Map<string, TerraformResource>();
  for (const c of stack.node.findAll())
    if (TerraformResource.isTerraformResource(c)) out.set(`${c.terraformResourceType}.${c.friendlyUniqueId}`, c);
  return out;
}

/** The acknowledgements written into each resource's `"//"` block, by address (read by the testing kit's synth). */
const planComments = new WeakMap<TerraformStack, Map<string, PlanComment>>();

export function planCommentsOf(stack: TerraformStack): ReadonlyMap<string, PlanComment> {
  return planComments.get(stack) ?? new Map();
}

/**
 * SecureDefaults on one stack. The pack runs when the stack is validated (`cdktf synth`, the
 * testing kit's `synth`), after every Aspect has run, so a fix applied by another Aspect counts
 * whatever the order the Aspects were added in. Then:
 * - an unacknowledged error becomes a validation error of its resource: synth fails, all at once;
 * - an unacknowledged warning becomes a warning annotation on its resource;
 * - an acknowledgement is written into the resource's `"//"` block, where `cdktf-resilience
 *   check` reads it back from `cdk.tf.json`.
 */
export class StackPolicyRun {
  private static readonly runs = new WeakMap<TerraformStack, StackPolicyRun>();

  static of(stack: TerraformStack): StackPolicyRun {
    let run = StackPolicyRun.runs.get(stack);
    if (!run) {
      run = new StackPolicyRun(stack);
      StackPolicyRun.runs.set(stack, run);
    }
    return run;
  }

  private readonly inScope = new Set<IConstruct>();
  private wholeStack = false;
  private errors = new Map<IConstruct, string[]>();
  private readonly annotated = new Set<string>();
  private evaluated = false;

  private constructor(private readonly stack: TerraformStack) {
    // The stack is validated before its children, so this runs the pack once per validation pass.
    stack.node.addValidation({
      validate: () => {
        this.evaluate();
        return this.errors.get(stack) ?? [];
      },
    });
  }

  /** Puts the whole stack in scope, including resources that have no construct (raw overrides). */
  coverWholeStack(): void {
    this.wholeStack = true;
  }

  /** Puts one resource in scope; its errors are reported by its own validation, under its path. */
  include(resource: TerraformResource): void {
    if (this.inScope.has(resource)) return;
    this.inScope.add(resource);
    resource.node.addValidation({
      validate: () => {
        if (!this.evaluated) this.evaluate();
        return this.errors.get(resource) ?? [];
      },
    });
  }

  private evaluate(): void {
    this.evaluated = true;
    this.errors = new Map();
    const report = evaluateStack(this.stack);
    for (const finding of report.findings) {
      const construct = report.constructs.get(finding.address);
      const reportOn = construct && this.inScope.has(construct) ? construct : !construct && this.wholeStack ? this.stack : undefined;
      if (!reportOn) continue;
      if (finding.acknowledged) {
        if (construct) this.recordAcknowledgement(construct, finding, finding.acknowledged);
      } else if (finding.severity === "error") {
        this.errors.set(reportOn, [...(this.errors.get(reportOn) ?? []), errorMessage(finding, construct)]);
      } else {
        this.warn(reportOn, finding, construct);
      }
    }
  }

  private recordAcknowledgement(resource: TerraformResource, finding: PolicyFinding, ack: Acknowledgement): void {
    resource.addOverride(`//.${PLAN_COMMENT_KEY}.acknowledged.${finding.ruleId}`, ack);
    const comments = planComments.get(this.stack) ?? new Map<string, PlanComment>();
    const acknowledged = { ...comments.get(finding.address)?.acknowledged, [finding.ruleId]: ack };
    comments.set(finding.address, { acknowledged });
    planComments.set(this.stack, comments);
  }

  private warn(on: IConstruct, finding: PolicyFinding, construct: TerraformResource | undefined): void {
    const message = `${describe(finding, construct)} (acknowledge with Acknowledge.of(scope).add('${finding.ruleId}', reason))`;
    // Validation may run more than once (e.g. two synths in a test): annotate once.
    const key = `${on.node.path}\n${message}`;
    if (this.annotated.has(key)) return;
    this.annotated.add(key);
    Annotations.of(on).addWarning(message);
  }
}

function describe(f: PolicyFinding, construct: TerraformResource | undefined): string {
  const where = construct ? "" : ` ${f.address}`;
  return `${f.ruleId}${where}: ${f.problem} (${f.found}). Fix: ${f.fix}`;
}

function errorMessage(f: PolicyFinding, construct: TerraformResource | undefined): string {
  return `${describe(f, construct)}. To accept the risk: Acknowledge.of(scope).add('${f.ruleId}', reason)`;
}

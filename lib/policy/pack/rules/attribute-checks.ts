import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type Outcome } from "../outcome";
import type { PlanResource } from "../plan-view";
import { boolAttr, numberAttr, show, stringAttr, UNKNOWN } from "../values";

/**
 * The single-attribute checks most rules are made of. `whenUnset` is the value the AWS provider
 * (v6) applies when the attribute is omitted, so an omitted attribute is judged as Terraform will
 * create it. Expressions are unknown until apply: not applicable, never a violation.
 */

/** Compliant when `attribute` is (or defaults to) `expected`. */
export function requireBool(r: PlanResource, attribute: string, expected: boolean, whenUnset: boolean): Outcome {
  const raw = r.attributes[attribute];
  const value = boolAttr(raw) ?? whenUnset;
  if (value === UNKNOWN) return NOT_APPLICABLE;
  if (value === expected) return COMPLIANT;
  return nonCompliant(raw === undefined ? `${attribute} is not set (default ${whenUnset})` : `${attribute} is ${show(raw)}`);
}

/** Compliant when the number `attribute` is at least `min`. */
export function requireAtLeast(r: PlanResource, attribute: string, min: number, whenUnset: number): Outcome {
  const raw = r.attributes[attribute];
  const value = numberAttr(raw) ?? whenUnset;
  if (value === UNKNOWN) return NOT_APPLICABLE;
  if (value >= min) return COMPLIANT;
  return nonCompliant(
    raw === undefined ? `${attribute} is not set (default ${whenUnset}; needs ≥ ${min})` : `${attribute} is ${show(raw)} (needs ≥ ${min})`,
  );
}

/** Compliant when the string `attribute` is set (an expression counts as set). */
export function requireSet(r: PlanResource, attribute: string): Outcome {
  return stringAttr(r.attributes[attribute]) === undefined ? nonCompliant(`${attribute} is not set`) : COMPLIANT;
}

/** Runs checks in order and returns the first that is not compliant. */
export function allOf(...outcomes: readonly (() => Outcome)[]): Outcome {
  for (const next of outcomes) {
    const o = next();
    if (o !== COMPLIANT) return o;
  }
  return COMPLIANT;
}

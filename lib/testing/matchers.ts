import type { MatcherResult as ExpectationResult, MatcherState } from "vitest";
import { formatFinding, type PolicyFinding } from "../policy/pack";
import { policyReport } from "./policy-report";
import { type ResourceType, receivedPlan, typeName } from "./received-plan";
import { toMeetResiliencePolicy } from "./resilience-policy-matcher";

/**
 * vitest matchers for synthesized plans. Compared with cdktf's `Testing` matchers: they accept a
 * stack as well as JSON, match properties partially at every depth with vitest's own equality (so
 * asymmetric matchers such as `expect.stringMatching` work anywhere), accept construct-style
 * camelCase keys, and on failure show the closest resource and how it differs instead of a dump.
 * Registered by `cdktf-resilience/testing/setup`; typed in `./matcher-types`.
 */

type Blocks = Record<string, Record<string, Record<string, unknown>>> | undefined;

export interface PolicyMatcherOptions {
  /** Fail on unacknowledged warnings too. @default false */
  readonly failOnWarnings?: boolean;
}

function toHaveResource(this: MatcherState, received: unknown, type: ResourceType): ExpectationResult {
  return hasBlock.call(this, "resource", receivedPlan(received).resource, type);
}

function toHaveDataSource(
  this: MatcherState,
  received: unknown,
  type: ResourceType,
  properties?: Record<string, unknown>,
): ExpectationResult {
  const data = receivedPlan(received).data;
  return properties === undefined
    ? hasBlock.call(this, "data source", data, type)
    : hasBlockWith.call(this, "data source", data, type, properties);
}

function toHaveResourceWithProperties(
  this: MatcherState,
  received: unknown,
  type: ResourceType,
  properties: Record<string, unknown>,
): ExpectationResult {
  return hasBlockWith.call(this, "resource", receivedPlan(received).resource, type, properties);
}

function toPassPolicy(this: MatcherState, received: unknown, options: PolicyMatcherOptions = {}): ExpectationResult {
  const report = policyReport(received);
  const failing: PolicyFinding[] = [...report.errors, ...(options.failOnWarnings ? report.warnings : [])];
  const acknowledged = report.acknowledged.length ? `\n(${report.acknowledged.length} acknowledged finding(s) not counted)` : "";
  return {
    pass: failing.length === 0,
    message: () =>
      failing.length === 0
        ? `expected the plan to fail the SecureDefaults policy pack, but it passes all ${report.rules} rules${acknowledged}`
        : `expected the plan to pass the SecureDefaults policy pack, but it has ${count(failing.length, "violation")}:\n${failing
            .map((f) => `  - [${f.severity}] ${formatFinding(f)}`)
            .join("\n")}${acknowledged}`,
  };
}

function hasBlock(this: MatcherState, kind: string, blocks: Blocks, type: ResourceType): ExpectationResult {
  const name = typeName(type);
  const found = Object.keys(blocks?.[name] ?? {});
  return {
    pass: found.length > 0,
    message: () =>
      found.length > 0
        ? `expected no ${kind} of type ${name}, found ${found.map((n) => `${name}.${n}`).join(", ")}`
        : `expected a ${kind} of type ${name}; the plan has ${inventory(blocks)}`,
  };
}

function hasBlockWith(
  this: MatcherState,
  kind: string,
  blocks: Blocks,
  type: ResourceType,
  properties: Record<string, unknown>,
): ExpectationResult {
  const name = typeName(type);
  const candidates = Object.entries(blocks?.[name] ?? {});
  const testers = [...this.customTesters, this.utils.subsetEquality];
  const scored = candidates.map(([id, body]) => {
    const expected = alignKeys(properties, body) as Record<string, unknown>;
    const mismatches = Object.keys(expected).filter((k) => !this.equals(body[k], expected[k], testers));
    return { id, body, expected, mismatches };
  });
  const match = scored.find((c) => c.mismatches.length === 0);
  const shown = this.utils.printExpected(properties);
  if (match) return { pass: true, message: () => `expected no ${kind} ${name} with properties ${shown}, but ${name}.${match.id} has them` };
  const closest = [...scored].sort((a, b) => a.mismatches.length - b.mismatches.length)[0];
  return {
    pass: false,
    message: () => {
      if (!closest) return `expected a ${kind} ${name} with properties ${shown}, but the plan has no ${name}; it has ${inventory(blocks)}`;
      const subset = Object.fromEntries(Object.keys(closest.expected).map((k) => [k, closest.body[k]]));
      return [
        `expected a ${kind} ${name} with properties ${shown}`,
        `found ${count(candidates.length, name)}; the closest, ${name}.${closest.id}, differs in ${closest.mismatches.join(", ")}:`,
        this.utils.diff(closest.expected, subset) ?? "",
      ].join("\n");
    },
  };
}

/**
 * Expected keys as the plan spells them: a key the plan lacks is tried in snake_case
 * (`storageEncrypted` → `storage_encrypted`), so props can be written as in construct code. Keys
 * the plan has are kept verbatim (tag keys such as `Name` must not change).
 */
function alignKeys(expected: unknown, actual: unknown): unknown {
  if (Array.isArray(expected)) return expected.map((e, i) => alignKeys(e, Array.isArray(actual) ? actual[i] : undefined));
  if (!isPlainObject(expected)) return expected;
  const target = isPlainObject(actual) ? actual : {};
  return Object.fromEntries(
    Object.entries(expected).map(([k, v]) => {
      const key = k in target ? k : snakeCase(k) in target ? snakeCase(k) : k;
      return [key, alignKeys(v, target[key])];
    }),
  );
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== "object" || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

function snakeCase(k: string): string {
  return k.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

function inventory(blocks: Blocks): string {
  const types = Object.entries(blocks ?? {}).map(([t, byName]) => `${t} (${Object.keys(byName).length})`);
  return types.length ? types.join(", ") : "none";
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** The matchers, for `expect.extend` (the setup file does it). */
export const resilienceMatchers = { toHaveResource, toHaveResourceWithProperties, toHaveDataSource, toPassPolicy, toMeetResiliencePolicy };

import { describe, expect, test } from "vitest";
import { EXAMPLES } from "../examples";
import { SecureDefaults } from "../lib";
import { Aspects, Testing } from "../lib/private/cdktf";
import { policyReport, synth } from "../lib/testing";

/**
 * Findings an example may keep, with the reason; the README's "Policy pack" section lists the
 * same. Anything else an example trips (an error, a new warning, an acknowledgement) fails here.
 */
const DOCUMENTED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "aurora-clone": { "RES-RDS-BACKUP-PLAN": "the analytics clone is disposable: it is re-cloned from Orders, never restored" },
};

describe.each(EXAMPLES.map((e) => [e.name, e] as const))("example %s", (name, example) => {
  test("passes the SecureDefaults policy pack", () => {
    expect(example.create(Testing.app())).toPassPolicy();
  });

  test("keeps only documented warnings and acknowledgements", () => {
    const report = policyReport(example.create(Testing.app()));
    const kept = [...report.warnings, ...report.acknowledged].map((f) => f.ruleId);
    expect([...new Set(kept)].sort()).toEqual(Object.keys(DOCUMENTED[name] ?? {}).sort());
  });

  test("synthesizes with the Aspect added, as a user would run it", () => {
    const stack = example.create(Testing.app());
    Aspects.of(stack).add(new SecureDefaults());
    expect(() => synth(stack)).not.toThrow();
  });
});

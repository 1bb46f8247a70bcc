import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { POLICY_RULES } from "../lib/policy/pack";
import { ROOT } from "./helpers/dist";

/** The policy pack's rule table is what security reviewers read: it must say what the pack does. */
describe("docs/constructs/secure-defaults.md: the rule table", () => {
  const rows = readFileSync(join(ROOT, "docs/constructs/secure-defaults.md"), "utf8")
    .split("\n")
    .filter((line) => /^\| `RES-/.test(line))
    .map((line) => line.split(" | ").map((cell) => cell.replace(/^\| |\s*\|$/g, "")));
  const ids = (cell = "") => (cell === "—" ? [] : [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]));

  test("lists every rule, in the pack's order, with its severity and mapped ids", () => {
    expect(rows.map(([id, severity, , checkov, cdkNag, trivy]) => [ids(id)[0], severity, ids(checkov), ids(cdkNag), ids(trivy)])).toEqual(
      POLICY_RULES.map((r) => [r.id, r.severity, r.mapped.checkov, r.mapped.cdkNag, r.mapped.trivy]),
    );
  });
});

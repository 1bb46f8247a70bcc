import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { JSON_DEPTH_MAX, jsonStructureProblems, parseJsonStrict } from "./input-file";

const paths = (text: string) => jsonStructureProblems(text).map((p) => p.path);

describe("jsonStructureProblems: duplicate keys", () => {
  test("names each repeated key with its JSON path, through objects and arrays", () => {
    expect(paths('{"a":1,"a":2}')).toEqual(["$.a"]);
    expect(paths('{"r":{"x":[{"k":1},{"k":1,"k":2}]}}')).toEqual(["$.r.x[1].k"]);
    expect(paths('{"a":{"b":1},"c":{"b":2}}')).toEqual([]);
    expect(paths('{"weird key":1,"weird key":2}')).toEqual(['$["weird key"]']);
  });

  test('keys are compared as JSON reads them: "a" and "\\u0061" are the same key', () => {
    expect(paths('{"a":1,"\\u0061":2}')).toEqual(["$.a"]);
  });

  test("nesting 100,000 deep is scanned without recursion and refused where it passes the bound", () => {
    const n = 100_000;
    const text = `${'{"x":'.repeat(n)}{"k":1,"k":2}${"}".repeat(n)}`;
    const found = jsonStructureProblems(text);
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toBe(`the document nests deeper than ${JSON_DEPTH_MAX} levels of objects and lists here`);
    expect(found[0]?.path).toMatch(/^\$[.x]+… \(\d+ more characters\)$/);
  });

  test("a duplicate key just within the depth bound is still found, with its path", () => {
    const n = JSON_DEPTH_MAX - 1;
    const text = `${'{"x":'.repeat(n)}{"k":1,"k":2}${"}".repeat(n)}`;
    const found = jsonStructureProblems(text);
    expect(found.map((p) => p.message)).toEqual([expect.stringContaining('the key "k" appears more than once')]);
  });

  test("a number too large to be finite is named with its path (JSON.parse would make it Infinity)", () => {
    expect(JSON.parse('{"a":[1e999]}')).toEqual({ a: [Number.POSITIVE_INFINITY] });
    expect(jsonStructureProblems('{"a":[1, -1e999]}')).toEqual([
      { path: "$.a[1]", message: "the number -1e999 is too large to be finite", expected: expect.stringContaining("a finite number") },
    ]);
    expect(jsonStructureProblems('{"a":1.7976931348623157e308}')).toEqual([]);
  });

  test("a BOM is skipped and a syntax error is one problem at $", () => {
    expect(parseJsonStrict('\ufeff{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    const bad = parseJsonStrict("{");
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems.map((p) => p.path)).toEqual(["$"]);
  });
});

const terraform = spawnSync("terraform", ["version"]).status === 0;

describe.skipIf(!terraform)("duplicate keys: Terraform, the oracle, refuses what jsonStructureProblems reports", () => {
  test.each([
    ['{"variable":{"x":{"default":1,"default":2}}}', true],
    ['{"variable":{"x":{"default":1},"x":{"default":2}}}', true],
    ['{"variable":{"x":{"default":{"a":1,"a":2}}}}', true],
    ['{"variable":{"x":{"default":{"a":1,"b":2}}}}', false],
  ])("%s", (doc, duplicated) => {
    const dir = mkdtempSync(join(tmpdir(), "tf-dup-"));
    writeFileSync(join(dir, "main.tf.json"), doc);
    writeFileSync(join(dir, "terraformrc"), "");
    const env = { ...process.env, TF_CLI_CONFIG_FILE: join(dir, "terraformrc"), CHECKPOINT_DISABLE: "1" };
    spawnSync("terraform", ["init", "-input=false", "-backend=false"], { cwd: dir, env });
    const r = spawnSync("terraform", ["validate", "-no-color"], { cwd: dir, env, encoding: "utf8" });
    expect(r.status !== 0, r.stdout + r.stderr).toBe(duplicated);
    expect(jsonStructureProblems(doc).length > 0).toBe(duplicated);
  });
});

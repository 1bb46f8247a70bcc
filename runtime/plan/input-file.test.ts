import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { JSON_DEPTH_MAX, jsonStructureProblems, parseJsonStrict, provenClean } from "./input-file";

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

describe("parseJsonStrict proves a clean document clean without the token scan, and scans every other", () => {
  /** What parseJsonStrict must answer: the full token scan's verdict, whatever path it takes. */
  const scanned = (text: string) => {
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const problems = jsonStructureProblems(body);
    return problems.length ? { ok: false, problems } : { ok: true, value: JSON.parse(body) };
  };

  test.each([
    ["a duplicate key", '{"a":1,"a":2}'],
    ["a duplicate key holding a colon", '{"a:b":1,"a:b":2}'],
    ["a duplicate hidden behind an escaped colon", '{"a":"\\u003a","a":1}'],
    ["an escaped colon (upper case) beside a nested duplicate", '{"a":"\\u003A","b":{"c":1,"c":"x"}}'],
    ["a non-finite number inside the discarded duplicate", '{"a":{"x":[1e999]},"a":1}'],
    ["a non-finite number", '{"a":[1,-1e999]}'],
    ["nesting past the bound", `${'{"x":'.repeat(JSON_DEPTH_MAX + 1)}1${"}".repeat(JSON_DEPTH_MAX + 1)}`],
    ["deep nesting inside the discarded duplicate", `{"a":${"[".repeat(JSON_DEPTH_MAX)}${"]".repeat(JSON_DEPTH_MAX)},"a":1}`],
  ])("%s: refused with the scan's problems", (_what, text) => {
    const found = parseJsonStrict(text);
    expect(found.ok).toBe(false);
    expect(found).toEqual(scanned(text));
  });

  test.each([
    '{"arn":"arn:aws:kms:eu-west-1:1:key/x","t":"12:00","k:v":{"x":"\\u003a"}}',
    '{"a":"\\\\u003a"}',
    '{"__proto__":{"a":1},"b":[{"c":null}]}',
    `${'{"x":'.repeat(JSON_DEPTH_MAX)}1${"}".repeat(JSON_DEPTH_MAX)}`,
  ])("%#: a clean document is accepted as JSON.parse reads it", (text) => {
    expect(parseJsonStrict(text)).toEqual(scanned(text));
    expect(parseJsonStrict(text).ok).toBe(true);
  });

  test("a clean plan takes the fast path: the colon count proves it clean (the scan is the fallback, not the rule)", () => {
    const plan = '{"resource":{"aws_kms_key":{"k":{"arn":"arn:aws:kms:eu-west-1:1:key/x","policy":"{\\"a\\":\\"\\u003a\\"}"}}}}';
    expect(JSON.parse(plan).resource.aws_kms_key.k.policy).toBe('{"a":"\u003a"}');
    expect(provenClean(plan, JSON.parse(plan))).toBe(true);
    expect(provenClean('{"a":1,"a":2}', { a: 2 })).toBe(false);
  });

  test("property: on generated documents with repeated keys, colons and escapes, the answer is the scan's", () => {
    const key = fc.constantFrom("a", "b", "a:b", ":", "__proto__", "\\u003a", "\\u003A", "x\\\\u003a");
    const scalar = fc.oneof(fc.constantFrom('"x"', '":"', '"\\u003a"', '"\\\\u003a"', '"a:b:c"', "1", "-1e999", "1e308", "true", "null"));
    const value: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
      v: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        scalar,
        fc.array(tie("v"), { maxLength: 3 }).map((items) => `[${items.join(",")}]`),
        fc.array(fc.tuple(key, tie("v")), { maxLength: 4 }).map((members) => `{${members.map(([k, v]) => `"${k}":${v}`).join(",")}}`),
      ),
    })).v;
    fc.assert(
      fc.property(value, (text) => {
        expect(parseJsonStrict(text)).toEqual(scanned(text));
      }),
      { numRuns: 2000 },
    );
  });
});

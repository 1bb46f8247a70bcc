import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";

const ROOT = join(__dirname, "..");

/** The first ts block under `## Deterministic simulation`, compiled to ESM and run against the built package. */
function runExample(): string {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Deterministic simulation"));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!code) throw new Error("README.md has no ts block under ## Deterministic simulation");
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  // Inside the package, `cdktf-resilience/runtime` resolves to dist/ through the exports map (self-reference).
  const dir = join(ROOT, "dist", "readme");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "deterministic-simulation.mjs");
  writeFileSync(file, js);
  return execFileSync(process.execPath, [file], { cwd: ROOT, encoding: "utf8" });
}

describe("README: Deterministic simulation", () => {
  test("the example runs clean and prints the same events and trace hash every time", () => {
    const first = runExample();
    expect(first).toMatch(/^\d+ [0-9a-f]{64}\n$/);
    expect(runExample()).toBe(first);
  });
});

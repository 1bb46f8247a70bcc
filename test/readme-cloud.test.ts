import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";

const ROOT = join(__dirname, "..");

/** The fenced blocks under a README heading, in order, with their language. */
function blocks(heading: string): { lang: string; text: string }[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const lines = readme.slice(readme.indexOf(heading)).split("\n");
  const out: { lang: string; text: string }[] = [];
  let open: { lang: string; lines: string[] } | undefined;
  for (const line of lines) {
    if (!open && line.startsWith("```")) open = { lang: line.slice(3), lines: [] };
    else if (open && line === "```") {
      out.push({ lang: open.lang, text: `${open.lines.join("\n")}\n` });
      open = undefined;
    } else if (open) open.lines.push(line);
  }
  return out;
}

/** The first ts block under `## The mock cloud`, compiled to ESM and run against the built package. */
function runExample(): string {
  const code = blocks("## The mock cloud")[0]?.text ?? "";
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const dir = join(ROOT, "dist", "readme");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "mock-cloud.mjs");
  writeFileSync(file, js);
  return execFileSync(process.execPath, [file], { cwd: ROOT, encoding: "utf8" });
}

describe("README: The mock cloud", () => {
  test("the example prints exactly the output shown under it, every time", () => {
    const [code, shown] = blocks("## The mock cloud");
    expect(code?.lang).toBe("ts");
    expect(runExample()).toBe(shown?.text);
    expect(runExample()).toBe(shown?.text);
  });
});

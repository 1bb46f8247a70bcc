import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { ROOT } from "./dist";

/** The fenced blocks after a README heading, in order, with their language (`ts`, `json`, or empty). */
export function readmeBlocks(heading: string): { readonly lang: string; readonly text: string }[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const at = readme.indexOf(heading);
  if (at < 0) throw new Error(`README.md has no heading ${heading}`);
  const out: { lang: string; text: string }[] = [];
  let open: { lang: string; lines: string[] } | undefined;
  for (const line of readme.slice(at).split("\n")) {
    if (!open && line.startsWith("```")) open = { lang: line.slice(3), lines: [] };
    else if (open && line === "```") {
      out.push({ lang: open.lang, text: `${open.lines.join("\n")}\n` });
      open = undefined;
    } else if (open) open.lines.push(line);
  }
  return out;
}

/**
 * Compiles a README TypeScript example to ESM under dist/readme/<name>.mjs and runs it against the
 * built package (inside the package, `cdktf-resilience/runtime` resolves to dist/ through the
 * exports map); returns what it printed.
 */
export function runReadmeExample(code: string, name: string): string {
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  const dir = join(ROOT, "dist", "readme");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, js);
  return execFileSync(process.execPath, [file], { cwd: ROOT, encoding: "utf8" });
}

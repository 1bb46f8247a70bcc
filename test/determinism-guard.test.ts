import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, test } from "vitest";

const ROOT = join(__dirname, "..");
const RUNTIME = join(ROOT, "runtime");
/** The only folders allowed to touch time, chance and the event loop directly. */
const PORT_FOLDERS = [join(RUNTIME, "sim") + sep, join(RUNTIME, "real") + sep];

/**
 * Sources of nondeterminism that belong behind the ports. Besides the globals the issue names,
 * `setImmediate`, `process.hrtime` and crypto randomness would break replay just the same.
 */
const FORBIDDEN =
  /\bMath\.random\b|\bDate\.now\b|\bnew Date\b|\bsetTimeout\b|\bsetInterval\b|\bsetImmediate\b|\bperformance\.now\b|\bprocess\.hrtime\b|\brandom(UUID|Int|Bytes)\b|\bgetRandomValues\b/;

/** `file:line: text` for every forbidden use in `text`; comment lines are skipped (they may name the rule). */
function forbiddenUses(file: string, text: string): string[] {
  return text
    .split("\n")
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => !/^\s*(\/\/|\*|\/\*)/.test(line) && FORBIDDEN.test(line))
    .map(({ line, n }) => `${file}:${n}: ${line.trim()}`);
}

function runtimeSources(): string[] {
  return readdirSync(RUNTIME, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !/\.test(-d)?\.ts$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => !PORT_FOLDERS.some((p) => f.startsWith(p)));
}

describe("determinism guard", () => {
  test("runtime/ outside sim/ and real/ never reads the clock, chance or real timers directly", () => {
    const files = runtimeSources();
    expect(files.length).toBeGreaterThan(0);
    expect(files.flatMap((f) => forbiddenUses(relative(ROOT, f), readFileSync(f, "utf8")))).toEqual([]);
  });

  test("the scan names file and line of each hit and ignores comments", () => {
    const text = [
      "// Date.now is forbidden here",
      "const t = Date.now();",
      "const ok = dateNow();",
      " * setTimeout in a doc comment",
      "setTimeout(f, 1);",
    ].join("\n");
    expect(forbiddenUses("runtime/x.ts", text)).toEqual(["runtime/x.ts:2: const t = Date.now();", "runtime/x.ts:5: setTimeout(f, 1);"]);
  });
});

/**
 * What `npm pack` puts in the tarball, read from npm's own file list: every entry point the
 * exports map names is there, and every source map points only at files that ship with it (a map
 * naming a missing `.ts` file makes vitest warn and stack traces point nowhere).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { distFile, ROOT } from "./helpers/dist";

let packed: Set<string>;

beforeAll(() => {
  distFile("lib/index.js");
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" });
  packed = new Set((JSON.parse(out) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path));
}, 60_000);

/** Every file path the exports map (and main, types, bin, typesVersions) names. */
function entryPoints(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const targets: string[] = [pkg.main, pkg.types, ...Object.values(pkg.bin as Record<string, string>)];
  const walk = (v: unknown): void => {
    if (typeof v === "string") targets.push(v);
    else if (v && typeof v === "object") for (const x of Object.values(v)) walk(x);
  };
  walk(pkg.exports);
  walk(pkg.typesVersions);
  return [...new Set(targets.map((t) => posix.normalize(t)))];
}

describe("the packed tarball", () => {
  test("holds every entry point package.json names", () => {
    const missing = entryPoints().filter((f) => !packed.has(f));
    expect(missing).toEqual([]);
    expect(entryPoints().length).toBeGreaterThan(8);
  });

  test("every source map names only files that ship in the tarball", () => {
    const maps = [...packed].filter((f) => f.endsWith(".map"));
    expect(maps.length).toBeGreaterThan(100);
    const dangling: string[] = [];
    for (const map of maps) {
      const { sources, sourceRoot } = JSON.parse(readFileSync(join(ROOT, map), "utf8")) as { sources: string[]; sourceRoot?: string };
      for (const s of sources) {
        const file = posix.normalize(posix.join(dirname(map), sourceRoot ?? "", s));
        if (!packed.has(file)) dangling.push(`${map} -> ${file}`);
      }
    }
    expect(dangling).toEqual([]);
  });

  test("ships no tests", () => {
    expect([...packed].filter((f) => /\.test(-d)?\.ts$|^test\//.test(f))).toEqual([]);
  });
});

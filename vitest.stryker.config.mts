import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { COMMON, LONG_TESTS } from "./vitest.config.mts";

/**
 * The tests `npm run mutate` (stryker.config.mjs) runs against each mutant: those of `npm test`
 * that run the TypeScript sources in this process. Tests that run the built package (dist/: the
 * CLI binary in a subprocess, the campaign's and real mode's worker threads, the README's examples
 * compiled against dist/) never see a mutant, so they would only slow the run down; the long
 * tests are left out for time. Which files those are is read from their text, so a new test that
 * runs the binary is left out without editing this list.
 */
const RUNS_THE_BUILT_PACKAGE = [
  /helpers\/cli"/, // the built binary in a subprocess
  /helpers\/storage-crash"/, // a real process crashed under a built worker script
  /\bdistFile\(|\bcliBin\(/, // a file under dist/
  /\brunDocExample\(/, // a README example compiled against dist/
  /\bbuiltWorkerScript\b|\bCacheSupervisor\b|\bRealHost\b/, // real mode's worker threads (dist/)
];

/**
 * Seed swarms of `npm test` that take a minute each: under a mutant they exceed their own timeout on
 * a busy machine, which aborts the dry run, and the scripted and planted-bug tests of the same
 * systems reach the same code in a fraction of the time.
 */
const SWARMS = ["test/failover-campaign.test.ts"];

const ROOTS = ["lib", "runtime", "test", "bench"];

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || path.endsWith(join("e2e", "user-project")) ? [] : testFiles(path);
    return entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** Test files (relative to the root) that exercise the built package, not the sources. */
export function testsOfTheBuiltPackage(root: string = dirname(fileURLToPath(import.meta.url))): string[] {
  return ROOTS.flatMap((r) => testFiles(join(root, r)))
    .filter((file) => RUNS_THE_BUILT_PACKAGE.some((marker) => marker.test(readFileSync(file, "utf8"))))
    .map((file) => relative(root, file));
}

/**
 * Unit tests beside the runtime's code first, then the rest, each group smallest file first. Stryker
 * stops a mutant's run at its first failing test, so the quick, pointed tests that usually kill a
 * mutant run before the emulations that cover it too (vitest's own order puts slow files first).
 */
class PointedTestsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const group = (f: TestSpecification) => (relative(this.ctx.config.root, f.moduleId).startsWith("runtime") ? 0 : 1);
    const size = (f: TestSpecification) => statSync(f.moduleId).size;
    return [...files].sort((a, b) => group(a) - group(b) || size(a) - size(b));
  }
}

export default defineConfig({
  test: {
    ...COMMON,
    setupFiles: [...COMMON.setupFiles],
    include: ROOTS.map((r) => `${r}/**/*.test.ts`),
    exclude: [...configDefaults.exclude, LONG_TESTS, "test/e2e/user-project/**", ...SWARMS, ...testsOfTheBuiltPackage()],
    sequence: { sequencer: PointedTestsFirst },
    // Instrumented code runs slower, and two runners share the cores: a swarm that takes 20 s in
    // `npm test` must not fail the first run by timing out.
    testTimeout: 300_000,
  },
});

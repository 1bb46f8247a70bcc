import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

/**
 * `npm test`: every test but the long swarms, campaigns and real-process loops (`*.long.test.ts`),
 * each of which keeps a fast representative here. `npm run test:long` runs the long ones
 * (vitest.long.config.mts); CI runs both.
 */
export const LONG_TESTS = "**/*.long.test.ts";

/** What both configurations share. */
export const COMMON = {
  // The matchers users register with `import "cdktf-resilience/testing/setup"`, from source.
  setupFiles: ["test/setup/no-console.ts", "lib/testing/setup.mts"],
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: "forks",
  // Vitest's default is one worker fewer than the cores: on a 2-core machine one worker and one idle
  // core. The main process mostly waits, so every core runs a worker (at least two).
  maxWorkers: Math.max(2, availableParallelism()),
  // A worker keeps its modules between test files: the setup files (the matchers load cdktf) and
  // the runtime are imported once per worker instead of once per file, a second a file.
  isolate: false,
} as const;

export default defineConfig({
  test: {
    ...COMMON,
    setupFiles: [...COMMON.setupFiles],
    include: ["lib/**/*.test.ts", "runtime/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts"],
    // A user's project (the README's quick start), run from the packed tarball by test/e2e/user-project.sh.
    // .stryker-tmp holds Stryker's sandbox copies of the repository while `npm run mutate` runs.
    exclude: [...configDefaults.exclude, LONG_TESTS, "test/e2e/user-project/**", ".stryker-tmp/**"],
    // Type-level tests (*.test-d.ts) run with the suite: types are part of the contract.
    typecheck: { enabled: true, include: ["**/*.test-d.ts"], tsconfig: "tsconfig.json" },
  },
});

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
  setupFiles: ["test/setup/no-console.ts", "lib/testing/setup.ts"],
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: "forks",
} as const;

export default defineConfig({
  test: {
    ...COMMON,
    setupFiles: [...COMMON.setupFiles],
    include: ["lib/**/*.test.ts", "runtime/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts"],
    exclude: [...configDefaults.exclude, LONG_TESTS],
    // Type-level tests (*.test-d.ts) run with the suite: types are part of the contract.
    typecheck: { enabled: true, include: ["**/*.test-d.ts"], tsconfig: "tsconfig.json" },
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["lib/**/*.test.ts", "runtime/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts"],
    // The matchers users register with `import "cdktf-resilience/testing/setup"`, from source.
    setupFiles: ["test/setup/no-console.ts", "lib/testing/setup.ts"],
    // Type-level tests (*.test-d.ts) run with the suite: types are part of the contract.
    typecheck: { enabled: true, include: ["**/*.test-d.ts"], tsconfig: "tsconfig.json" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});

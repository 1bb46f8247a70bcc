import { defineConfig } from "vitest/config";
import { COMMON, LONG_TESTS } from "./vitest.config.mts";

/** `npm run test:long`: the long swarms, campaigns and real-process loops only (see vitest.config.mts). */
export default defineConfig({
  test: {
    ...COMMON,
    setupFiles: [...COMMON.setupFiles],
    include: [LONG_TESTS],
    testTimeout: 600_000,
  },
});

/**
 * Registers the cdktf-resilience matchers with vitest. One line in a test or, once for all tests,
 * in `setupFiles` of vitest.config:
 *
 *   import "cdktf-resilience/testing/setup";
 *
 * An ES module (built to setup.mjs) although the rest of the package is CommonJS: vitest refuses
 * to be `require`d, and this is the one file that needs vitest at run time. It loads the
 * matchers from the CommonJS build, so a test run holds one copy of them.
 */
import { expect } from "vitest";
import { resilienceMatchers } from "./matchers.js";

// Brings the matcher types into scope for whoever imports this file.
export type { ResilienceMatchers } from "./matcher-types.js";

expect.extend(resilienceMatchers);

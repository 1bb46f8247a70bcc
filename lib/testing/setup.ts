/**
 * Registers the cdktf-resilience matchers with vitest. One line in a test or, once for all tests,
 * in `setupFiles` of vitest.config:
 *
 *   import "cdktf-resilience/testing/setup";
 */
import { expect } from "vitest";
import "./matcher-types";
import { resilienceMatchers } from "./matchers";

expect.extend(resilienceMatchers);

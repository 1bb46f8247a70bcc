/**
 * `require("cdktf-resilience/testing/setup")` from CommonJS: loads the ES module setup.mjs, which
 * Node ≥ 20.19 (this package's engines) can require. Either way the matchers register once.
 */
import "./setup.mjs";

export type { ResilienceMatchers } from "./matcher-types.js";

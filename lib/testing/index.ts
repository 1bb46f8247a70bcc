// vitest matchers (registered by `cdktf-resilience/testing/setup`)
export type { ResilienceMatchers } from "./matcher-types";
export { type PolicyMatcherOptions, resilienceMatchers } from "./matchers";

// Policy checks
export { policyReport } from "./policy-report";

// What the matchers and policyReport accept
export type { ReceivedPlan, ResourceType } from "./received-plan";

// Synthesizing stacks in tests
export { resourcesOfType, type SynthOptions, synth, synthJson, type TerraformJson, warningsOf } from "./synth";

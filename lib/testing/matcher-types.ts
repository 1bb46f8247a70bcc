import type { PolicyMatcherOptions } from "./matchers";
import type { ResourceType } from "./received-plan";
import type { ResiliencePolicyMatcherOptions } from "./resilience-policy-matcher";

/**
 * Types of the matchers `cdktf-resilience/testing/setup` registers. Importing anything from
 * `cdktf-resilience/testing` brings them into scope.
 */
export interface ResilienceMatchers<R = unknown> {
  /** The plan has at least one resource of the type (a string, or a provider class such as `RdsCluster`). */
  toHaveResource(type: ResourceType): R;
  /**
   * A resource of the type has these properties: partial at every depth (extra keys are fine,
   * arrays match item by item), asymmetric matchers allowed anywhere, camelCase keys accepted.
   */
  toHaveResourceWithProperties(type: ResourceType, properties: Record<string, unknown>): R;
  /** The plan has a data source of the type, optionally with these properties (matched as above). */
  toHaveDataSource(type: ResourceType, properties?: Record<string, unknown>): R;
  /** SecureDefaults finds no unacknowledged error (nor warning, with `failOnWarnings`); the message lists each violation. */
  toPassPolicy(options?: PolicyMatcherOptions): R;
  /**
   * `cdktf-resilience assess` meets every assessed target of the plan's resiliency policies in
   * every seed (with `strict`, every target is also assessed). Asynchronous: `await expect(stack).toMeetResiliencePolicy()`.
   */
  toMeetResiliencePolicy(options?: ResiliencePolicyMatcherOptions): Promise<R>;
}

// vitest 3.2+ types custom matchers through `Matchers`; its next major changes the interface's
// type parameters, hence the peer range `^3.2.0 || ^4.0.0`.
declare module "vitest" {
  // biome-ignore lint/suspicious/noExplicitAny: must match vitest's own declaration of Matchers<T = any>.
  interface Matchers<T = any> extends ResilienceMatchers<T> {}
}

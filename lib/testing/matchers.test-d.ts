import { describe, expect, expectTypeOf, test } from "vitest";
import type { RdsCluster, TerraformStack } from "../private/cdktf";
import type { ResilienceMatchers } from ".";

declare const stack: TerraformStack;

describe("matcher types (augmenting vitest's Assertion)", () => {
  test("every matcher is typed on expect(...)", () => {
    expectTypeOf(expect(stack).toHaveResource).parameter(0).toEqualTypeOf<string | { readonly tfResourceType: string }>();
    expectTypeOf(expect(stack).toHaveResourceWithProperties).parameter(1).toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf(expect(stack).toPassPolicy).parameter(0).toEqualTypeOf<{ readonly failOnWarnings?: boolean } | undefined>();
    expectTypeOf(expect(stack).not.toHaveDataSource).toBeFunction();
    expectTypeOf<typeof RdsCluster>().toExtend<Parameters<ResilienceMatchers["toHaveResource"]>[0]>();
  });

  test("a type that is neither a string nor a provider class is rejected", () => {
    // @ts-expect-error: a number is not a resource type
    expect(stack).toHaveResource(42);
  });
});

import { describe, expectTypeOf, test } from "vitest";
import type { z } from "zod";
import type { ContingencyCapacityProps } from "..";
import type { contingencyCapacitySchema } from "./contingency-capacity-schema";

/** Same keys, and values assignable both ways (see storage.test-d.ts). */
type Agree<I, S extends z.ZodType> = [Exclude<keyof I, keyof z.output<S>>] extends [never]
  ? [Exclude<keyof z.output<S>, keyof I>] extends [never]
    ? I extends z.input<S>
      ? z.output<S> extends I
        ? true
        : "the schema's output is not assignable to the interface"
      : "the interface is not assignable to the schema's input"
    : { schemaOnly: Exclude<keyof z.output<S>, keyof I> }
  : { interfaceOnly: Exclude<keyof I, keyof z.output<S>> };

describe("ContingencyCapacity props schema and interface agree", () => {
  test("construct props", () => {
    expectTypeOf<Agree<ContingencyCapacityProps, ReturnType<typeof contingencyCapacitySchema>>>().toEqualTypeOf<true>();
  });
});

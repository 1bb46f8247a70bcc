import { describe, expectTypeOf, test } from "vitest";
import type { z } from "zod";
import type { DatabaseSubnet, MultiAzDatabaseProps, StandbyProps, WriterProps } from "../database/multi-az-database";
import type { databaseSubnetSchema, multiAzDatabaseSchema, standbySchema, writerSchema } from "./multi-az-database";

// Same keys, and values assignable both ways: the schema accepts exactly what the interface types.
describe("MultiAzDatabase props schema and interfaces agree", () => {
  test("MultiAzDatabaseProps", () => {
    type S = ReturnType<typeof multiAzDatabaseSchema>;
    expectTypeOf<keyof MultiAzDatabaseProps>().toEqualTypeOf<keyof z.output<S>>();
    expectTypeOf<MultiAzDatabaseProps>().toExtend<z.input<S>>();
    expectTypeOf<z.output<S>>().toExtend<MultiAzDatabaseProps>();
  });

  test("StandbyProps", () => {
    type S = ReturnType<typeof standbySchema>;
    expectTypeOf<keyof StandbyProps>().toEqualTypeOf<keyof z.output<S>>();
    expectTypeOf<StandbyProps>().toExtend<z.input<S>>();
    expectTypeOf<z.output<S>>().toExtend<StandbyProps>();
  });

  test("WriterProps", () => {
    type S = ReturnType<typeof writerSchema>;
    expectTypeOf<keyof WriterProps>().toEqualTypeOf<keyof z.output<S>>();
    expectTypeOf<WriterProps>().toExtend<z.input<S>>();
    expectTypeOf<z.output<S>>().toExtend<WriterProps>();
  });

  test("DatabaseSubnet", () => {
    type S = ReturnType<typeof databaseSubnetSchema>;
    expectTypeOf<keyof DatabaseSubnet>().toEqualTypeOf<keyof z.output<S>>();
    expectTypeOf<DatabaseSubnet>().toExtend<z.input<S>>();
    expectTypeOf<z.output<S>>().toExtend<DatabaseSubnet>();
  });
});

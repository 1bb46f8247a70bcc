import { describe, expectTypeOf, test } from "vitest";
import type { z } from "zod";
import type {
  AuroraDatabaseProps,
  DatabaseProxyProps,
  DatabaseSubnet,
  DnsRecordProps,
  ElastiCacheDatabaseProps,
  MultiAzClusterDatabaseProps,
  MultiAzDatabaseProps,
  RedshiftDatabaseProps,
  ServerlessV2ScalingProps,
  StandbyProps,
  WriterProps,
} from "./multi-az-database";
import type {
  auroraDatabaseSchema,
  databaseProxySchema,
  databaseSubnetSchema,
  dnsRecordSchema,
  elastiCacheDatabaseSchema,
  multiAzClusterDatabaseSchema,
  multiAzDatabaseSchema,
  redshiftDatabaseSchema,
  serverlessV2ScalingSchema,
  standbySchema,
  writerSchema,
} from "./multi-az-database-schema";

/**
 * Same keys, and values assignable both ways: the schema accepts exactly what the interface types.
 * `true`, or a sentence saying which direction breaks.
 */
type Agree<I, S extends z.ZodType> = [Exclude<keyof I, keyof z.output<S>>] extends [never]
  ? [Exclude<keyof z.output<S>, keyof I>] extends [never]
    ? I extends z.input<S>
      ? z.output<S> extends I
        ? true
        : "the schema's output is not assignable to the interface"
      : "the interface is not assignable to the schema's input"
    : { schemaOnly: Exclude<keyof z.output<S>, keyof I> }
  : { interfaceOnly: Exclude<keyof I, keyof z.output<S>> };

describe("MultiAzDatabase props schemas and interfaces agree", () => {
  test("one interface per engine family", () => {
    expectTypeOf<Agree<AuroraDatabaseProps, ReturnType<typeof auroraDatabaseSchema>>>().toEqualTypeOf<true>();
    expectTypeOf<Agree<MultiAzClusterDatabaseProps, ReturnType<typeof multiAzClusterDatabaseSchema>>>().toEqualTypeOf<true>();
    expectTypeOf<Agree<RedshiftDatabaseProps, ReturnType<typeof redshiftDatabaseSchema>>>().toEqualTypeOf<true>();
    expectTypeOf<Agree<ElastiCacheDatabaseProps, ReturnType<typeof elastiCacheDatabaseSchema>>>().toEqualTypeOf<true>();
  });

  test("the union, discriminated by engine", () => {
    type S = ReturnType<typeof multiAzDatabaseSchema>;
    expectTypeOf<MultiAzDatabaseProps>().toExtend<z.input<S>>();
    expectTypeOf<z.output<S>>().toExtend<MultiAzDatabaseProps>();
    expectTypeOf<MultiAzDatabaseProps["engine"]>().toEqualTypeOf<z.output<S>["engine"]>();
  });

  test("nested props", () => {
    expectTypeOf<Agree<StandbyProps, ReturnType<typeof standbySchema>>>().toEqualTypeOf<true>();
    expectTypeOf<Agree<WriterProps, ReturnType<typeof writerSchema>>>().toEqualTypeOf<true>();
    expectTypeOf<Agree<DatabaseSubnet, ReturnType<typeof databaseSubnetSchema>>>().toEqualTypeOf<true>();
    expectTypeOf<Agree<ServerlessV2ScalingProps, ReturnType<typeof serverlessV2ScalingSchema>>>().toEqualTypeOf<true>();
    expectTypeOf<Agree<DatabaseProxyProps, ReturnType<typeof databaseProxySchema>>>().toEqualTypeOf<true>();
    expectTypeOf<Agree<DnsRecordProps, ReturnType<typeof dnsRecordSchema>>>().toEqualTypeOf<true>();
  });
});

import { describe, expectTypeOf, test } from "vitest";
import type { z } from "zod";
import type {
  BackupCopyTarget,
  BackupRuleSpec,
  BackupScheduleProps,
  BackupVaultLockProps,
  CloneRestoreOptions,
  HibernationScheduleProps,
  PointInTimeRestoreOptions,
  RestoreTestingProps,
  SnapshotScheduleProps,
} from "..";
import type { cloneRestoreSchema, pointInTimeRestoreSchema } from "../database/restore-schemas";
import type {
  backupCopyTargetSchema,
  backupRuleSchema,
  backupScheduleSchema,
  backupVaultLockSchema,
  hibernationScheduleSchema,
  restoreTestingSchema,
  snapshotScheduleSchema,
} from "./storage-schemas";

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

/** Unions (rules, copy targets): each side assignable to the other. */
type Both<I, S extends z.ZodType> = [I] extends [z.input<S>]
  ? [z.output<S>] extends [I]
    ? true
    : "schema output too wide"
  : "interface too wide";

describe("storage props schemas and interfaces agree", () => {
  test("construct props", () => {
    expectTypeOf<Agree<BackupScheduleProps, ReturnType<typeof backupScheduleSchema>>>().toEqualTypeOf<true>();
    expectTypeOf<Agree<SnapshotScheduleProps, ReturnType<typeof snapshotScheduleSchema>>>().toEqualTypeOf<true>();
    expectTypeOf<Agree<HibernationScheduleProps, ReturnType<typeof hibernationScheduleSchema>>>().toEqualTypeOf<true>();
  });

  test("nested props and restore options", () => {
    expectTypeOf<Agree<BackupVaultLockProps, ReturnType<typeof backupVaultLockSchema>>>().toEqualTypeOf<true>();
    expectTypeOf<Agree<RestoreTestingProps, ReturnType<typeof restoreTestingSchema>>>().toEqualTypeOf<true>();
    expectTypeOf<Both<BackupRuleSpec, ReturnType<typeof backupRuleSchema>>>().toEqualTypeOf<true>();
    expectTypeOf<Both<BackupCopyTarget, ReturnType<typeof backupCopyTargetSchema>>>().toEqualTypeOf<true>();
    expectTypeOf<Agree<PointInTimeRestoreOptions, ReturnType<typeof pointInTimeRestoreSchema>>>().toEqualTypeOf<true>();
    expectTypeOf<
      Agree<CloneRestoreOptions & { source: PointInTimeRestoreOptions["source"] }, ReturnType<typeof cloneRestoreSchema>>
    >().toEqualTypeOf<true>();
  });
});

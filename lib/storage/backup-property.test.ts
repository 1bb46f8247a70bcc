import fc from "fast-check";
import { expect, test } from "vitest";
import { MINIMAL, newStack, only } from "../../test/helpers/databases";
import { BackupRule, BackupSchedule, MultiAzDatabase } from "..";
import { synth, synthJson } from "../testing";
import { COLD_STORAGE_MIN_DAYS } from "./backup-rules";

/** Synth either succeeds with the lifecycle asked for, or fails naming the cold-storage rule: never anything else. */
test("property: a custom rule's retention and cold storage give the plan asked for, or the cold-storage error", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 3000 }),
      fc.option(fc.integer({ min: 1, max: 2000 }), { nil: undefined }),
      fc.option(fc.integer({ min: 1, max: 3000 }), { nil: undefined }),
      (retentionDays, coldStorageAfterDays, copyRetentionDays) => {
        const stack = newStack();
        const orders = new MultiAzDatabase(stack, "Orders", MINIMAL.aurora);
        new BackupSchedule(stack, "Backups", {
          protects: [orders],
          rules: [BackupRule.custom({ name: "custom", schedule: "sun 04:00", retentionDays, coldStorageAfterDays })],
          copyTo: [{ region: "us-west-2", retentionDays: copyRetentionDays }],
        });
        const copyDays = copyRetentionDays ?? retentionDays;
        const valid =
          coldStorageAfterDays === undefined ||
          (retentionDays >= coldStorageAfterDays + COLD_STORAGE_MIN_DAYS && copyDays >= coldStorageAfterDays + COLD_STORAGE_MIN_DAYS);
        if (valid) {
          const [rule] = only(synthJson(stack), "aws_backup_plan").rule as { lifecycle: object; copy_action: { lifecycle: object }[] }[];
          const cold = coldStorageAfterDays === undefined ? {} : { cold_storage_after: coldStorageAfterDays };
          expect(rule?.lifecycle).toEqual({ ...cold, delete_after: retentionDays });
          expect(rule?.copy_action[0]?.lifecycle).toEqual({ ...cold, delete_after: copyDays });
        } else {
          expect(() => synth(stack)).toThrow(/retentionDays: keeps recovery points \d+ days but moves them to cold storage after \d+/);
        }
      },
    ),
    { numRuns: 40 },
  );
});

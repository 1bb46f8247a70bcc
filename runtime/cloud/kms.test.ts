import { describe, expect, test } from "vitest";
import { cloudWorld } from "../../test/helpers/cloud";

describe("KMS keys", () => {
  test("a key is created enabled, can be disabled and enabled, and scheduled for deletion within 7–30 days", () => {
    const { sim, cloud } = cloudWorld();
    const created = cloud.call("CreateKey", { Description: "orders" });
    const KeyId = created.ok ? created.value.KeyMetadata.KeyId : "";
    expect(created).toMatchObject({ ok: true, value: { KeyMetadata: { KeyState: "Enabled", Enabled: true, Description: "orders" } } });
    expect(KeyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(cloud.call("DisableKey", { KeyId })).toEqual({ ok: true, value: {} });
    expect(cloud.kms.usable(KeyId)).toBe(false);
    expect(cloud.call("EnableKey", { KeyId })).toEqual({ ok: true, value: {} });
    expect(cloud.call("ScheduleKeyDeletion", { KeyId, PendingWindowInDays: 3 })).toMatchObject({
      ok: false,
      error: { code: "InvalidParameterValue" },
    });
    expect(cloud.call("ScheduleKeyDeletion", { KeyId, PendingWindowInDays: 7 })).toMatchObject({
      ok: true,
      value: { DeletionDate: 7 * 86_400_000 },
    });
    expect(cloud.call("EnableKey", { KeyId })).toMatchObject({ ok: false, error: { code: "KMSInvalidStateException" } });
    expect(cloud.call("CancelKeyDeletion", { KeyId })).toEqual({ ok: true, value: {} });
    expect(cloud.call("DescribeKey", { KeyId })).toMatchObject({ ok: true, value: { KeyMetadata: { KeyState: "Disabled" } } });
    cloud.call("ScheduleKeyDeletion", { KeyId, PendingWindowInDays: 7 });
    sim.runFor(7 * 86_400_000);
    expect(cloud.call("DescribeKey", { KeyId })).toMatchObject({ ok: false, error: { code: "NotFoundException" } });
  });

  test("unknown keys are NotFoundException; keys of a plan are found by their Terraform address", () => {
    const { cloud } = cloudWorld();
    cloud.kms.add({ address: "aws_kms_key.orders", rotation: true });
    expect(cloud.call("DescribeKey", { KeyId: "aws_kms_key.orders" })).toMatchObject({
      ok: true,
      value: { KeyMetadata: { KeyState: "Enabled" } },
    });
    expect(cloud.call("DescribeKey", { KeyId: "nope" })).toMatchObject({ ok: false, error: { code: "NotFoundException" } });
    expect(cloud.call("CancelKeyDeletion", { KeyId: "aws_kms_key.orders" })).toMatchObject({
      ok: false,
      error: { code: "KMSInvalidStateException" },
    });
  });
});

/**
 * KMS keys: enabled, disabled, or pending deletion (deleted once the window passes). Encrypted
 * clusters name their key; a restore from a cluster whose key is not enabled fails with
 * `KMSKeyNotAccessibleFault`, as in RDS.
 */
import type { OperationHandlers } from "./api/cloud-api";
import type { KeyMetadata, KeyState } from "./api/misc-types";
import type { CloudContext } from "./cloud-context";
import { type CloudResult, fail, ok } from "./cloud-result";

interface KeyRecord {
  readonly id: string;
  readonly arn: string;
  readonly address?: string;
  readonly description: string;
  readonly rotation: boolean;
  state: KeyState;
  deletionDate?: number;
}

const DAY_MS = 86_400_000;

export class KmsService {
  private readonly keys: KeyRecord[] = [];

  constructor(private readonly ctx: CloudContext) {}

  /** Creates a key (plan keys at start carry their Terraform address as an alias). */
  add(spec: { readonly description?: string; readonly address?: string; readonly rotation?: boolean }): KeyMetadata {
    const id = this.ctx.ids.uuid("key");
    const key: KeyRecord = {
      id,
      arn: this.ctx.arn("kms", `key/${id}`),
      ...(spec.address !== undefined ? { address: spec.address } : {}),
      description: spec.description ?? "",
      rotation: spec.rotation ?? false,
      state: "Enabled",
    };
    this.keys.push(key);
    this.ctx.note("kms", id, `created${spec.address ? ` address=${spec.address}` : ""}`);
    return this.metadata(key);
  }

  /** The key for an id, ARN or plan address. */
  find(ref: string): KeyMetadata | undefined {
    const k = this.record(ref);
    return k ? this.metadata(k) : undefined;
  }

  /** True when `ref` names a key that can encrypt and decrypt now. */
  usable(ref: string): boolean {
    return this.record(ref)?.state === "Enabled";
  }

  list(): KeyMetadata[] {
    return this.keys.map((k) => this.metadata(k));
  }

  operations(): Pick<
    OperationHandlers,
    "CreateKey" | "DescribeKey" | "EnableKey" | "DisableKey" | "ScheduleKeyDeletion" | "CancelKeyDeletion"
  > {
    return {
      CreateKey: (r) => ok({ KeyMetadata: this.add({ ...(r.Description !== undefined ? { description: r.Description } : {}) }) }),
      DescribeKey: (r) => this.with(r.KeyId, (k) => ok({ KeyMetadata: this.metadata(k) })),
      EnableKey: (r) => this.transition(r.KeyId, "Disabled", "Enabled"),
      DisableKey: (r) => this.transition(r.KeyId, "Enabled", "Disabled"),
      ScheduleKeyDeletion: (r) =>
        this.with(r.KeyId, (k) => {
          const days = r.PendingWindowInDays ?? 30;
          if (!Number.isInteger(days) || days < 7 || days > 30)
            return fail("InvalidParameterValue", `PendingWindowInDays must be an integer from 7 to 30, got ${days}`);
          if (k.state === "PendingDeletion") return fail("KMSInvalidStateException", `${k.arn} is pending deletion.`);
          k.state = "PendingDeletion";
          k.deletionDate = this.ctx.nowMs + days * DAY_MS;
          this.ctx.note("kms", k.id, `state=PendingDeletion deletion-at=${k.deletionDate}`);
          return ok({ KeyId: k.arn, DeletionDate: k.deletionDate });
        }),
      CancelKeyDeletion: (r) =>
        this.with(r.KeyId, (k) => {
          if (k.state !== "PendingDeletion") return fail("KMSInvalidStateException", `${k.arn} is not pending deletion.`);
          k.state = "Disabled";
          delete k.deletionDate;
          this.ctx.note("kms", k.id, "state=Disabled deletion-cancelled");
          return ok({});
        }),
    };
  }

  private transition(ref: string, from: KeyState, to: KeyState): CloudResult<Record<string, never>> {
    return this.with(ref, (k) => {
      if (k.state === to) return ok({});
      if (k.state !== from) return fail("KMSInvalidStateException", `${k.arn} is ${k.state}.`);
      k.state = to;
      this.ctx.note("kms", k.id, `state=${to}`);
      return ok({});
    });
  }

  private with<T>(ref: string, f: (k: KeyRecord) => CloudResult<T>): CloudResult<T> {
    const k = this.record(ref);
    return k ? f(k) : fail("NotFoundException", `Key '${ref}' does not exist`);
  }

  private record(ref: string): KeyRecord | undefined {
    const k = this.keys.find((x) => x.id === ref || x.arn === ref || x.address === ref);
    if (k?.state === "PendingDeletion" && k.deletionDate !== undefined && this.ctx.nowMs >= k.deletionDate) return undefined;
    return k;
  }

  private metadata(k: KeyRecord): KeyMetadata {
    return {
      KeyId: k.id,
      Arn: k.arn,
      KeyState: k.state,
      Enabled: k.state === "Enabled",
      Description: k.description,
      ...(k.deletionDate !== undefined ? { DeletionDate: k.deletionDate } : {}),
    };
  }
}

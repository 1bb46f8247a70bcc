import { TAG } from "../contract/plan-contract";
import type { MultiAzDatabase } from "../database/multi-az-database";
import {
  Construct,
  DlmLifecyclePolicy,
  IamRole,
  IamRolePolicyAttachment,
  KmsKey,
  type RedshiftCluster,
  RedshiftSnapshotCopy,
  RedshiftSnapshotCopyGrant,
  RedshiftSnapshotSchedule,
  RedshiftSnapshotScheduleAssociation,
} from "../private/cdktf";
import { defaultIdentifier } from "../private/defaults";
import { parseProps } from "../private/props";
import { assertSameToolchain } from "../private/same-toolchain";
import { attachRules } from "../private/validation";
import { intervalMinutes } from "./schedule-expressions";
import { DLM_INTERVAL_HOURS, SNAPSHOT_RULES } from "./snapshot-rules";
import { snapshotScheduleSchema } from "./storage-schemas";

export interface SnapshotScheduleProps {
  /**
   * How often a snapshot is taken: `'1h'`, `'12h'`, `'1d'`… Redshift takes 1 to 24 hours; EBS
   * volumes (Data Lifecycle Manager) take 1, 2, 3, 4, 6, 8, 12 or 24 hours. For recovery points
   * closer together, use point-in-time restore (RDS backup retention, or `BackupRule.continuous()`).
   */
  readonly every: string;
  /**
   * Redshift warehouses whose automated snapshots follow this schedule (instead of Redshift's
   * default of every 8 hours or 5 GB per node).
   * @default - none
   */
  readonly redshift?: readonly MultiAzDatabase[];
  /**
   * EBS volumes to snapshot, found by tag (`aws_dlm_lifecycle_policy`): every volume carrying all the tags.
   * @default - none
   */
  readonly volumes?: { readonly tags: Readonly<Record<string, string>> };
  /**
   * Days EBS snapshots are kept (Redshift keeps automated snapshots for the warehouse's `backupRetentionDays`).
   * @default 7
   */
  readonly retentionDays?: number;
  /**
   * Copy the Redshift warehouses' automated snapshots to another Region (cross-region snapshot
   * copy, with a snapshot copy grant and key there, since the warehouse is encrypted).
   * @default - no copy
   */
  readonly copyToRegion?: { readonly region: string; readonly retentionDays?: number };
  /** @default - only the `resilience:` tags */
  readonly tags?: Readonly<Record<string, string>>;
}

/** AWS managed policy of the role Data Lifecycle Manager assumes for EBS snapshots. */
const DLM_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AWSDataLifecycleManagerServiceRole";
const DEFAULT_RETENTION_DAYS = 7;

const BRAND = Symbol.for("cdktf-resilience.SnapshotSchedule");

/**
 * Snapshots on a fixed interval: a Redshift snapshot schedule associated with each warehouse
 * (optionally copied to another Region), and/or a Data Lifecycle Manager policy for tagged EBS
 * volumes. An interval the service does not accept (e.g. 15 minutes) fails synth with the allowed
 * values and where to get finer recovery points.
 */
export class SnapshotSchedule extends Construct {
  static isSnapshotSchedule(x: unknown): x is SnapshotSchedule {
    return typeof x === "object" && x !== null && BRAND in x;
  }

  readonly redshiftSchedule?: RedshiftSnapshotSchedule;
  readonly lifecyclePolicy?: DlmLifecyclePolicy;

  constructor(scope: Construct, id: string, props: SnapshotScheduleProps) {
    super(scope, id);
    assertSameToolchain("SnapshotSchedule", this);
    Object.defineProperty(this, BRAND, { value: true });
    const parsed = parseProps(snapshotScheduleSchema(), "SnapshotSchedule", this.node.path, props) as SnapshotScheduleProps;
    const minutes = intervalMinutes(parsed.every) as number;
    attachRules(this, "SnapshotSchedule", SNAPSHOT_RULES, () => ({ props: parsed, minutes }));

    const pathParts = this.node.scopes.slice(1).map((s) => s.node.id);
    const name = defaultIdentifier(pathParts, this.node.addr, 63);
    const tags = { ...parsed.tags, [TAG.topology]: pathParts.slice(1).join("/") || id };
    const hours = Math.max(1, Math.round(minutes / 60));

    const warehouses = (parsed.redshift ?? []).flatMap((db) => (db.resources.kind === "redshift" ? [db.resources.cluster] : []));
    if (warehouses.length) {
      const schedule = new RedshiftSnapshotSchedule(this, "Resource", {
        identifier: name,
        description: `Snapshots every ${parsed.every} (cdktf-resilience)`,
        definitions: [`rate(${hours} hour${hours === 1 ? "" : "s"})`],
        tags,
      });
      this.redshiftSchedule = schedule;
      warehouses.forEach((cluster, i) => {
        new RedshiftSnapshotScheduleAssociation(this, `Association-${i}`, {
          clusterIdentifier: cluster.clusterIdentifier,
          scheduleIdentifier: schedule.identifier,
        });
      });
      if (parsed.copyToRegion) copyToRegion(this, name, warehouses, parsed.copyToRegion, tags);
    }

    if (parsed.volumes) {
      const role = new IamRole(this, "LifecycleRole", {
        namePrefix: `${name.slice(0, 32)}-dlm-`,
        description: `Data Lifecycle Manager snapshots the volumes of ${name} with this role (cdktf-resilience)`,
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: "dlm.amazonaws.com" }, Action: "sts:AssumeRole" }],
        }),
        tags,
      });
      new IamRolePolicyAttachment(this, "LifecycleRolePolicy", { role: role.name, policyArn: DLM_POLICY_ARN });
      // Rules fail synth on other intervals; render the nearest allowed one so synth reaches them.
      const interval = DLM_INTERVAL_HOURS.find((h) => h >= hours) ?? 24;
      this.lifecyclePolicy = new DlmLifecyclePolicy(this, "VolumePolicy", {
        // DLM descriptions take letters, digits, spaces, '-' and '_' only.
        description: `EBS snapshots every ${parsed.every} - cdktf-resilience`,
        executionRoleArn: role.arn,
        state: "ENABLED",
        policyDetails: {
          resourceTypes: ["VOLUME"],
          targetTags: { ...parsed.volumes.tags },
          schedule: [
            {
              name: `every ${parsed.every}`,
              copyTags: true,
              createRule: { interval, intervalUnit: "HOURS" },
              retainRule: { interval: parsed.retentionDays ?? DEFAULT_RETENTION_DAYS, intervalUnit: "DAYS" },
            },
          ],
        },
        tags,
      });
    }
  }
}

function copyToRegion(
  scope: Construct,
  name: string,
  warehouses: readonly RedshiftCluster[],
  target: NonNullable<SnapshotScheduleProps["copyToRegion"]>,
  tags: Record<string, string>,
): void {
  // An encrypted warehouse's snapshots are re-encrypted in the destination with a key there, which Redshift may use through a grant.
  const key = new KmsKey(scope, `CopyKey-${target.region}`, {
    description: `Redshift snapshot copies of ${name} in ${target.region} (cdktf-resilience)`,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    region: target.region,
    tags,
  });
  const grant = new RedshiftSnapshotCopyGrant(scope, `CopyGrant-${target.region}`, {
    snapshotCopyGrantName: name,
    kmsKeyId: key.arn,
    region: target.region,
    tags,
  });
  warehouses.forEach((cluster, i) => {
    new RedshiftSnapshotCopy(scope, `Copy-${i}`, {
      clusterIdentifier: cluster.clusterIdentifier,
      destinationRegion: target.region,
      retentionPeriod: target.retentionDays ?? DEFAULT_RETENTION_DAYS,
      snapshotCopyGrantName: grant.snapshotCopyGrantName,
    });
  });
}

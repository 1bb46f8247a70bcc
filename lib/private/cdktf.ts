/**
 * The single import point for `cdktf`, `constructs` and the AWS provider classes.
 *
 * Why one file: the CDK Terrain fork may replace `cdktf` one day, and that must be a one-file
 * change. Why deep imports: requiring the provider package's root loads every one of its ~2,200
 * resource classes (~2 s, ~500 MB); `@cdktf/provider-aws/lib/<resource>` loads one.
 * The lint config forbids these imports anywhere else.
 */

import { lazyClass } from "./lazy-class";

export { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
export { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
export { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
export { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
export { AwsProvider } from "@cdktf/provider-aws/lib/provider";
export { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster";
export { RdsClusterInstance } from "@cdktf/provider-aws/lib/rds-cluster-instance";
export { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
export { Subnet } from "@cdktf/provider-aws/lib/subnet";
export { Vpc } from "@cdktf/provider-aws/lib/vpc";
// Resolving a token to the Terraform expression it stands for (e.g. to find what references what).
export {
  Annotations,
  App,
  Aspects,
  DefaultTokenResolver,
  Fn,
  type IAspect,
  Lazy,
  StringConcat,
  TerraformElement,
  TerraformOutput,
  TerraformResource,
  TerraformStack,
  TerraformVariable,
  Testing,
  Token,
  Tokenization,
} from "cdktf";
export { Construct, type IConstruct, type IValidation, Node } from "constructs";

// Loaded on first use (see lazy-class.ts): the engines, endpoints and alarms a stack may not need.
export type CloudwatchEventRule = import("@cdktf/provider-aws/lib/cloudwatch-event-rule").CloudwatchEventRule;
export const CloudwatchEventRule = lazyClass(
  () =>
    (require("@cdktf/provider-aws/lib/cloudwatch-event-rule") as typeof import("@cdktf/provider-aws/lib/cloudwatch-event-rule"))
      .CloudwatchEventRule,
);
export type CloudwatchEventTarget = import("@cdktf/provider-aws/lib/cloudwatch-event-target").CloudwatchEventTarget;
export const CloudwatchEventTarget = lazyClass(
  () =>
    (require("@cdktf/provider-aws/lib/cloudwatch-event-target") as typeof import("@cdktf/provider-aws/lib/cloudwatch-event-target"))
      .CloudwatchEventTarget,
);
export type CloudwatchMetricAlarm = import("@cdktf/provider-aws/lib/cloudwatch-metric-alarm").CloudwatchMetricAlarm;
export const CloudwatchMetricAlarm = lazyClass(
  () =>
    (require("@cdktf/provider-aws/lib/cloudwatch-metric-alarm") as typeof import("@cdktf/provider-aws/lib/cloudwatch-metric-alarm"))
      .CloudwatchMetricAlarm,
);
export type DbProxy = import("@cdktf/provider-aws/lib/db-proxy").DbProxy;
export const DbProxy = lazyClass(
  () => (require("@cdktf/provider-aws/lib/db-proxy") as typeof import("@cdktf/provider-aws/lib/db-proxy")).DbProxy,
);
export type DbProxyDefaultTargetGroup = import("@cdktf/provider-aws/lib/db-proxy-default-target-group").DbProxyDefaultTargetGroup;
export const DbProxyDefaultTargetGroup = lazyClass(
  () =>
    (
      require("@cdktf/provider-aws/lib/db-proxy-default-target-group") as typeof import("@cdktf/provider-aws/lib/db-proxy-default-target-group")
    ).DbProxyDefaultTargetGroup,
);
export type DbProxyTarget = import("@cdktf/provider-aws/lib/db-proxy-target").DbProxyTarget;
export const DbProxyTarget = lazyClass(
  () => (require("@cdktf/provider-aws/lib/db-proxy-target") as typeof import("@cdktf/provider-aws/lib/db-proxy-target")).DbProxyTarget,
);
export type ElasticacheReplicationGroup = import("@cdktf/provider-aws/lib/elasticache-replication-group").ElasticacheReplicationGroup;
export const ElasticacheReplicationGroup = lazyClass(
  () =>
    (
      require("@cdktf/provider-aws/lib/elasticache-replication-group") as typeof import("@cdktf/provider-aws/lib/elasticache-replication-group")
    ).ElasticacheReplicationGroup,
);
export type ElasticacheSubnetGroup = import("@cdktf/provider-aws/lib/elasticache-subnet-group").ElasticacheSubnetGroup;
export const ElasticacheSubnetGroup = lazyClass(
  () =>
    (require("@cdktf/provider-aws/lib/elasticache-subnet-group") as typeof import("@cdktf/provider-aws/lib/elasticache-subnet-group"))
      .ElasticacheSubnetGroup,
);
export type IamRole = import("@cdktf/provider-aws/lib/iam-role").IamRole;
export const IamRole = lazyClass(
  () => (require("@cdktf/provider-aws/lib/iam-role") as typeof import("@cdktf/provider-aws/lib/iam-role")).IamRole,
);
export type IamRolePolicy = import("@cdktf/provider-aws/lib/iam-role-policy").IamRolePolicy;
export const IamRolePolicy = lazyClass(
  () => (require("@cdktf/provider-aws/lib/iam-role-policy") as typeof import("@cdktf/provider-aws/lib/iam-role-policy")).IamRolePolicy,
);
export type RedshiftCluster = import("@cdktf/provider-aws/lib/redshift-cluster").RedshiftCluster;
export const RedshiftCluster = lazyClass(
  () => (require("@cdktf/provider-aws/lib/redshift-cluster") as typeof import("@cdktf/provider-aws/lib/redshift-cluster")).RedshiftCluster,
);
export type RedshiftSubnetGroup = import("@cdktf/provider-aws/lib/redshift-subnet-group").RedshiftSubnetGroup;
export const RedshiftSubnetGroup = lazyClass(
  () =>
    (require("@cdktf/provider-aws/lib/redshift-subnet-group") as typeof import("@cdktf/provider-aws/lib/redshift-subnet-group"))
      .RedshiftSubnetGroup,
);
export type Route53Record = import("@cdktf/provider-aws/lib/route53-record").Route53Record;
export const Route53Record = lazyClass(
  () => (require("@cdktf/provider-aws/lib/route53-record") as typeof import("@cdktf/provider-aws/lib/route53-record")).Route53Record,
);
export type Route53Zone = import("@cdktf/provider-aws/lib/route53-zone").Route53Zone;
export const Route53Zone = lazyClass(
  () => (require("@cdktf/provider-aws/lib/route53-zone") as typeof import("@cdktf/provider-aws/lib/route53-zone")).Route53Zone,
);
export type SnsTopic = import("@cdktf/provider-aws/lib/sns-topic").SnsTopic;
export const SnsTopic = lazyClass(
  () => (require("@cdktf/provider-aws/lib/sns-topic") as typeof import("@cdktf/provider-aws/lib/sns-topic")).SnsTopic,
);
export type FisExperimentTemplate = import("@cdktf/provider-aws/lib/fis-experiment-template").FisExperimentTemplate;
export const FisExperimentTemplate = lazyClass(
  () =>
    (require("@cdktf/provider-aws/lib/fis-experiment-template") as typeof import("@cdktf/provider-aws/lib/fis-experiment-template"))
      .FisExperimentTemplate,
);
// Backups, snapshot schedules, restores and hibernation (lib/storage): loaded only by stacks that use them.
export type BackupPlan = import("@cdktf/provider-aws/lib/backup-plan").BackupPlan;
export const BackupPlan = lazyClass(
  () => (require("@cdktf/provider-aws/lib/backup-plan") as typeof import("@cdktf/provider-aws/lib/backup-plan")).BackupPlan,
);
export type BackupRestoreTestingPlan = import("@cdktf/provider-aws/lib/backup-restore-testing-plan").BackupRestoreTestingPlan;
export const BackupRestoreTestingPlan = lazyClass(
  () =>
    (require("@cdktf/provider-aws/lib/backup-restore-testing-plan") as typeof import("@cdktf/provider-aws/lib/backup-restore-testing-plan"))
      .BackupRestoreTestingPlan,
);
export type BackupRestoreTestingSelection =
  import("@cdktf/provider-aws/lib/backup-restore-testing-selection").BackupRestoreTestingSelection;
export const BackupRestoreTestingSelection = lazyClass(
  () =>
    (
      require("@cdktf/provider-aws/lib/backup-restore-testing-selection") as typeof import("@cdktf/provider-aws/lib/backup-restore-testing-selection")
    ).BackupRestoreTestingSelection,
);
export type BackupSelection = import("@cdktf/provider-aws/lib/backup-selection").BackupSelection;
export const BackupSelection = lazyClass(
  () => (require("@cdktf/provider-aws/lib/backup-selection") as typeof import("@cdktf/provider-aws/lib/backup-selection")).BackupSelection,
);
export type BackupVault = import("@cdktf/provider-aws/lib/backup-vault").BackupVault;
export const BackupVault = lazyClass(
  () => (require("@cdktf/provider-aws/lib/backup-vault") as typeof import("@cdktf/provider-aws/lib/backup-vault")).BackupVault,
);
export type BackupVaultLockConfiguration = import("@cdktf/provider-aws/lib/backup-vault-lock-configuration").BackupVaultLockConfiguration;
export const BackupVaultLockConfiguration = lazyClass(
  () =>
    (
      require("@cdktf/provider-aws/lib/backup-vault-lock-configuration") as typeof import("@cdktf/provider-aws/lib/backup-vault-lock-configuration")
    ).BackupVaultLockConfiguration,
);
export type DlmLifecyclePolicy = import("@cdktf/provider-aws/lib/dlm-lifecycle-policy").DlmLifecyclePolicy;
export const DlmLifecyclePolicy = lazyClass(
  () =>
    (require("@cdktf/provider-aws/lib/dlm-lifecycle-policy") as typeof import("@cdktf/provider-aws/lib/dlm-lifecycle-policy"))
      .DlmLifecyclePolicy,
);
export type IamRolePolicyAttachment = import("@cdktf/provider-aws/lib/iam-role-policy-attachment").IamRolePolicyAttachment;
export const IamRolePolicyAttachment = lazyClass(
  () =>
    (require("@cdktf/provider-aws/lib/iam-role-policy-attachment") as typeof import("@cdktf/provider-aws/lib/iam-role-policy-attachment"))
      .IamRolePolicyAttachment,
);
export type ResiliencehubResiliencyPolicy = import("@cdktf/provider-aws/lib/resiliencehub-resiliency-policy").ResiliencehubResiliencyPolicy;
export const ResiliencehubResiliencyPolicy = lazyClass(
  () =>
    (
      require("@cdktf/provider-aws/lib/resiliencehub-resiliency-policy") as typeof import("@cdktf/provider-aws/lib/resiliencehub-resiliency-policy")
    ).ResiliencehubResiliencyPolicy,
);
export type RedshiftScheduledAction = import("@cdktf/provider-aws/lib/redshift-scheduled-action").RedshiftScheduledAction;
export const RedshiftScheduledAction = lazyClass(
  () =>
    (require("@cdktf/provider-aws/lib/redshift-scheduled-action") as typeof import("@cdktf/provider-aws/lib/redshift-scheduled-action"))
      .RedshiftScheduledAction,
);
export type RedshiftSnapshotCopy = import("@cdktf/provider-aws/lib/redshift-snapshot-copy").RedshiftSnapshotCopy;
export const RedshiftSnapshotCopy = lazyClass(
  () =>
    (require("@cdktf/provider-aws/lib/redshift-snapshot-copy") as typeof import("@cdktf/provider-aws/lib/redshift-snapshot-copy"))
      .RedshiftSnapshotCopy,
);
export type RedshiftSnapshotSchedule = import("@cdktf/provider-aws/lib/redshift-snapshot-schedule").RedshiftSnapshotSchedule;
export const RedshiftSnapshotSchedule = lazyClass(
  () =>
    (require("@cdktf/provider-aws/lib/redshift-snapshot-schedule") as typeof import("@cdktf/provider-aws/lib/redshift-snapshot-schedule"))
      .RedshiftSnapshotSchedule,
);
export type RedshiftSnapshotScheduleAssociation =
  import("@cdktf/provider-aws/lib/redshift-snapshot-schedule-association").RedshiftSnapshotScheduleAssociation;
export const RedshiftSnapshotScheduleAssociation = lazyClass(
  () =>
    (
      require("@cdktf/provider-aws/lib/redshift-snapshot-schedule-association") as typeof import("@cdktf/provider-aws/lib/redshift-snapshot-schedule-association")
    ).RedshiftSnapshotScheduleAssociation,
);
export type SchedulerSchedule = import("@cdktf/provider-aws/lib/scheduler-schedule").SchedulerSchedule;
export const SchedulerSchedule = lazyClass(
  () =>
    (require("@cdktf/provider-aws/lib/scheduler-schedule") as typeof import("@cdktf/provider-aws/lib/scheduler-schedule"))
      .SchedulerSchedule,
);
export type RedshiftSnapshotCopyGrant = import("@cdktf/provider-aws/lib/redshift-snapshot-copy-grant").RedshiftSnapshotCopyGrant;
export const RedshiftSnapshotCopyGrant = lazyClass(
  () =>
    (
      require("@cdktf/provider-aws/lib/redshift-snapshot-copy-grant") as typeof import("@cdktf/provider-aws/lib/redshift-snapshot-copy-grant")
    ).RedshiftSnapshotCopyGrant,
);
// Contingency capacity (lib/capacity): the reservation, the spot pool and the interruption queue.
export type AutoscalingGroup = import("@cdktf/provider-aws/lib/autoscaling-group").AutoscalingGroup;
export const AutoscalingGroup = lazyClass(
  () =>
    (require("@cdktf/provider-aws/lib/autoscaling-group") as typeof import("@cdktf/provider-aws/lib/autoscaling-group")).AutoscalingGroup,
);
export type Ec2CapacityReservation = import("@cdktf/provider-aws/lib/ec2-capacity-reservation").Ec2CapacityReservation;
export const Ec2CapacityReservation = lazyClass(
  () =>
    (require("@cdktf/provider-aws/lib/ec2-capacity-reservation") as typeof import("@cdktf/provider-aws/lib/ec2-capacity-reservation"))
      .Ec2CapacityReservation,
);
export type LaunchTemplate = import("@cdktf/provider-aws/lib/launch-template").LaunchTemplate;
export const LaunchTemplate = lazyClass(
  () => (require("@cdktf/provider-aws/lib/launch-template") as typeof import("@cdktf/provider-aws/lib/launch-template")).LaunchTemplate,
);
export type SqsQueue = import("@cdktf/provider-aws/lib/sqs-queue").SqsQueue;
export const SqsQueue = lazyClass(
  () => (require("@cdktf/provider-aws/lib/sqs-queue") as typeof import("@cdktf/provider-aws/lib/sqs-queue")).SqsQueue,
);
export type SqsQueuePolicy = import("@cdktf/provider-aws/lib/sqs-queue-policy").SqsQueuePolicy;
export const SqsQueuePolicy = lazyClass(
  () => (require("@cdktf/provider-aws/lib/sqs-queue-policy") as typeof import("@cdktf/provider-aws/lib/sqs-queue-policy")).SqsQueuePolicy,
);

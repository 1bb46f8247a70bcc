/**
 * The single import point for the CDK toolchain (`cdktf` or CDK Terrain's `cdktn`), `constructs`
 * and the AWS provider classes.
 *
 * Why one file: the toolchain is chosen at load (see toolchain.ts), so every class must come from
 * the same place. Why deep paths: requiring the provider package's root loads every one of its
 * ~2,200 resource classes (~2 s, ~500 MB); `<provider>/lib/<resource>` loads one. The types are
 * cdktf's (CDK Terrain keeps its API). The lint config forbids these imports anywhere else.
 */

import type * as Cdktf from "cdktf";
import { lazyClass } from "./lazy-class";
import { toolchain } from "./toolchain";

const core = require(toolchain().core) as typeof Cdktf;

/** The provider module of one resource, from the chosen toolchain's AWS provider. */
function provider<M>(resource: string): M {
  return require(`${toolchain().provider}/lib/${resource}`) as M;
}

export type DbInstance = import("@cdktf/provider-aws/lib/db-instance").DbInstance;
export const DbInstance = provider<typeof import("@cdktf/provider-aws/lib/db-instance")>("db-instance").DbInstance;
export type DbSubnetGroup = import("@cdktf/provider-aws/lib/db-subnet-group").DbSubnetGroup;
export const DbSubnetGroup = provider<typeof import("@cdktf/provider-aws/lib/db-subnet-group")>("db-subnet-group").DbSubnetGroup;
export type KmsKey = import("@cdktf/provider-aws/lib/kms-key").KmsKey;
export const KmsKey = provider<typeof import("@cdktf/provider-aws/lib/kms-key")>("kms-key").KmsKey;
export type AwsProvider = import("@cdktf/provider-aws/lib/provider").AwsProvider;
export const AwsProvider = provider<typeof import("@cdktf/provider-aws/lib/provider")>("provider").AwsProvider;
export type RdsCluster = import("@cdktf/provider-aws/lib/rds-cluster").RdsCluster;
export const RdsCluster = provider<typeof import("@cdktf/provider-aws/lib/rds-cluster")>("rds-cluster").RdsCluster;
export type RdsClusterInstance = import("@cdktf/provider-aws/lib/rds-cluster-instance").RdsClusterInstance;
export const RdsClusterInstance =
  provider<typeof import("@cdktf/provider-aws/lib/rds-cluster-instance")>("rds-cluster-instance").RdsClusterInstance;
export type SecurityGroup = import("@cdktf/provider-aws/lib/security-group").SecurityGroup;
export const SecurityGroup = provider<typeof import("@cdktf/provider-aws/lib/security-group")>("security-group").SecurityGroup;
export type Subnet = import("@cdktf/provider-aws/lib/subnet").Subnet;
export const Subnet = provider<typeof import("@cdktf/provider-aws/lib/subnet")>("subnet").Subnet;
export type Vpc = import("@cdktf/provider-aws/lib/vpc").Vpc;
export const Vpc = provider<typeof import("@cdktf/provider-aws/lib/vpc")>("vpc").Vpc;

// The core library. Resolving a token to the Terraform expression it stands for (e.g. to find what references what).
export type Annotations = Cdktf.Annotations;
export const Annotations = core.Annotations;
export type App = Cdktf.App;
export const App = core.App;
export type Aspects = Cdktf.Aspects;
export const Aspects = core.Aspects;
export type DefaultTokenResolver = Cdktf.DefaultTokenResolver;
export const DefaultTokenResolver = core.DefaultTokenResolver;
export type Fn = Cdktf.Fn;
export const Fn = core.Fn;
export type StringConcat = Cdktf.StringConcat;
export const StringConcat = core.StringConcat;
export type TerraformOutput = Cdktf.TerraformOutput;
export const TerraformOutput = core.TerraformOutput;
export type TerraformResource = Cdktf.TerraformResource;
export const TerraformResource = core.TerraformResource;
export type TerraformStack = Cdktf.TerraformStack;
export const TerraformStack = core.TerraformStack;
export type TerraformVariable = Cdktf.TerraformVariable;
export const TerraformVariable = core.TerraformVariable;
export type Testing = Cdktf.Testing;
export const Testing = core.Testing;
export type Token = Cdktf.Token;
export const Token = core.Token;
export type Tokenization = Cdktf.Tokenization;
export const Tokenization = core.Tokenization;
export type IAspect = Cdktf.IAspect;
export { Construct, type IConstruct } from "constructs";

// Loaded on first use (see lazy-class.ts): the engines, endpoints and alarms a stack may not need.
export type CloudwatchEventRule = import("@cdktf/provider-aws/lib/cloudwatch-event-rule").CloudwatchEventRule;
export const CloudwatchEventRule = lazyClass(
  () => provider<typeof import("@cdktf/provider-aws/lib/cloudwatch-event-rule")>("cloudwatch-event-rule").CloudwatchEventRule,
);
export type CloudwatchEventTarget = import("@cdktf/provider-aws/lib/cloudwatch-event-target").CloudwatchEventTarget;
export const CloudwatchEventTarget = lazyClass(
  () => provider<typeof import("@cdktf/provider-aws/lib/cloudwatch-event-target")>("cloudwatch-event-target").CloudwatchEventTarget,
);
export type CloudwatchMetricAlarm = import("@cdktf/provider-aws/lib/cloudwatch-metric-alarm").CloudwatchMetricAlarm;
export const CloudwatchMetricAlarm = lazyClass(
  () => provider<typeof import("@cdktf/provider-aws/lib/cloudwatch-metric-alarm")>("cloudwatch-metric-alarm").CloudwatchMetricAlarm,
);
export type DbProxy = import("@cdktf/provider-aws/lib/db-proxy").DbProxy;
export const DbProxy = lazyClass(() => provider<typeof import("@cdktf/provider-aws/lib/db-proxy")>("db-proxy").DbProxy);
export type DbProxyDefaultTargetGroup = import("@cdktf/provider-aws/lib/db-proxy-default-target-group").DbProxyDefaultTargetGroup;
export const DbProxyDefaultTargetGroup = lazyClass(
  () =>
    provider<typeof import("@cdktf/provider-aws/lib/db-proxy-default-target-group")>("db-proxy-default-target-group")
      .DbProxyDefaultTargetGroup,
);
export type DbProxyTarget = import("@cdktf/provider-aws/lib/db-proxy-target").DbProxyTarget;
export const DbProxyTarget = lazyClass(
  () => provider<typeof import("@cdktf/provider-aws/lib/db-proxy-target")>("db-proxy-target").DbProxyTarget,
);
export type ElasticacheReplicationGroup = import("@cdktf/provider-aws/lib/elasticache-replication-group").ElasticacheReplicationGroup;
export const ElasticacheReplicationGroup = lazyClass(
  () =>
    provider<typeof import("@cdktf/provider-aws/lib/elasticache-replication-group")>("elasticache-replication-group")
      .ElasticacheReplicationGroup,
);
export type ElasticacheSubnetGroup = import("@cdktf/provider-aws/lib/elasticache-subnet-group").ElasticacheSubnetGroup;
export const ElasticacheSubnetGroup = lazyClass(
  () => provider<typeof import("@cdktf/provider-aws/lib/elasticache-subnet-group")>("elasticache-subnet-group").ElasticacheSubnetGroup,
);
export type IamRole = import("@cdktf/provider-aws/lib/iam-role").IamRole;
export const IamRole = lazyClass(() => provider<typeof import("@cdktf/provider-aws/lib/iam-role")>("iam-role").IamRole);
export type IamRolePolicy = import("@cdktf/provider-aws/lib/iam-role-policy").IamRolePolicy;
export const IamRolePolicy = lazyClass(
  () => provider<typeof import("@cdktf/provider-aws/lib/iam-role-policy")>("iam-role-policy").IamRolePolicy,
);
export type RedshiftCluster = import("@cdktf/provider-aws/lib/redshift-cluster").RedshiftCluster;
export const RedshiftCluster = lazyClass(
  () => provider<typeof import("@cdktf/provider-aws/lib/redshift-cluster")>("redshift-cluster").RedshiftCluster,
);
export type RedshiftSubnetGroup = import("@cdktf/provider-aws/lib/redshift-subnet-group").RedshiftSubnetGroup;
export const RedshiftSubnetGroup = lazyClass(
  () => provider<typeof import("@cdktf/provider-aws/lib/redshift-subnet-group")>("redshift-subnet-group").RedshiftSubnetGroup,
);
export type Route53Record = import("@cdktf/provider-aws/lib/route53-record").Route53Record;
export const Route53Record = lazyClass(
  () => provider<typeof import("@cdktf/provider-aws/lib/route53-record")>("route53-record").Route53Record,
);
export type Route53Zone = import("@cdktf/provider-aws/lib/route53-zone").Route53Zone;
export const Route53Zone = lazyClass(() => provider<typeof import("@cdktf/provider-aws/lib/route53-zone")>("route53-zone").Route53Zone);
export type SnsTopic = import("@cdktf/provider-aws/lib/sns-topic").SnsTopic;
export const SnsTopic = lazyClass(() => provider<typeof import("@cdktf/provider-aws/lib/sns-topic")>("sns-topic").SnsTopic);
export type FisExperimentTemplate = import("@cdktf/provider-aws/lib/fis-experiment-template").FisExperimentTemplate;
export const FisExperimentTemplate = lazyClass(
  () => provider<typeof import("@cdktf/provider-aws/lib/fis-experiment-template")>("fis-experiment-template").FisExperimentTemplate,
);
// Backups, snapshot schedules, restores and hibernation (lib/storage): loaded only by stacks that use them.
export type BackupPlan = import("@cdktf/provider-aws/lib/backup-plan").BackupPlan;
export const BackupPlan = lazyClass(() => provider<typeof import("@cdktf/provider-aws/lib/backup-plan")>("backup-plan").BackupPlan);
export type BackupRestoreTestingPlan = import("@cdktf/provider-aws/lib/backup-restore-testing-plan").BackupRestoreTestingPlan;
export const BackupRestoreTestingPlan = lazyClass(
  () =>
    provider<typeof import("@cdktf/provider-aws/lib/backup-restore-testing-plan")>("backup-restore-testing-plan").BackupRestoreTestingPlan,
);
export type BackupRestoreTestingSelection =
  import("@cdktf/provider-aws/lib/backup-restore-testing-selection").BackupRestoreTestingSelection;
export const BackupRestoreTestingSelection = lazyClass(
  () =>
    provider<typeof import("@cdktf/provider-aws/lib/backup-restore-testing-selection")>("backup-restore-testing-selection")
      .BackupRestoreTestingSelection,
);
export type BackupSelection = import("@cdktf/provider-aws/lib/backup-selection").BackupSelection;
export const BackupSelection = lazyClass(
  () => provider<typeof import("@cdktf/provider-aws/lib/backup-selection")>("backup-selection").BackupSelection,
);
export type BackupVault = import("@cdktf/provider-aws/lib/backup-vault").BackupVault;
export const BackupVault = lazyClass(() => provider<typeof import("@cdktf/provider-aws/lib/backup-vault")>("backup-vault").BackupVault);
export type BackupVaultLockConfiguration = import("@cdktf/provider-aws/lib/backup-vault-lock-configuration").BackupVaultLockConfiguration;
export const BackupVaultLockConfiguration = lazyClass(
  () =>
    provider<typeof import("@cdktf/provider-aws/lib/backup-vault-lock-configuration")>("backup-vault-lock-configuration")
      .BackupVaultLockConfiguration,
);
export type DlmLifecyclePolicy = import("@cdktf/provider-aws/lib/dlm-lifecycle-policy").DlmLifecyclePolicy;
export const DlmLifecyclePolicy = lazyClass(
  () => provider<typeof import("@cdktf/provider-aws/lib/dlm-lifecycle-policy")>("dlm-lifecycle-policy").DlmLifecyclePolicy,
);
export type IamRolePolicyAttachment = import("@cdktf/provider-aws/lib/iam-role-policy-attachment").IamRolePolicyAttachment;
export const IamRolePolicyAttachment = lazyClass(
  () => provider<typeof import("@cdktf/provider-aws/lib/iam-role-policy-attachment")>("iam-role-policy-attachment").IamRolePolicyAttachment,
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
  () => provider<typeof import("@cdktf/provider-aws/lib/redshift-scheduled-action")>("redshift-scheduled-action").RedshiftScheduledAction,
);
export type RedshiftSnapshotCopy = import("@cdktf/provider-aws/lib/redshift-snapshot-copy").RedshiftSnapshotCopy;
export const RedshiftSnapshotCopy = lazyClass(
  () => provider<typeof import("@cdktf/provider-aws/lib/redshift-snapshot-copy")>("redshift-snapshot-copy").RedshiftSnapshotCopy,
);
export type RedshiftSnapshotSchedule = import("@cdktf/provider-aws/lib/redshift-snapshot-schedule").RedshiftSnapshotSchedule;
export const RedshiftSnapshotSchedule = lazyClass(
  () =>
    provider<typeof import("@cdktf/provider-aws/lib/redshift-snapshot-schedule")>("redshift-snapshot-schedule").RedshiftSnapshotSchedule,
);
export type RedshiftSnapshotScheduleAssociation =
  import("@cdktf/provider-aws/lib/redshift-snapshot-schedule-association").RedshiftSnapshotScheduleAssociation;
export const RedshiftSnapshotScheduleAssociation = lazyClass(
  () =>
    provider<typeof import("@cdktf/provider-aws/lib/redshift-snapshot-schedule-association")>("redshift-snapshot-schedule-association")
      .RedshiftSnapshotScheduleAssociation,
);
export type SchedulerSchedule = import("@cdktf/provider-aws/lib/scheduler-schedule").SchedulerSchedule;
export const SchedulerSchedule = lazyClass(
  () => provider<typeof import("@cdktf/provider-aws/lib/scheduler-schedule")>("scheduler-schedule").SchedulerSchedule,
);
export type RedshiftSnapshotCopyGrant = import("@cdktf/provider-aws/lib/redshift-snapshot-copy-grant").RedshiftSnapshotCopyGrant;
export const RedshiftSnapshotCopyGrant = lazyClass(
  () =>
    provider<typeof import("@cdktf/provider-aws/lib/redshift-snapshot-copy-grant")>("redshift-snapshot-copy-grant")
      .RedshiftSnapshotCopyGrant,
);
// Contingency capacity (lib/capacity): the reservation, the spot pool and the interruption queue.
export type AutoscalingGroup = import("@cdktf/provider-aws/lib/autoscaling-group").AutoscalingGroup;
export const AutoscalingGroup = lazyClass(
  () => provider<typeof import("@cdktf/provider-aws/lib/autoscaling-group")>("autoscaling-group").AutoscalingGroup,
);
export type Ec2CapacityReservation = import("@cdktf/provider-aws/lib/ec2-capacity-reservation").Ec2CapacityReservation;
export const Ec2CapacityReservation = lazyClass(
  () => provider<typeof import("@cdktf/provider-aws/lib/ec2-capacity-reservation")>("ec2-capacity-reservation").Ec2CapacityReservation,
);
export type LaunchTemplate = import("@cdktf/provider-aws/lib/launch-template").LaunchTemplate;
export const LaunchTemplate = lazyClass(
  () => provider<typeof import("@cdktf/provider-aws/lib/launch-template")>("launch-template").LaunchTemplate,
);
export type SqsQueue = import("@cdktf/provider-aws/lib/sqs-queue").SqsQueue;
export const SqsQueue = lazyClass(() => provider<typeof import("@cdktf/provider-aws/lib/sqs-queue")>("sqs-queue").SqsQueue);
export type SqsQueuePolicy = import("@cdktf/provider-aws/lib/sqs-queue-policy").SqsQueuePolicy;
export const SqsQueuePolicy = lazyClass(
  () => provider<typeof import("@cdktf/provider-aws/lib/sqs-queue-policy")>("sqs-queue-policy").SqsQueuePolicy,
);

import type { PolicyRule } from "./policy-rule";
import { asgCapacityRebalance } from "./rules/asg-capacity-rebalance";
import { asgLoadBalancerHealthCheck } from "./rules/asg-load-balancer-health-check";
import { backupVaultKms } from "./rules/backup-vault-kms";
import { elasticacheEncryptionAtRest } from "./rules/elasticache-encryption-at-rest";
import { elasticacheEncryptionInTransit } from "./rules/elasticache-encryption-in-transit";
import { elasticacheFinalSnapshot } from "./rules/elasticache-final-snapshot";
import { elasticacheMultiAz } from "./rules/elasticache-multi-az";
import { elasticacheSnapshotRetention } from "./rules/elasticache-snapshot-retention";
import { finalSnapshotKept } from "./rules/final-snapshot";
import { fisRoleLeastPrivilege } from "./rules/fis-role-least-privilege";
import { launchTemplateEbsEncrypted } from "./rules/launch-template-ebs-encrypted";
import { notPubliclyAccessible } from "./rules/not-publicly-accessible";
import { rdsBackupRetention } from "./rules/rds-backup-retention";
import { rdsCopyTagsToSnapshot } from "./rules/rds-copy-tags-to-snapshot";
import { rdsDeletionProtection } from "./rules/rds-deletion-protection";
import { rdsIamAuth } from "./rules/rds-iam-auth";
import { rdsInBackupPlan } from "./rules/rds-in-backup-plan";
import { rdsMultiAz } from "./rules/rds-multi-az";
import { rdsStorageEncrypted } from "./rules/rds-storage-encrypted";
import { redshiftEncrypted } from "./rules/redshift-encrypted";
import { redshiftMultiAz } from "./rules/redshift-multi-az";
import { redshiftSnapshotRetention } from "./rules/redshift-snapshot-retention";

/**
 * The SecureDefaults policy pack. Severity: `error` where a setting exposes or loses data, or
 * defeats the multi-AZ topology this package exists for; `warning` for hardening a team may
 * reasonably decline (and then acknowledges with a reason). Ids are a public contract: never
 * renamed, only added.
 */

const RDS = ["aws_rds_cluster", "aws_db_instance"];
const REDSHIFT = ["aws_redshift_cluster"];
const REPLICATION_GROUP = ["aws_elasticache_replication_group"];
const none = { checkov: [], cdkNag: [], trivy: [] } as const;

export const POLICY_RULES: readonly PolicyRule[] = [
  {
    id: "RES-RDS-ENCRYPTION",
    severity: "error",
    resourceTypes: RDS,
    problem: "storage is not encrypted at rest",
    explanation:
      "Unencrypted storage exposes the data, its automated backups, snapshots and replicas; encryption cannot be turned on later without a restore.",
    fix: "set storage_encrypted = true (MultiAzDatabase does), with kms_key_id for a customer managed key",
    mapped: { checkov: ["CKV_AWS_16", "CKV_AWS_96"], cdkNag: ["AwsSolutions-RDS2"], trivy: ["AVD-AWS-0079", "AVD-AWS-0080"] },
    check: rdsStorageEncrypted,
  },
  {
    id: "RES-RDS-DELETION-PROTECTION",
    severity: "warning",
    resourceTypes: RDS,
    problem: "deletion protection is off",
    explanation: "Without it a `terraform destroy`, or a replacement forced by a changed attribute, deletes the database.",
    fix: "set deletion_protection = true (MultiAzDatabase's default; deletionProtection: false turns it off)",
    mapped: { checkov: ["CKV_AWS_139", "CKV_AWS_293"], cdkNag: ["AwsSolutions-RDS10"], trivy: ["AVD-AWS-0177", "AVD-AWS-0343"] },
    check: rdsDeletionProtection,
  },
  {
    id: "RES-RDS-FINAL-SNAPSHOT",
    severity: "error",
    resourceTypes: RDS,
    problem: "no final snapshot would be kept on delete",
    explanation:
      "Deleting the database without a final snapshot loses everything after the last backup. RDS also refuses to delete without final_snapshot_identifier when the snapshot is not skipped, which pushes teams to skip it.",
    fix: "set skip_final_snapshot = false and a final_snapshot_identifier that will not collide (MultiAzDatabase derives one from the creation time)",
    mapped: none,
    check: finalSnapshotKept,
  },
  {
    id: "RES-RDS-COPY-TAGS-TO-SNAPSHOT",
    severity: "warning",
    resourceTypes: RDS,
    problem: "tags are not copied to snapshots",
    explanation: "Snapshots without the database's tags escape tag-based backup, cost and access policies.",
    fix: "set copy_tags_to_snapshot = true",
    mapped: { checkov: ["CKV_AWS_313", "CKV2_AWS_60"], cdkNag: [], trivy: [] },
    check: rdsCopyTagsToSnapshot,
  },
  {
    id: "RES-RDS-PUBLIC-ACCESS",
    severity: "error",
    resourceTypes: ["aws_db_instance", "aws_rds_cluster_instance", "aws_rds_cluster"],
    problem: "the database is publicly accessible",
    explanation:
      "A public endpoint resolves to a public IP; the security group becomes the only thing between the database and the internet.",
    fix: "set publicly_accessible = false (the default) and reach the database from inside the VPC",
    mapped: {
      checkov: ["CKV_AWS_17"],
      cdkNag: ["NIST.800.53.R5-RDSInstancePublicAccess", "HIPAA.Security-RDSInstancePublicAccess"],
      trivy: ["AVD-AWS-0180"],
    },
    check: notPubliclyAccessible,
  },
  {
    id: "RES-RDS-BACKUP-RETENTION",
    severity: "warning",
    resourceTypes: RDS,
    problem: "automated backups are kept for less than 7 days",
    explanation:
      "Point-in-time restore reaches back only as far as the retention; a problem noticed after a weekend cannot be undone with 1 day.",
    fix: "set backup_retention_period to 7 or more (backupRetentionDays on MultiAzDatabase; 7 is its default)",
    mapped: {
      checkov: ["CKV_AWS_133"],
      cdkNag: ["AwsSolutions-RDS13"],
      trivy: ["AVD-AWS-0077"],
      note: "CKV_AWS_133 and AwsSolutions-RDS13 only require backups to be on (≥ 1 day); AVD-AWS-0077 requires more than the default 1 day",
    },
    check: rdsBackupRetention,
  },
  {
    id: "RES-RDS-BACKUP-PLAN",
    severity: "warning",
    resourceTypes: RDS,
    problem: "no AWS Backup plan selects the database by ARN",
    explanation:
      "Automated backups die with the database; an AWS Backup plan keeps copies in a vault (optionally in another Region or account). Selecting by ARN, not by tag, keeps a re-tagged database in the plan.",
    fix: "add an aws_backup_selection whose resources list the database's arn",
    mapped: {
      checkov: ["CKV2_AWS_8"],
      cdkNag: ["NIST.800.53.R5-RDSInBackupPlan"],
      trivy: [],
      note: "CKV2_AWS_8 checks aws_rds_cluster only",
    },
    check: rdsInBackupPlan,
  },
  {
    id: "RES-RDS-MULTI-AZ",
    severity: "error",
    resourceTypes: RDS,
    problem: "the database does not span two Availability Zones",
    explanation: "With every copy in one zone, losing that zone takes the database down until it is restored elsewhere.",
    fix: "aws_db_instance: set multi_az = true; Aurora: add an aws_rds_cluster_instance in another zone (MultiAzDatabase requires a failover standby)",
    mapped: {
      checkov: ["CKV_AWS_157"],
      cdkNag: ["NIST.800.53.R5-RDSMultiAZSupport"],
      trivy: [],
      note: "the mapped checks cover aws_db_instance only",
    },
    check: rdsMultiAz,
  },
  {
    id: "RES-RDS-IAM-AUTH",
    severity: "warning",
    resourceTypes: RDS,
    problem: "IAM database authentication is off",
    explanation: "IAM authentication replaces long-lived database passwords with short-lived tokens tied to IAM identities.",
    fix: "set iam_database_authentication_enabled = true",
    mapped: { checkov: ["CKV_AWS_161", "CKV_AWS_162"], cdkNag: ["AwsSolutions-RDS6"], trivy: ["AVD-AWS-0176"] },
    check: rdsIamAuth,
  },
  {
    id: "RES-REDSHIFT-ENCRYPTION",
    severity: "error",
    resourceTypes: REDSHIFT,
    problem: "the cluster is not encrypted at rest",
    explanation: "Unencrypted clusters expose the warehouse data and its snapshots.",
    fix: "set encrypted = true (the AWS provider v6 default), with kms_key_id for a customer managed key",
    mapped: {
      checkov: ["CKV_AWS_64"],
      cdkNag: ["AwsSolutions-RS6"],
      trivy: ["AVD-AWS-0084"],
      note: "AVD-AWS-0084 also requires a customer managed key",
    },
    check: redshiftEncrypted,
  },
  {
    id: "RES-REDSHIFT-PUBLIC-ACCESS",
    severity: "error",
    resourceTypes: REDSHIFT,
    problem: "the cluster is publicly accessible",
    explanation: "A public cluster endpoint leaves the security group as the only barrier to the internet.",
    fix: "set publicly_accessible = false (the AWS provider v6 default)",
    mapped: { checkov: ["CKV_AWS_87"], cdkNag: ["AwsSolutions-RS8"], trivy: [] },
    check: notPubliclyAccessible,
  },
  {
    id: "RES-REDSHIFT-FINAL-SNAPSHOT",
    severity: "error",
    resourceTypes: REDSHIFT,
    problem: "no final snapshot would be kept on delete",
    explanation: "Deleting the cluster without a final snapshot loses the data since the last automated snapshot.",
    fix: "set skip_final_snapshot = false and a final_snapshot_identifier",
    mapped: none,
    check: finalSnapshotKept,
  },
  {
    id: "RES-REDSHIFT-BACKUP-RETENTION",
    severity: "warning",
    resourceTypes: REDSHIFT,
    problem: "automated snapshots are kept for less than 7 days",
    explanation:
      "Automated snapshots are the restore points of the cluster; 1 day (the default) rarely covers the time to notice a problem.",
    fix: "set automated_snapshot_retention_period to 7 or more",
    mapped: {
      checkov: ["CKV_AWS_343"],
      cdkNag: ["AwsSolutions-RS10"],
      trivy: [],
      note: "CKV_AWS_343 and AwsSolutions-RS10 only require automated snapshots to be on",
    },
    check: redshiftSnapshotRetention,
  },
  {
    id: "RES-REDSHIFT-MULTI-AZ",
    severity: "error",
    resourceTypes: REDSHIFT,
    problem: "the cluster is not Multi-AZ",
    explanation: "A single-AZ cluster is unavailable for as long as its zone is; a Multi-AZ (RA3) cluster keeps compute in a second zone.",
    fix: "set multi_az = true (needs an RA3 node type and at least two nodes)",
    mapped: none,
    check: redshiftMultiAz,
  },
  {
    id: "RES-ELASTICACHE-ENCRYPTION-AT-REST",
    severity: "error",
    resourceTypes: REPLICATION_GROUP,
    problem: "data at rest is not encrypted",
    explanation: "Snapshots and swap of an unencrypted cache hold the cached data in clear text.",
    fix: "set at_rest_encryption_enabled = true (the default only for the valkey engine)",
    mapped: {
      checkov: ["CKV_AWS_29"],
      cdkNag: ["AwsSolutions-AEC3"],
      trivy: ["AVD-AWS-0045"],
      note: "AwsSolutions-AEC3 checks at rest and in transit together",
    },
    check: elasticacheEncryptionAtRest,
  },
  {
    id: "RES-ELASTICACHE-ENCRYPTION-IN-TRANSIT",
    severity: "error",
    resourceTypes: REPLICATION_GROUP,
    problem: "traffic is not encrypted in transit",
    explanation: "Without TLS, cached data and AUTH tokens cross the network in clear text.",
    fix: "set transit_encryption_enabled = true",
    mapped: { checkov: ["CKV_AWS_30"], cdkNag: ["AwsSolutions-AEC3"], trivy: ["AVD-AWS-0051"] },
    check: elasticacheEncryptionInTransit,
  },
  {
    id: "RES-ELASTICACHE-SNAPSHOT-RETENTION",
    severity: "warning",
    resourceTypes: [...REPLICATION_GROUP, "aws_elasticache_cluster"],
    problem: "snapshots are kept for less than 15 days",
    explanation:
      "A cache that must survive a restart or a failed failover needs snapshots; 15 days follows AWS Config's elasticache-redis-cluster-automatic-backup-check.",
    fix: "set snapshot_retention_limit to 15 or more",
    mapped: {
      checkov: ["CKV_AWS_134"],
      cdkNag: ["NIST.800.53.R5-ElastiCacheRedisClusterAutomaticBackup"],
      trivy: ["AVD-AWS-0050"],
      note: "CKV_AWS_134 and AVD-AWS-0050 only require snapshots to be on, for aws_elasticache_cluster",
    },
    check: elasticacheSnapshotRetention,
  },
  {
    id: "RES-ELASTICACHE-MULTI-AZ",
    severity: "error",
    resourceTypes: REPLICATION_GROUP,
    problem: "Multi-AZ with automatic failover is off",
    explanation: "Without it, losing the primary's zone leaves the cache without a writable node until someone promotes a replica.",
    fix: "set multi_az_enabled = true and automatic_failover_enabled = true (needs at least two cache clusters)",
    mapped: {
      checkov: ["CKV2_AWS_50"],
      cdkNag: ["AwsSolutions-AEC4"],
      trivy: [],
      note: "CKV2_AWS_50 checks automatic_failover_enabled only",
    },
    check: elasticacheMultiAz,
  },
  {
    id: "RES-ELASTICACHE-FINAL-SNAPSHOT",
    severity: "warning",
    resourceTypes: REPLICATION_GROUP,
    problem: "no final snapshot would be kept on delete",
    explanation:
      "Deleting the replication group without a final snapshot loses the cache contents, and warming a cold cache loads the database behind it.",
    fix: "set final_snapshot_identifier",
    mapped: none,
    check: elasticacheFinalSnapshot,
  },
  {
    id: "RES-BACKUP-VAULT-KMS",
    severity: "warning",
    resourceTypes: ["aws_backup_vault"],
    problem: "the vault uses the AWS managed key",
    explanation: "With a customer managed key you control who can decrypt the recovery points and can share them across accounts.",
    fix: "set kms_key_arn to a customer managed key",
    mapped: { checkov: ["CKV_AWS_166"], cdkNag: [], trivy: [] },
    check: backupVaultKms,
  },
  {
    id: "RES-ASG-CAPACITY-REBALANCE",
    severity: "warning",
    resourceTypes: ["aws_autoscaling_group"],
    problem: "a spot group does not rebalance capacity",
    explanation:
      "Capacity rebalancing starts a replacement when EC2 signals elevated interruption risk, instead of after the two-minute interruption notice.",
    fix: "set capacity_rebalance = true",
    mapped: none,
    check: asgCapacityRebalance,
  },
  {
    id: "RES-ASG-HEALTH-CHECK",
    severity: "warning",
    resourceTypes: ["aws_autoscaling_group"],
    problem: "a load-balanced group uses EC2 health checks only",
    explanation:
      "EC2 status checks miss an instance that runs but no longer serves; the load balancer's checks catch it and the group replaces it.",
    fix: 'set health_check_type = "ELB" (and a health_check_grace_period that covers start-up)',
    mapped: { checkov: ["CKV2_AWS_15"], cdkNag: ["NIST.800.53.R5-AutoScalingGroupELBHealthCheckRequired"], trivy: [] },
    check: asgLoadBalancerHealthCheck,
  },
  {
    id: "RES-EC2-EBS-ENCRYPTION",
    severity: "error",
    resourceTypes: ["aws_launch_template"],
    problem: "the launch template can start instances with unencrypted EBS volumes",
    explanation: "Instances launched from the template (e.g. contingency capacity) would hold data on unencrypted volumes.",
    fix: "set ebs.encrypted = true on every block_device_mappings entry, or turn on aws_ebs_encryption_by_default",
    mapped: {
      checkov: [],
      cdkNag: ["AwsSolutions-EC26"],
      trivy: [],
      note: "CKV_AWS_8 and AVD-AWS-0008 check launch configurations, not launch templates; AwsSolutions-EC26 checks templates through the instances using them",
    },
    check: launchTemplateEbsEncrypted,
  },
  {
    id: "RES-FIS-ROLE-SCOPE",
    severity: "error",
    resourceTypes: ["aws_fis_experiment_template"],
    problem: "the experiment's role grants wildcard permissions",
    explanation:
      "FIS acts with this role; a `*` action, or a state-changing action on every resource, lets a drill (or a mistake in one) reach far beyond its targets.",
    fix: 'grant only the actions the experiment uses, on the target ARNs (or with a condition such as aws:ResourceTag), never "*" or "service:*"',
    mapped: {
      checkov: ["CKV_AWS_63", "CKV_AWS_355", "CKV_AWS_290"],
      cdkNag: ["AwsSolutions-IAM5"],
      trivy: ["AVD-AWS-0057"],
      note: "the mapped checks apply to every IAM policy; this rule follows the role of each FIS experiment template",
    },
    check: fisRoleLeastPrivilege,
  },
];

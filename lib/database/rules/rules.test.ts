import { describe, expect, test } from "vitest";
import { MINIMAL, newStack, propsError, stackWith, subnets, validationError } from "../../../test/helpers/databases";
import type { MultiAzDatabaseProps } from "../..";
import { Acknowledge, MultiAzDatabase } from "../..";
import { RdsClusterInstance } from "../../private/cdktf";
import { synth, warningsOf } from "../../testing";
import { multiAzDatabaseRules } from "./table";

const A = MINIMAL.aurora;
const M = MINIMAL.multiAzCluster;
const R = MINIMAL.redshift;
const E = MINIMAL.elasticache;
const subnetD = { subnetId: "subnet-d", availabilityZone: "us-east-1d" };
const twoZones = subnets.slice(0, 2);
const WAIVE =
  "; or accept the risk on this construct itself: Acknowledge.of(construct).add('resilience:failover-standby-in-other-zone', reason)";

/** [rule id, case, props, the exact line synth reports for it] */
const ERROR_CASES: readonly [string, string, MultiAzDatabaseProps, string][] = [
  [
    "resilience:subnets-span-two-zones",
    "ElastiCache subnets in one zone",
    {
      ...E,
      subnets: [subnets[0], { ...subnets[0], subnetId: "subnet-a2" }] as typeof subnets,
      replicaAvailabilityZones: ["us-east-1a"],
    },
    "subnets: subnets cover 1 Availability Zone (us-east-1a); a subnet group needs at least 2. Fix: add subnets in at least two Availability Zones",
  ],
  [
    "resilience:subnets-span-three-zones",
    "Multi-AZ DB cluster in two zones",
    { ...M, subnets: twoZones },
    "subnets: subnets cover 2 Availability Zones (us-east-1a, us-east-1b); a Multi-AZ DB cluster puts its writer and two standbys in 3 different zones. Fix: add a subnet in a third Availability Zone",
  ],
  [
    "resilience:subnets-span-three-zones",
    "Redshift in two zones",
    { ...R, subnets: twoZones },
    "subnets: subnets cover 2 Availability Zones (us-east-1a, us-east-1b); Redshift Multi-AZ needs a subnet group in at least 3. Fix: add a subnet in a third Availability Zone",
  ],
  [
    "resilience:writer-zone-has-subnet",
    "Aurora writer in a zone without a subnet",
    { ...A, writer: { availabilityZone: "us-east-1f", instanceClass: "db.r6g.large" } },
    "writer.availabilityZone: 'us-east-1f' has no subnet in the database's subnet group (zones with subnets: us-east-1a, us-east-1b, us-east-1c). Fix: add a subnet in us-east-1f to subnets, or place the writer in one of us-east-1a, us-east-1b, us-east-1c",
  ],
  [
    "resilience:writer-zone-has-subnet",
    "Redshift coordinator in a zone without a subnet",
    { ...R, availabilityZone: "us-east-1d" },
    "availabilityZone: 'us-east-1d' has no subnet in the database's subnet group (zones with subnets: us-east-1a, us-east-1b, us-east-1c). Fix: add a subnet in us-east-1d to subnets, or place it in one of us-east-1a, us-east-1b, us-east-1c",
  ],
  [
    "resilience:writer-zone-has-subnet",
    "ElastiCache primary in a zone without a subnet",
    { ...E, primaryAvailabilityZone: "us-east-1d" },
    "primaryAvailabilityZone: 'us-east-1d' has no subnet in the database's subnet group (zones with subnets: us-east-1a, us-east-1b, us-east-1c). Fix: add a subnet in us-east-1d to subnets, or place it in one of us-east-1a, us-east-1b, us-east-1c",
  ],
  [
    "resilience:standby-zone-has-subnet",
    "Aurora standby in a zone without a subnet",
    { ...A, standbys: [{ id: "standby-d", availabilityZone: "us-east-1d", role: "failover" }] },
    "standbys[0].availabilityZone: 'us-east-1d' has no subnet in the database's subnet group (zones with subnets: us-east-1a, us-east-1b, us-east-1c). Fix: add a subnet in us-east-1d to subnets, or place the standby in one of us-east-1a, us-east-1b, us-east-1c",
  ],
  [
    "resilience:standby-zone-has-subnet",
    "ElastiCache replica in a zone without a subnet",
    { ...E, replicaAvailabilityZones: ["us-east-1d"] },
    "replicaAvailabilityZones[0]: 'us-east-1d' has no subnet in the database's subnet group (zones with subnets: us-east-1a, us-east-1b, us-east-1c). Fix: add a subnet in us-east-1d to subnets, or place the replica in one of us-east-1a, us-east-1b, us-east-1c",
  ],
  [
    "resilience:cluster-zones-have-subnets",
    "cluster zone without a subnet",
    { ...M, availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1d"] },
    "availabilityZones[2]: 'us-east-1d' has no subnet in the database's subnet group (zones with subnets: us-east-1a, us-east-1b, us-east-1c). Fix: add a subnet in us-east-1d to subnets, or place the cluster in one of us-east-1a, us-east-1b, us-east-1c",
  ],
  [
    "resilience:instances-in-cluster-zones",
    "Aurora reader outside the cluster's zones",
    {
      ...A,
      subnets: [...subnets, subnetD],
      availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
      standbys: [...A.standbys, { id: "report-d", availabilityZone: "us-east-1d", role: "read" }],
    },
    "standbys[1].availabilityZone: 'us-east-1d' is not one of the cluster's availabilityZones (us-east-1a, us-east-1b, us-east-1c), the only zones its instances can run in. Fix: place the instance in one of us-east-1a, us-east-1b, us-east-1c, or list us-east-1d in availabilityZones",
  ],
  [
    "resilience:standby-ids-unique",
    "two standbys with one id",
    {
      ...A,
      standbys: [
        { id: "standby-b", availabilityZone: "us-east-1b", role: "failover" },
        { id: "Standby-B", availabilityZone: "us-east-1c", role: "failover" },
      ],
    },
    "standbys[1].id: 'Standby-B' is already used by standbys[0] (ids are compared case-insensitively, as instance identifiers are). Fix: give each standby its own id",
  ],
  [
    "resilience:instance-identifier-length",
    "instance identifier over 63 characters",
    {
      ...A,
      clusterIdentifier: "a".repeat(48),
      standbys: [{ id: "standby-in-zone-b-x", availabilityZone: "us-east-1b", role: "failover" }],
    },
    `standbys[0].id: the instance identifier '${"a".repeat(48)}-standby-in-zone-b-x' has 68 characters; RDS allows 63. Fix: shorten the id to at most 14 characters, or set a shorter clusterIdentifier`,
  ],
  [
    "resilience:tier-matches-role",
    "failover standby with a reader's tier",
    { ...A, standbys: [{ id: "standby-b", availabilityZone: "us-east-1b", role: "failover", promotionTier: 3 }] },
    "standbys[0].promotionTier: a failover standby has promotion tier 3, so readers could outrank it. Fix: use promotion tier 1 for failover standbys, or set role: 'read'",
  ],
  [
    "resilience:tier-matches-role",
    "reader with a failover tier",
    { ...A, standbys: [...A.standbys, { id: "report-c", availabilityZone: "us-east-1c", role: "read", promotionTier: 1 }] },
    "standbys[1].promotionTier: a read replica has promotion tier 1, so it would be promoted before or with the failover standbys. Fix: use a promotion tier from 2 to 15 for readers, or set role: 'failover'",
  ],
  [
    "resilience:failover-standby-in-other-zone",
    "Aurora failover standby in the writer's zone",
    { ...A, standbys: [{ id: "standby-a", availabilityZone: "us-east-1a", role: "failover" }] },
    `standbys: no failover standby of the top promotion tier is in another Availability Zone than the writer (us-east-1a) with at least the writer's size (db.r6g.large); found: standby 'standby-a' (db.r6g.large in us-east-1a, tier 1). Fix: add a standby with role: 'failover' in a zone other than us-east-1a, with instanceClass omitted (same as the writer) or at least as large${WAIVE}`,
  ],
  [
    "resilience:failover-standby-in-other-zone",
    "Aurora Serverless v2 standby whose ceiling is below the provisioned writer",
    {
      ...A,
      writer: { availabilityZone: "us-east-1a", instanceClass: "db.r6g.2xlarge" },
      standbys: [{ id: "standby-b", availabilityZone: "us-east-1b", role: "failover", instanceClass: "db.serverless" }],
      serverlessV2Scaling: { minCapacity: 0.5, maxCapacity: 16 },
    },
    `standbys: no failover standby of the top promotion tier is in another Availability Zone than the writer (us-east-1a) with at least the writer's size (db.r6g.2xlarge); found: standby 'standby-b' (db.serverless in us-east-1b, tier 1). Fix: add a standby with role: 'failover' in a zone other than us-east-1a, with instanceClass omitted (same as the writer) or at least as large${WAIVE}`,
  ],
  [
    "resilience:failover-standby-in-other-zone",
    "provisioned standby below a Serverless v2 writer's ceiling",
    {
      ...A,
      writer: { availabilityZone: "us-east-1a", instanceClass: "db.serverless" },
      standbys: [{ id: "standby-b", availabilityZone: "us-east-1b", role: "failover", instanceClass: "db.r6g.large" }],
      serverlessV2Scaling: { minCapacity: 0.5, maxCapacity: 64 },
    },
    `standbys: no failover standby of the top promotion tier is in another Availability Zone than the writer (us-east-1a) with at least the writer's size (db.serverless up to 128 GiB); found: standby 'standby-b' (db.r6g.large in us-east-1b, tier 1). Fix: add a standby with role: 'failover' in a zone other than us-east-1a, with instanceClass omitted (same as the writer) or at least as large${WAIVE}`,
  ],
  [
    "resilience:failover-standby-in-other-zone",
    "ElastiCache replicas only in the primary's zone",
    { ...E, replicaAvailabilityZones: ["us-east-1a"] },
    `replicaAvailabilityZones: no replica is in another Availability Zone than the primary (us-east-1a), so losing that zone loses every node; found: replica-1 in us-east-1a. Fix: put at least one replica in a zone other than us-east-1a${WAIVE}`,
  ],
  [
    "resilience:serverless-needs-scaling",
    "db.serverless without a capacity range",
    { ...A, writer: { availabilityZone: "us-east-1a", instanceClass: "db.serverless" } },
    "serverlessV2Scaling: the writer and standby 'standby-b' are db.serverless, whose capacity is set on the cluster, but serverlessV2Scaling is not set; AWS rejects the instance. Fix: set serverlessV2Scaling: { minCapacity: 0.5, maxCapacity: <ACUs for the writer's peak, 1 ACU ≈ 2 GiB> }",
  ],
  [
    "resilience:window-length",
    "Aurora backup window of 15 minutes",
    { ...A, preferredBackupWindow: "03:00-03:15" },
    "preferredBackupWindow: '03:00-03:15' lasts 15 minutes; Aurora needs at least 30. Fix: make the window at least 30 minutes long",
  ],
  [
    "resilience:window-length",
    "ElastiCache maintenance window of 30 minutes",
    { ...E, preferredMaintenanceWindow: "sun:05:00-sun:05:30" },
    "preferredMaintenanceWindow: 'sun:05:00-sun:05:30' lasts 30 minutes; ElastiCache needs at least 60. Fix: make the window at least 60 minutes long",
  ],
  [
    "resilience:windows-do-not-overlap",
    "backup window across midnight into Monday's maintenance",
    { ...A, preferredBackupWindow: "23:30-00:30", preferredMaintenanceWindow: "mon:00:00-mon:01:00" },
    "preferredBackupWindow: '23:30-00:30' overlaps the maintenance window 'mon:00:00-mon:01:00' (the backup window recurs daily, in UTC); AWS rejects overlapping windows. Fix: move one window so they share no minute, e.g. end the backup window before the maintenance window starts",
  ],
  [
    "resilience:windows-do-not-overlap",
    "maintenance window across the end of the week",
    { ...E, preferredBackupWindow: "05:00-06:00", preferredMaintenanceWindow: "sun:23:00-mon:05:30" },
    "preferredBackupWindow: '05:00-06:00' overlaps the maintenance window 'sun:23:00-mon:05:30' (the backup window recurs daily, in UTC); AWS rejects overlapping windows. Fix: move one window so they share no minute, e.g. end the backup window before the maintenance window starts",
  ],
  [
    "resilience:redshift-ra3-node-type",
    "Redshift on DC2",
    { ...R, nodeType: "dc2.large" },
    "nodeType: 'dc2.large' is not an RA3 node type; Redshift runs Multi-AZ (a supporting cluster in a second zone) only on RA3. Fix: use an RA3 node type such as 'ra3.large', 'ra3.xlplus', 'ra3.4xlarge' or 'ra3.16xlarge'",
  ],
  [
    "resilience:redshift-two-nodes",
    "Redshift with one node",
    { ...R, numberOfNodes: 1 },
    "numberOfNodes: Redshift Multi-AZ needs at least 2 nodes in each zone (got 1); a single-node cluster cannot be Multi-AZ. Fix: set numberOfNodes to 2 or more",
  ],
  [
    "resilience:redshift-multi-az-port",
    "Redshift on port 6000",
    { ...R, port: 6000 },
    "port: port 6000 is outside the ranges Redshift Multi-AZ accepts (5431–5455, 8191–8215). Fix: use a port from 5431 to 5455 or from 8191 to 8215 (the default 5439 works)",
  ],
  [
    "resilience:elasticache-replica-for-failover",
    "ElastiCache without replicas",
    { ...E, replicaAvailabilityZones: [] },
    "replicaAvailabilityZones: no replica, so each shard is 1 cache cluster: Multi-AZ requires automatic failover, and automatic failover requires at least 2 cache clusters (a primary and a replica). Fix: add a zone other than us-east-1a to replicaAvailabilityZones",
  ],
  [
    "resilience:elasticache-cluster-mode-parameter-group",
    "ElastiCache shards on the default parameter group",
    { ...E, shards: 2 },
    "parameterGroupName: with 2 shards the group runs in cluster mode, which needs a parameter group with cluster-enabled set to yes; the engine's default group has it off. Fix: set parameterGroupName to a cluster-mode group, e.g. 'default.valkey8.cluster.on' (it must match the engine version)",
  ],
  [
    "resilience:multi-az-cluster-iops",
    "io1 without IOPS",
    { ...M, storageType: "io1" },
    "iops: io1 storage needs provisioned IOPS, and none are set. Fix: set iops, e.g. 3000",
  ],
  [
    "resilience:multi-az-cluster-iops",
    "gp3 IOPS below 400 GiB",
    { ...M, iops: 12000 },
    "iops: gp3 storage of 100 GiB has a fixed 3,000 IOPS baseline; IOPS can be provisioned only from 400 GiB. Fix: remove iops, or set allocatedStorageGib to 400 or more",
  ],
];

const NO_INSTANCES =
  "(stack): aws_rds_cluster_instance.Extra joins this Multi-AZ DB cluster; RDS rejects instances in a Multi-AZ DB cluster, whose writer and two readable standbys are built in. Fix: remove the aws_rds_cluster_instance; for more read capacity use the cluster's reader endpoint, or choose an Aurora engine";

/** [rule id, case, props, the exact warning annotation] */
const WARNING_CASES: readonly [string, string, MultiAzDatabaseProps, string][] = [
  [
    "resilience:reader-smaller-than-writer",
    "a burstable reporting reader",
    { ...A, standbys: [...A.standbys, { id: "report-c", availabilityZone: "us-east-1c", role: "read", instanceClass: "db.t4g.medium" }] },
    "standbys[1].instanceClass: standby 'report-c' (db.t4g.medium in us-east-1c, tier 2) can still be promoted if every higher-tier standby is lost; a failover to db.t4g.medium would cut memory 4× (16 → 4 GiB). Fix: use the writer's instance class, or acknowledge the risk for reporting replicas (acknowledge with Acknowledge.of(scope).add('resilience:reader-smaller-than-writer', reason))",
  ],
  [
    "resilience:serverless-reader-scales-independently",
    "a Serverless v2 reader in tier 2",
    {
      ...A,
      standbys: [...A.standbys, { id: "report-c", availabilityZone: "us-east-1c", role: "read", instanceClass: "db.serverless" }],
      serverlessV2Scaling: { minCapacity: 0.5, maxCapacity: 8 },
    },
    "standbys[1].promotionTier: standby 'report-c' (db.serverless, tier 2) scales on its own read load, not with the writer (only tiers 0–1 do); promoted once every failover standby is lost, it starts from its current capacity, as low as 0.5 ACUs. Fix: use role: 'failover' (tier 1) if it should take over at the writer's capacity, or acknowledge it for reporting replicas (acknowledge with Acknowledge.of(scope).add('resilience:serverless-reader-scales-independently', reason))",
  ],
  [
    "resilience:short-backup-retention",
    "Aurora backups kept 3 days",
    { ...A, backupRetentionDays: 3 },
    "backupRetentionDays: automated backups are kept 3 days (below 7): a problem noticed later than that can no longer be undone by a point-in-time restore. Fix: set backupRetentionDays to 7 or more (acknowledge with Acknowledge.of(scope).add('resilience:short-backup-retention', reason))",
  ],
  [
    "resilience:short-backup-retention",
    "ElastiCache snapshots kept 7 days",
    { ...E, backupRetentionDays: 7 },
    "backupRetentionDays: snapshots are kept 7 days (below 15): a problem noticed later than that can no longer be undone by a restore. Fix: set backupRetentionDays to 15 or more (acknowledge with Acknowledge.of(scope).add('resilience:short-backup-retention', reason))",
  ],
  [
    "resilience:dns-ttl-long",
    "a 5-minute TTL",
    { ...A, dnsRecord: { zoneId: "Z1", name: "db.example.com", ttlSeconds: 300 } },
    "dnsRecord.ttlSeconds: the record's TTL is 300 s: after a failover, clients keep connecting to the old address for up to 300 s. Fix: use a TTL of 60 s or less (the default is 5 s) (acknowledge with Acknowledge.of(scope).add('resilience:dns-ttl-long', reason))",
  ],
];

describe("every topology rule: input → the exact line synth reports", () => {
  test.each(ERROR_CASES)("%s: %s", (_id, _name, props, line) => {
    expect(validationError(props).split("\n")).toContain(`- [test/Orders] ${line}`);
  });

  test("resilience:no-instances-in-multi-az-cluster: an aws_rds_cluster_instance added to a Multi-AZ DB cluster anywhere in the stack", () => {
    const { stack, db } = stackWith(M);
    if (db.resources.kind !== "rds-multi-az-cluster") throw new Error("expected a Multi-AZ DB cluster");
    new RdsClusterInstance(stack, "Extra", {
      clusterIdentifier: db.resources.cluster.id,
      instanceClass: "db.r6gd.large",
      engine: "postgres",
    });
    expect(() => synth(stack)).toThrow(`- [test/Orders] ${NO_INSTANCES}`);
  });

  test("an instance joining by the cluster's literal identifier is caught too", () => {
    const { stack, db } = stackWith(M);
    new RdsClusterInstance(stack, "Extra", { clusterIdentifier: db.clusterIdentifier, instanceClass: "db.r6gd.large", engine: "postgres" });
    expect(() => synth(stack)).toThrow("aws_rds_cluster_instance.Extra joins this Multi-AZ DB cluster");
  });

  test("every error rule of the table has a case here", () => {
    // The restore rules have their table in lib/database/restore-source.test.ts.
    const restoreRules = ["resilience:restore-sets-credentials", "resilience:restore-kind-unsupported", "resilience:restore-source-engine"];
    const tested = new Set([...ERROR_CASES.map(([id]) => id), "resilience:no-instances-in-multi-az-cluster", ...restoreRules]);
    expect(multiAzDatabaseRules.filter((r) => r.severity === "error" && !tested.has(r.id)).map((r) => r.id)).toEqual([]);
  });
});

describe("every warning: input → the exact annotation, and the minimal props of each engine warn of nothing", () => {
  test.each(WARNING_CASES)("%s: %s", (_id, _name, props, warning) => {
    const { stack, db } = stackWith(props);
    synth(stack);
    expect(warningsOf(db)).toEqual([`[test/Orders] ${warning}`]);
  });

  test.each(Object.entries(MINIMAL))("%s", (_engine, props) => {
    const { stack, db } = stackWith(props);
    synth(stack);
    expect(warningsOf(db)).toEqual([]);
  });

  test("every warning rule of the table has a case here", () => {
    const tested = new Set(WARNING_CASES.map(([id]) => id));
    expect(multiAzDatabaseRules.filter((r) => r.severity === "warning" && !tested.has(r.id)).map((r) => r.id)).toEqual([]);
  });
});

describe("impossible props throw in the constructor: input → the exact line", () => {
  test.each<[string, unknown, string]>([
    [
      "an unknown engine",
      { ...A, engine: "aurora" },
      `engine: is not an engine MultiAzDatabase knows (got "aurora"). Fix: set engine to one of "aurora-postgresql", "aurora-mysql", "rds-multi-az-cluster", "redshift", "elasticache"`,
    ],
    [
      "two cluster zones",
      { ...M, availabilityZones: ["us-east-1a", "us-east-1b"] },
      `availabilityZones: must list exactly 3 Availability Zones, or be omitted; with fewer AWS adds zones and every apply replaces the cluster (got ["us-east-1a","us-east-1b"]). Fix: list three zones, or omit availabilityZones and let AWS pick them`,
    ],
    [
      "a cluster zone listed twice",
      { ...A, availabilityZones: ["us-east-1a", "us-east-1a", "us-east-1b"] },
      `availabilityZones: lists a zone twice (got ["us-east-1a","us-east-1a","us-east-1b"]). Fix: list three different zones`,
    ],
    [
      "a malformed backup window",
      { ...A, preferredBackupWindow: "3:00-3:30" },
      `preferredBackupWindow: must be a daily UTC window 'hh24:mi-hh24:mi' (got "3:00-3:30"). Fix: write it like '03:00-03:30' (it may cross midnight: '23:45-00:15')`,
    ],
    [
      "a malformed maintenance window",
      { ...R, preferredMaintenanceWindow: "sunday:05:00-06:00" },
      `preferredMaintenanceWindow: must be a weekly UTC window 'ddd:hh24:mi-ddd:hh24:mi' (days mon…sun) (got "sunday:05:00-06:00"). Fix: write it like 'sun:05:00-sun:06:00' (it may cross the week: 'sun:23:30-mon:00:30')`,
    ],
    [
      "an empty window",
      { ...E, preferredBackupWindow: "03:00-03:00" },
      `preferredBackupWindow: starts and ends at the same minute (got "03:00-03:00"). Fix: give the window a length, e.g. '03:00-03:30' (it may cross midnight: '23:45-00:15')`,
    ],
    [
      "retention of 36 days",
      { ...A, backupRetentionDays: 36 },
      "backupRetentionDays: must be a whole number from 1 to 35 (got 36). Fix: use a whole number from 1 to 35",
    ],
    [
      "retention of 0 days",
      { ...R, backupRetentionDays: 0 },
      "backupRetentionDays: must be a whole number from 1 to 35 (got 0). Fix: use a whole number from 1 to 35",
    ],
    [
      "promotion tier 16",
      { ...A, standbys: [{ id: "standby-b", availabilityZone: "us-east-1b", role: "read", promotionTier: 16 }] },
      "standbys[0].promotionTier: must be a whole number from 0 to 15 (got 16). Fix: use a whole number from 0 to 15",
    ],
    [
      "a standby id the database uses itself",
      { ...A, standbys: [{ id: "Key", availabilityZone: "us-east-1b", role: "failover" }] },
      `standbys[0].id: is the id of a resource the database creates itself (got "Key"). Fix: use an id such as 'standby-b'`,
    ],
    [
      "Serverless v2 capacity off the half-ACU grid",
      { ...A, serverlessV2Scaling: { minCapacity: 0.25, maxCapacity: 4 } },
      "serverlessV2Scaling.minCapacity: must be from 0 to 256 Aurora capacity units in steps of 0.5 (got 0.25). Fix: use a value such as 0.5",
    ],
    [
      "Serverless v2 minimum above maximum",
      { ...A, serverlessV2Scaling: { minCapacity: 8, maxCapacity: 4 } },
      "serverlessV2Scaling.minCapacity: minCapacity is above maxCapacity (got 8). Fix: set minCapacity at most maxCapacity",
    ],
    [
      "standbys on a Multi-AZ DB cluster",
      { ...M, standbys: [] },
      "standbys: cannot be set: a Multi-AZ DB cluster always has exactly two readable standbys, placed and run by RDS, and takes no added instances (got []). Fix: remove standbys",
    ],
    [
      "200 Redshift nodes",
      { ...R, numberOfNodes: 200 },
      "numberOfNodes: must be a whole number from 1 to 128 (got 200). Fix: use a whole number from 1 to 128",
    ],
    [
      "six ElastiCache replicas",
      { ...E, replicaAvailabilityZones: Array(6).fill("us-east-1b") },
      `replicaAvailabilityZones: too big: expected array to have <=5 items (got ${JSON.stringify(Array(6).fill("us-east-1b"))}). Fix: set replicaAvailabilityZones to at most 5 items`,
    ],
    [
      "an ElastiCache identifier over 40 characters",
      { ...E, clusterIdentifier: "a".repeat(41) },
      `clusterIdentifier: too big: expected string to have <=40 characters (got "${"a".repeat(41)}"). Fix: set clusterIdentifier to at most 40 characters`,
    ],
    [
      "a DNS TTL of 0",
      { ...A, dnsRecord: { zoneId: "Z1", name: "db.example.com", ttlSeconds: 0 } },
      "dnsRecord.ttlSeconds: must be a whole number from 1 to 3600 (got 0). Fix: use a whole number from 1 to 3600",
    ],
  ])("%s", (_name, props, line) => {
    expect(propsError(props).split("\n")).toContain(`- [test/Orders] ${line}`);
  });

  test("a proxy on an engine RDS Proxy does not serve is an unknown prop", () => {
    expect(propsError({ ...R, proxy: {} })).toContain('(props): unrecognized key: "proxy"');
  });
});

describe("the failover hard error is accepted only explicitly, on the database itself", () => {
  const risky: MultiAzDatabaseProps = { ...A, standbys: [{ id: "standby-a", availabilityZone: "us-east-1a", role: "failover" }] };
  const id = "resilience:failover-standby-in-other-zone";

  test("acknowledged on the database: synth passes and the accepted risk still prints, with the reason", () => {
    const { stack, db } = stackWith(risky);
    Acknowledge.of(db).add(id, "dev environment, one zone is fine");
    expect(() => synth(stack)).not.toThrow();
    expect(warningsOf(db)).toEqual([
      `[test/Orders] standbys: no failover standby of the top promotion tier is in another Availability Zone than the writer (us-east-1a) with at least the writer's size (db.r6g.large); found: standby 'standby-a' (db.r6g.large in us-east-1a, tier 1). Accepted by acknowledging '${id}' on this construct: dev environment, one zone is fine`,
    ]);
  });

  test("acknowledged on the stack: still an error, which says why the acknowledgement does not count", () => {
    const stack = newStack();
    new MultiAzDatabase(stack, "Orders", risky);
    Acknowledge.of(stack).add(id, "every database here");
    expect(() => synth(stack)).toThrow(
      `; an acknowledgement on a parent scope does not count for this hard error (or accept the risk on this construct itself: Acknowledge.of(construct).add('${id}', reason))`,
    );
  });

  test("other hard errors cannot be acknowledged at all", () => {
    const { db } = stackWith(A);
    expect(() => Acknowledge.of(db).add("resilience:redshift-two-nodes", "why not")).toThrow(
      "'resilience:redshift-two-nodes' is not a warning id",
    );
  });
});

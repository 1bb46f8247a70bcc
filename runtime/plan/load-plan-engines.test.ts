import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { isPlanError, parsePlan, planFromJson } from ".";

/** Plans written by hand, without resilience tags: the loader must read them from AWS semantics alone. */
function fixture(name: string) {
  return parsePlan(readFileSync(join(__dirname, `../../test/fixtures/hand-written-${name}.tf.json`), "utf8"), name);
}

const roles = (
  db: { instances: readonly { member: string; role: string; availabilityZone?: string; candidateZones?: readonly string[] }[] } | undefined,
) => db?.instances.map((i) => [i.member, i.role, i.availabilityZone ?? i.candidateZones]);

describe("a hand-written Multi-AZ DB cluster", () => {
  const t = fixture("multi-az-cluster");
  const [db] = t.databases;

  test("is recognised by its cluster-level instance class, not as Aurora", () => {
    expect(db).toMatchObject({ kind: "rds-multi-az-cluster", engine: "postgres", identifier: "ledger", storageEncrypted: true });
    expect(db?.zones).toEqual(["eu-central-1a", "eu-central-1b", "eu-central-1c"]);
  });

  test("expands into a writer and two readable standbys, one per zone of three, the writer's zone left to RDS", () => {
    const zones = ["eu-central-1a", "eu-central-1b", "eu-central-1c"];
    expect(roles(db)).toEqual([
      ["writer", "writer", zones],
      ["standby-1", "failover", zones],
      ["standby-2", "failover", zones],
    ]);
    expect(
      db?.instances.every((i) => i.instanceClass === "db.r6gd.large" && i.roleSource === "engine" && i.promotionTier === undefined),
    ).toBe(true);
    expect(t.notes).toEqual([
      "aws_rds_cluster.this is a Multi-AZ DB cluster: RDS puts its writer and two standbys in three zones and decides which one holds the writer",
    ]);
  });

  test("an instance attached to it is reported, not counted as a member", () => {
    const json = JSON.parse(readFileSync(join(__dirname, "../../test/fixtures/hand-written-multi-az-cluster.tf.json"), "utf8"));
    json.resource.aws_rds_cluster_instance = {
      extra: { cluster_identifier: "ledger", engine: "postgres", instance_class: "db.r6gd.large" },
    };
    const loaded = planFromJson(json);
    expect(loaded.databases[0]?.instances).toHaveLength(3);
    expect(loaded.notes).toContain(
      "aws_rds_cluster_instance.extra joins the Multi-AZ DB cluster aws_rds_cluster.this; RDS rejects instances in a Multi-AZ DB cluster",
    );
  });
});

describe("a hand-written Redshift cluster", () => {
  const t = fixture("redshift");
  const [warehouse, scratch] = t.databases;

  test("Multi-AZ expands into two logical clusters: the coordinator in its zone, the supporting one of the same shape elsewhere", () => {
    expect(warehouse).toMatchObject({
      kind: "redshift",
      identifier: "warehouse",
      multiAz: true,
      storageEncrypted: true,
      kmsKey: { address: "aws_kms_key.warehouse" },
    });
    expect(roles(warehouse)).toEqual([
      ["coordinator", "writer", "us-west-2b"],
      ["supporting", "failover", ["us-west-2a", "us-west-2c"]],
    ]);
    expect(warehouse?.instances.map((i) => [i.instanceClass, i.nodeCount])).toEqual([
      ["ra3.4xlarge", 4],
      ["ra3.4xlarge", 4],
    ]);
  });

  test("a cluster without multi_az is one single-node cluster, encrypted by the provider's default, and noted", () => {
    expect(scratch).toMatchObject({ multiAz: false, storageEncrypted: true });
    expect(roles(scratch)).toEqual([["coordinator", "writer", undefined]]);
    expect(scratch?.instances[0]?.nodeCount).toBe(1);
    expect(t.notes).toEqual(["aws_redshift_cluster.scratch is not Multi-AZ: one cluster in one zone, with nothing to fail over to"]);
  });
});

describe("hand-written ElastiCache replication groups", () => {
  const t = fixture("elasticache");
  const [sessions, catalog, lonely] = t.databases;

  test("without cluster mode: the first preferred zone holds the primary, replicas follow, member ids as ElastiCache names them", () => {
    expect(sessions).toMatchObject({
      kind: "elasticache",
      engine: "redis",
      multiAz: true,
      automaticFailover: true,
      shards: 1,
      storageEncrypted: false,
    });
    expect(roles(sessions)).toEqual([
      ["sessions-001", "writer", "ap-southeast-2c"],
      ["sessions-002", "failover", "ap-southeast-2a"],
      ["sessions-003", "failover", "ap-southeast-2b"],
    ]);
  });

  test("cluster mode: every shard has its primary and replicas where node_group_configuration puts them", () => {
    expect(catalog).toMatchObject({ engine: "valkey", shards: 2, multiAz: false, storageEncrypted: true });
    expect(catalog?.instances.map((i) => [i.shard, i.member, i.role, i.availabilityZone])).toEqual([
      ["0001", "catalog-0001-001", "writer", "ap-southeast-2a"],
      ["0001", "catalog-0001-002", "failover", "ap-southeast-2b"],
      ["0002", "catalog-0002-001", "writer", "ap-southeast-2b"],
      ["0002", "catalog-0002-002", "failover", "ap-southeast-2a"],
    ]);
  });

  test("one node and no automatic failover: Terraform's defaults", () => {
    expect(lonely).toMatchObject({ multiAz: false, automaticFailover: false, shards: 1 });
    expect(roles(lonely)).toEqual([["lonely-001", "writer", undefined]]);
  });

  test("replicas without automatic failover serve reads only, and that is noted", () => {
    const loaded = planFromJson({
      resource: {
        aws_elasticache_replication_group: {
          g: { replication_group_id: "g", num_cache_clusters: 2, preferred_cache_cluster_azs: ["a1", "a2"] },
        },
      },
    });
    expect(roles(loaded.databases[0])).toEqual([
      ["g-001", "writer", "a1"],
      ["g-002", "read", "a2"],
    ]);
    expect(loaded.notes).toEqual([
      "aws_elasticache_replication_group.g has no automatic failover: its replicas serve reads but are never promoted",
    ]);
  });
});

describe("malformed engine attributes are listed with their paths", () => {
  test.each<[string, unknown, string]>([
    [
      "a Redshift cluster without node_type",
      { resource: { aws_redshift_cluster: { w: { cluster_identifier: "w" } } } },
      "- $.resource.aws_redshift_cluster.w.node_type: it is missing; expected a string",
    ],
    [
      "a replication group with a non-list of zones",
      { resource: { aws_elasticache_replication_group: { g: { replication_group_id: "g", preferred_cache_cluster_azs: "a" } } } },
      '- $.resource.aws_elasticache_replication_group.g.preferred_cache_cluster_azs: found "a"; expected a list of strings or a ${...} expression',
    ],
    [
      "a node group configuration that is not a block",
      { resource: { aws_elasticache_replication_group: { g: { replication_group_id: "g", node_group_configuration: 3 } } } },
      "- $.resource.aws_elasticache_replication_group.g.node_group_configuration: found 3; expected a block (an object, or a list of objects)",
    ],
    [
      "a serverless scaling block with a non-number",
      { resource: { aws_rds_cluster: { c: { engine: "aurora-mysql", serverlessv2_scaling_configuration: { max_capacity: true } } } } },
      "- $.resource.aws_rds_cluster.c.serverlessv2_scaling_configuration.max_capacity: found true; expected a number or a ${...} expression",
    ],
    [
      "the second of a list of node groups with a bad zone list",
      {
        resource: {
          aws_elasticache_replication_group: {
            g: { replication_group_id: "g", node_group_configuration: [{}, { replica_availability_zones: 1 }] },
          },
        },
      },
      "- $.resource.aws_elasticache_replication_group.g.node_group_configuration[1].replica_availability_zones: found 1; expected a list of strings",
    ],
  ])("%s", (_name, json, expected) => {
    try {
      planFromJson(json, "plan.json");
    } catch (e) {
      if (!isPlanError(e)) throw e;
      expect(e.message).toContain(expected);
      return;
    }
    throw new Error("expected a PlanError");
  });
});

import { describe, expect, test } from "vitest";
import { addresses, MINIMAL, only, stackWith } from "../../test/helpers/databases";
import { resourcesOfType, synth, synthJson } from "../testing";
import { shardLayouts } from "./elasticache";

const minimal = MINIMAL.elasticache;

describe("MultiAzDatabase (ElastiCache)", () => {
  test("minimal configuration synthesizes a replication group: primary in a, replica in b", () => {
    expect(synth(stackWith(minimal).stack)).toMatchSnapshot();
  });

  test("Multi-AZ with automatic failover over 2 cache clusters, the primary's zone first", () => {
    expect(only(synthJson(stackWith(minimal).stack), "aws_elasticache_replication_group")).toMatchObject({
      multi_az_enabled: true,
      automatic_failover_enabled: true,
      num_cache_clusters: 2,
      preferred_cache_cluster_azs: ["us-east-1a", "us-east-1b"],
      engine: "valkey",
    });
  });

  test("secure defaults: encrypted at rest with the created key and in transit, snapshots kept 15 days, a final snapshot", () => {
    const group = only(synthJson(stackWith(minimal).stack), "aws_elasticache_replication_group");
    expect(group).toMatchObject({
      at_rest_encryption_enabled: "true",
      transit_encryption_enabled: true,
      snapshot_retention_limit: 15,
      lifecycle: { ignore_changes: ["final_snapshot_identifier"] },
      tags: { "resilience:role": "cache", "resilience:topology": "Orders" },
    });
    expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\.Orders_Key_\w+\.arn\}$/);
    expect(group.final_snapshot_identifier).toContain("test-orders-final-");
  });

  test("with shards, cluster mode places each shard explicitly and rotates primaries across the zones", () => {
    const group = only(
      synthJson(
        stackWith({
          ...minimal,
          replicaAvailabilityZones: ["us-east-1b", "us-east-1c"],
          shards: 3,
          parameterGroupName: "default.valkey8.cluster.on",
        }).stack,
      ),
      "aws_elasticache_replication_group",
    );
    expect(group).toMatchObject({ cluster_mode: "enabled", num_node_groups: 3, replicas_per_node_group: 2 });
    expect(group.num_cache_clusters).toBeUndefined();
    expect(group.node_group_configuration).toEqual([
      {
        node_group_id: "0001",
        primary_availability_zone: "us-east-1a",
        replica_availability_zones: ["us-east-1b", "us-east-1c"],
        replica_count: 2,
      },
      {
        node_group_id: "0002",
        primary_availability_zone: "us-east-1b",
        replica_availability_zones: ["us-east-1c", "us-east-1a"],
        replica_count: 2,
      },
      {
        node_group_id: "0003",
        primary_availability_zone: "us-east-1c",
        replica_availability_zones: ["us-east-1a", "us-east-1b"],
        replica_count: 2,
      },
    ]);
  });

  test("shard layouts wrap around when there are more shards than zones", () => {
    expect(shardLayouts("a", ["b"], 3)).toEqual([
      { primary: "a", replicas: ["b"] },
      { primary: "b", replicas: ["a"] },
      { primary: "a", replicas: ["b"] },
    ]);
  });

  test("failover notifications and a replication-lag alarm per member go to the topic", () => {
    const topic = "arn:aws:sns:us-east-1:111122223333:cache-alerts";
    const json = synthJson(stackWith({ ...minimal, alarmTopicArn: topic }).stack);
    expect(only(json, "aws_elasticache_replication_group").notification_topic_arn).toBe(topic);
    const alarms = Object.values(resourcesOfType(json, "aws_cloudwatch_metric_alarm"));
    expect(alarms.map((a) => [a.metric_name, a.dimensions, a.alarm_actions])).toEqual([
      ["ReplicationLag", { CacheClusterId: "test-orders-001" }, [topic]],
      ["ReplicationLag", { CacheClusterId: "test-orders-002" }, [topic]],
    ]);
  });

  test("Terraform addresses are pinned", () => {
    expect(addresses(synthJson(stackWith(minimal).stack))).toEqual([
      "aws_cloudwatch_metric_alarm.Orders_Alarm-replication-lag-001_1F6318E9",
      "aws_cloudwatch_metric_alarm.Orders_Alarm-replication-lag-002_1B6E7050",
      "aws_elasticache_replication_group.Orders_A9B65338",
      "aws_elasticache_subnet_group.Orders_SubnetGroup_60D14C2A",
      "aws_kms_key.Orders_Key_594A494E",
    ]);
  });
});

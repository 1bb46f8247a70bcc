import { describe, expect, test } from "vitest";
import { MINIMAL, only, stackWith } from "../../test/helpers/databases";
import type { AuroraDatabaseProps } from "..";
import { TerraformOutput } from "../private/cdktf";
import { resourcesOfType, synthJson } from "../testing";

const topic = "arn:aws:sns:us-east-1:111122223333:db-alerts";
const withProxy: AuroraDatabaseProps = {
  ...MINIMAL.aurora,
  proxy: {},
  dnsRecord: { zoneId: "Z0123", name: "orders-db.internal.example.com" },
};

function jsonWithEndpoint(props: Parameters<typeof stackWith>[0]) {
  const { stack, db } = stackWith(props);
  new TerraformOutput(stack, "endpoint", { value: db.endpoint });
  return synthJson(stack);
}

describe("the stable endpoint: RDS Proxy and a Route 53 name", () => {
  test("the proxy targets the cluster and reads the managed master secret with a role allowed that secret only", () => {
    const json = synthJson(stackWith(withProxy).stack);
    const proxy = only(json, "aws_db_proxy");
    expect(proxy).toMatchObject({
      engine_family: "POSTGRESQL",
      require_tls: true,
      idle_client_timeout: 1800,
      vpc_subnet_ids: ["subnet-a", "subnet-b", "subnet-c"],
      name: "test-orders-proxy",
    });
    expect(proxy.auth).toEqual([
      {
        auth_scheme: "SECRETS",
        iam_auth: "REQUIRED",
        secret_arn: expect.stringMatching(/^\$\{aws_rds_cluster\.Orders_\w+\.master_user_secret\[0\]\.secret_arn\}$/),
        description: "master user secret managed by RDS",
      },
    ]);
    expect(only(json, "aws_db_proxy_target")).toMatchObject({
      db_cluster_identifier: expect.stringMatching(/^\$\{aws_rds_cluster\.Orders_\w+\.id\}$/),
      depends_on: [expect.stringMatching(/^\$\{aws_rds_cluster_instance\.Orders_Writer_\w+\}$/)],
    });
    expect(only(json, "aws_db_proxy_default_target_group").connection_pool_config).toEqual({ max_connections_percent: 100 });
    const policy = JSON.parse(only(json, "aws_iam_role_policy").policy as string) as { Statement: { Action: string; Resource: string }[] };
    expect(policy.Statement.map((s) => [s.Action, s.Resource])).toEqual([
      ["secretsmanager:GetSecretValue", proxy.auth && (proxy.auth as { secret_arn: string }[])[0]?.secret_arn],
      ["kms:Decrypt", expect.stringMatching(/^\$\{aws_kms_key\.Orders_Key_\w+\.arn\}$/)],
    ]);
    expect(JSON.parse(only(json, "aws_iam_role").assume_role_policy as string).Statement[0].Principal).toEqual({
      Service: "rds.amazonaws.com",
    });
  });

  test("the Route 53 CNAME points at the proxy with a 5 s TTL, and the construct's endpoint is the name", () => {
    const json = jsonWithEndpoint(withProxy);
    expect(only(json, "aws_route53_record")).toMatchObject({
      type: "CNAME",
      ttl: 5,
      name: "orders-db.internal.example.com",
      zone_id: "Z0123",
      records: [expect.stringMatching(/^\$\{aws_db_proxy\.Orders_Proxy_\w+\.endpoint\}$/)],
    });
    expect(json.output?.endpoint?.value).toMatch(/^\$\{aws_route53_record\.Orders_DnsRecord_\w+\.fqdn\}$/);
  });

  test("without a DNS name the endpoint is the proxy's; without a proxy, the writer endpoint", () => {
    expect(jsonWithEndpoint({ ...MINIMAL.aurora, proxy: {} }).output?.endpoint?.value).toMatch(
      /^\$\{aws_db_proxy\.Orders_Proxy_\w+\.endpoint\}$/,
    );
    expect(jsonWithEndpoint(MINIMAL.aurora).output?.endpoint?.value).toMatch(/^\$\{aws_rds_cluster\.Orders_\w+\.endpoint\}$/);
    expect(jsonWithEndpoint(MINIMAL.elasticache).output?.endpoint?.value).toMatch(
      /^\$\{aws_elasticache_replication_group\.Orders_\w+\.primary_endpoint_address\}$/,
    );
  });

  test("a Multi-AZ DB cluster's proxy targets the cluster too, with the MySQL family for mysql", () => {
    const json = synthJson(stackWith({ ...MINIMAL.multiAzCluster, databaseEngine: "mysql", proxy: { iamAuth: false } }).stack);
    expect(only(json, "aws_db_proxy")).toMatchObject({ engine_family: "MYSQL", auth: [expect.objectContaining({ iam_auth: "DISABLED" })] });
    expect(only(json, "aws_db_proxy_target").depends_on).toBeUndefined();
  });
});

describe("failover monitoring", () => {
  test("an EventBridge rule matches the cluster's failover events and notifies the topic", () => {
    const json = synthJson(stackWith({ ...MINIMAL.aurora, alarmTopicArn: topic }).stack);
    const rule = only(json, "aws_cloudwatch_event_rule");
    expect(JSON.parse(rule.event_pattern as string)).toEqual({
      source: ["aws.rds"],
      "detail-type": ["RDS DB Cluster Event"],
      detail: { EventCategories: ["failover"], SourceIdentifier: ["test-orders"] },
    });
    expect(only(json, "aws_cloudwatch_event_target")).toMatchObject({ arn: topic });
    expect(only(json, "aws_cloudwatch_metric_alarm")).toMatchObject({
      metric_name: "AuroraReplicaLagMaximum",
      dimensions: { DBClusterIdentifier: "test-orders" },
      alarm_actions: [topic],
      ok_actions: [topic],
    });
  });

  test("without a topic the rule and alarms exist without actions; failoverMonitoring: false creates none", () => {
    const json = synthJson(stackWith(MINIMAL.aurora).stack);
    expect(resourcesOfType(json, "aws_cloudwatch_event_target")).toEqual({});
    expect(only(json, "aws_cloudwatch_metric_alarm").alarm_actions).toBeUndefined();
    const off = synthJson(stackWith({ ...MINIMAL.aurora, failoverMonitoring: false }).stack);
    expect(resourcesOfType(off, "aws_cloudwatch_event_rule")).toEqual({});
    expect(resourcesOfType(off, "aws_cloudwatch_metric_alarm")).toEqual({});
  });
});

import { describe, expect, test } from "vitest";
import { addresses, MINIMAL, only, stackWith } from "../../test/helpers/databases";
import { TerraformOutput } from "../private/cdktf";
import { synth, synthJson } from "../testing";

const minimal = MINIMAL.redshift;

describe("MultiAzDatabase (Redshift Multi-AZ)", () => {
  test("minimal configuration synthesizes a Multi-AZ RA3 cluster of two nodes", () => {
    expect(synth(stackWith(minimal).stack)).toMatchSnapshot();
  });

  test("multi_az, encrypted with the stack's key, a subnet group over three zones, an endpoint", () => {
    const { stack, db } = stackWith({ ...minimal, availabilityZone: "us-east-1a" });
    new TerraformOutput(stack, "endpoint", { value: db.endpoint });
    const json = synthJson(stack);
    const cluster = only(json, "aws_redshift_cluster");
    expect(cluster).toMatchObject({
      multi_az: true,
      node_type: "ra3.xlplus",
      number_of_nodes: 2,
      cluster_type: "multi-node",
      availability_zone: "us-east-1a",
      encrypted: "true",
      manage_master_password: true,
      publicly_accessible: false,
      enhanced_vpc_routing: true,
      automated_snapshot_retention_period: 7,
      skip_final_snapshot: false,
      port: 5439,
    });
    expect(cluster.kms_key_id).toMatch(/^\$\{aws_kms_key\.Orders_Key_\w+\.arn\}$/);
    expect(cluster.master_password_secret_kms_key_id).toBe(cluster.kms_key_id);
    expect(cluster.cluster_subnet_group_name).toMatch(/^\$\{aws_redshift_subnet_group\.Orders_SubnetGroup_\w+\.name\}$/);
    expect(only(json, "aws_redshift_subnet_group").subnet_ids).toEqual(["subnet-a", "subnet-b", "subnet-c"]);
    expect(json.output?.endpoint?.value).toMatch(/^\$\{aws_redshift_cluster\.Orders_\w+\.dns_name\}$/);
  });

  test("DC2 and one node give ONE error listing both broken rules with the construct path", () => {
    const { stack } = stackWith({ ...minimal, nodeType: "dc2.large", numberOfNodes: 1 });
    expect(() => synth(stack)).toThrow(
      [
        "MultiAzDatabase 'test/Orders' failed validation (2 problems):",
        "- [test/Orders] nodeType: 'dc2.large' is not an RA3 node type; Redshift runs Multi-AZ (a supporting cluster in a second zone) only on RA3. Fix: use an RA3 node type such as 'ra3.large', 'ra3.xlplus', 'ra3.4xlarge' or 'ra3.16xlarge'",
        "- [test/Orders] numberOfNodes: Redshift Multi-AZ needs at least 2 nodes in each zone (got 1); a single-node cluster cannot be Multi-AZ. Fix: set numberOfNodes to 2 or more",
      ].join("\n"),
    );
  });

  test("node count, key, network and parameter group are set once, on the one resource AWS runs both halves from", () => {
    const cluster = only(
      synthJson(stackWith({ ...minimal, numberOfNodes: 4, securityGroupIds: ["sg-1"], parameterGroupName: "wh" }).stack),
      "aws_redshift_cluster",
    );
    expect(cluster).toMatchObject({ number_of_nodes: 4, vpc_security_group_ids: ["sg-1"], cluster_parameter_group_name: "wh" });
  });

  test("an alarm watches HealthStatus, counting a silent cluster as unhealthy", () => {
    expect(only(synthJson(stackWith(minimal).stack), "aws_cloudwatch_metric_alarm")).toMatchObject({
      namespace: "AWS/Redshift",
      metric_name: "HealthStatus",
      dimensions: { ClusterIdentifier: "test-orders" },
      comparison_operator: "LessThanThreshold",
      threshold: 1,
      treat_missing_data: "breaching",
    });
  });

  test("Terraform addresses are pinned", () => {
    expect(addresses(synthJson(stackWith(minimal).stack))).toEqual([
      "aws_cloudwatch_metric_alarm.Orders_Alarm-health_85C18DA2",
      "aws_kms_key.Orders_Key_594A494E",
      "aws_redshift_cluster.Orders_A9B65338",
      "aws_redshift_subnet_group.Orders_SubnetGroup_60D14C2A",
    ]);
  });
});

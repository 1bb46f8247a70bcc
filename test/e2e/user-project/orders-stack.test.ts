import { RdsClusterInstance } from "@cdktf/provider-aws/lib/rds-cluster-instance";
import { Testing } from "cdktf";
import { synthJson } from "cdktf-resilience/testing";
import { expect, test } from "vitest";
import { OrdersStack } from "./orders-stack";

test("the failover standby is in another zone than the writer, and the plan passes the policy pack", () => {
  const stack = new OrdersStack(Testing.app(), "orders");
  expect(stack).toHaveResourceWithProperties(RdsClusterInstance, { availabilityZone: "us-east-1a", promotionTier: 0 });
  expect(stack).toHaveResourceWithProperties(RdsClusterInstance, { availabilityZone: "us-east-1b", promotionTier: 1 });
  expect(stack).toPassPolicy();
  expect(Object.keys(synthJson(stack).resource ?? {})).toContain("aws_fis_experiment_template");
});

/**
 * The AWS FIS action and resource-type ids as the FIS actions reference lists them, so a template
 * is told apart as "not an FIS action" (a typo: bad input) or "an FIS action the emulator does not
 * model" (reported per template; the other templates still run). Which of these the emulator
 * models is `FIS_ACTIONS` (fis-actions.ts).
 *
 * @see https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html
 * @see https://docs.aws.amazon.com/fis/latest/userguide/targets.html#resource-types
 */

/** Every action id of the FIS actions reference. */
export const AWS_FIS_ACTION_IDS: ReadonlySet<string> = new Set([
  "aws:arc:start-zonal-autoshift",
  "aws:cloudwatch:assert-alarm-state",
  "aws:directconnect:virtual-interface-disconnect",
  "aws:dsql:cluster-connection-failure",
  "aws:dynamodb:global-table-pause-replication",
  "aws:ebs:pause-volume-io",
  "aws:ebs:volume-io-latency",
  "aws:ec2:api-insufficient-instance-capacity-error",
  "aws:ec2:asg-insufficient-instance-capacity-error",
  "aws:ec2:reboot-instances",
  "aws:ec2:send-spot-instance-interruptions",
  "aws:ec2:stop-instances",
  "aws:ec2:terminate-instances",
  "aws:ecs:drain-container-instances",
  "aws:ecs:stop-task",
  "aws:ecs:task-cpu-stress",
  "aws:ecs:task-io-stress",
  "aws:ecs:task-kill-process",
  "aws:ecs:task-network-blackhole-port",
  "aws:ecs:task-network-latency",
  "aws:ecs:task-network-packet-loss",
  "aws:eks:inject-kubernetes-custom-resource",
  "aws:eks:pod-cpu-stress",
  "aws:eks:pod-delete",
  "aws:eks:pod-io-stress",
  "aws:eks:pod-memory-stress",
  "aws:eks:pod-network-blackhole-port",
  "aws:eks:pod-network-latency",
  "aws:eks:pod-network-packet-loss",
  "aws:eks:terminate-nodegroup-instances",
  "aws:elasticache:replicationgroup-interrupt-az-power",
  "aws:fis:inject-api-internal-error",
  "aws:fis:inject-api-throttle-error",
  "aws:fis:inject-api-unavailable-error",
  "aws:fis:wait",
  "aws:kinesis:stream-expired-iterator-exception",
  "aws:kinesis:stream-provisioned-throughput-exception",
  "aws:lambda:invocation-add-delay",
  "aws:lambda:invocation-error",
  "aws:lambda:invocation-http-integration-response",
  "aws:memorydb:multi-region-cluster-pause-replication",
  "aws:network:disrupt-connectivity",
  "aws:network:route-table-disrupt-cross-region-connectivity",
  "aws:network:transit-gateway-disrupt-cross-region-connectivity",
  "aws:rds:failover-db-cluster",
  "aws:rds:reboot-db-instances",
  "aws:s3:bucket-pause-replication",
  "aws:ssm:send-command",
  "aws:ssm:start-automation-execution",
]);

/**
 * Former ids FIS renamed, by old id → current id. ElastiCache's AZ power interruption launched as
 * `aws:elasticache:interrupt-cluster-az-power`; the reference now lists it as
 * `aws:elasticache:replicationgroup-interrupt-az-power` (what AWS's template library uses).
 */
export const FIS_ACTION_ALIASES: ReadonlyMap<string, string> = new Map([
  ["aws:elasticache:interrupt-cluster-az-power", "aws:elasticache:replicationgroup-interrupt-az-power"],
]);

/** Every target resource type of the FIS reference. */
export const AWS_FIS_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  "aws:arc:zonal-shift-managed-resource",
  "aws:directconnect:virtual-interface",
  "aws:dsql:cluster",
  "aws:dynamodb:global-table",
  "aws:ec2:autoscaling-group",
  "aws:ec2:ebs-volume",
  "aws:ec2:instance",
  "aws:ec2:spot-instance",
  "aws:ec2:subnet",
  "aws:ec2:transit-gateway",
  "aws:ecs:cluster",
  "aws:ecs:task",
  "aws:eks:cluster",
  "aws:eks:nodegroup",
  "aws:eks:pod",
  "aws:elasticache:replicationgroup",
  "aws:iam:role",
  "aws:kinesis:stream",
  "aws:lambda:function",
  "aws:memorydb:multi-region-cluster",
  "aws:rds:cluster",
  "aws:rds:db",
  "aws:s3:bucket",
]);

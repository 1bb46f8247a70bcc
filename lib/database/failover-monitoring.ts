import { CloudwatchEventRule, CloudwatchEventTarget, CloudwatchMetricAlarm, type Construct } from "../private/cdktf";
import { ID } from "./construct-ids";
import type { AlarmSpec } from "./render";

/** What the monitoring renderer created. */
export interface FailoverMonitoringResources {
  /** RDS engines: failover events of the cluster. */
  readonly failoverEvents?: CloudwatchEventRule;
  readonly failoverEventsTarget?: CloudwatchEventTarget;
  readonly alarms: readonly CloudwatchMetricAlarm[];
}

export interface FailoverMonitoringInput {
  readonly identifier: string;
  /** The RDS cluster identifier whose events EventBridge delivers (Aurora, Multi-AZ DB cluster). */
  readonly rdsEventSource?: string;
  readonly alarms: readonly AlarmSpec[];
  readonly topicArn?: string;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * Makes failovers visible: RDS delivers cluster events to EventBridge, so a rule matches the
 * cluster's `failover` category (failover started, completed, failed); Redshift and ElastiCache
 * do not send failover events to EventBridge, so they get alarms on the metric that shows the
 * failover path (ElastiCache also notifies `alarmTopicArn` directly). Every engine's alarms, and
 * the rule, notify the topic when one is given.
 */
export function renderFailoverMonitoring(scope: Construct, input: FailoverMonitoringInput): FailoverMonitoringResources {
  const { identifier, topicArn, tags } = input;
  let failoverEvents: CloudwatchEventRule | undefined;
  let failoverEventsTarget: CloudwatchEventTarget | undefined;
  if (input.rdsEventSource !== undefined) {
    failoverEvents = new CloudwatchEventRule(scope, ID.failoverEvents, {
      name: `${identifier}-failover`,
      description: `Failover events of ${identifier}: started, completed, failed (cdktf-resilience)`,
      eventPattern: JSON.stringify({
        source: ["aws.rds"],
        "detail-type": ["RDS DB Cluster Event"],
        detail: { EventCategories: ["failover"], SourceIdentifier: [input.rdsEventSource] },
      }),
      tags: { ...tags },
    });
    if (topicArn !== undefined)
      failoverEventsTarget = new CloudwatchEventTarget(scope, ID.failoverEventsTarget, { rule: failoverEvents.name, arn: topicArn });
  }
  const actions = topicArn === undefined ? undefined : [topicArn];
  const alarms = input.alarms.map(
    (a) =>
      new CloudwatchMetricAlarm(scope, `${ID.alarmPrefix}${a.name}`, {
        alarmName: `${identifier}-${a.name}`,
        alarmDescription: a.description,
        namespace: a.namespace,
        metricName: a.metricName,
        dimensions: { ...a.dimensions },
        statistic: a.statistic,
        comparisonOperator: a.comparison,
        threshold: a.threshold,
        period: a.periodSeconds,
        evaluationPeriods: a.evaluationPeriods,
        treatMissingData: a.treatMissingData,
        alarmActions: actions,
        okActions: actions,
        tags: { ...tags },
      }),
  );
  return { failoverEvents, failoverEventsTarget, alarms };
}

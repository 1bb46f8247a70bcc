import type { Construct } from "../private/cdktf";
import type { ResolvedDatabase } from "./resolve";

/** What every engine renderer receives: props narrowed to its engine, defaults resolved, shared settings made. */
export interface RenderInput<P> {
  readonly scope: Construct;
  readonly props: P;
  readonly resolved: ResolvedDatabase;
  /** The key for every node of the pair (created or given). */
  readonly kmsKeyArn: string;
  /** `resilience:topology`, put on every resource. */
  readonly tags: Readonly<Record<string, string>>;
}

/** A CloudWatch alarm an engine asks for; `failover-monitoring.ts` creates it. */
export interface AlarmSpec {
  /** Short name: the construct id is `Alarm-<name>`, the alarm name `<identifier>-<name>`. */
  readonly name: string;
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic: "Maximum" | "Minimum" | "Average";
  readonly comparison: "GreaterThanThreshold" | "LessThanThreshold";
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  /** How a gap in the metric counts: a missing health metric is itself a symptom. */
  readonly treatMissingData: "breaching" | "notBreaching";
}

/** What an RDS Proxy in front of the engine targets. */
export interface ProxyTarget {
  readonly engineFamily: "POSTGRESQL" | "MYSQL";
  readonly clusterIdentifier: string;
  /** ARN of the master user secret RDS manages. */
  readonly secretArn: string;
  /** Addresses the proxy target waits for (instances must exist before the target registers). */
  readonly dependsOn: readonly string[];
}

/** What the construct needs from an engine renderer, besides its resources. */
export interface EngineOutput<R> {
  readonly resources: R;
  /** The engine's own writer (or primary/configuration) endpoint. */
  readonly writerEndpoint: string;
  readonly readerEndpoint?: string;
  /** RDS engines: what an RDS Proxy targets (built on demand). */
  readonly proxyTarget?: () => ProxyTarget;
  /** RDS engines: the cluster whose failover events EventBridge delivers. */
  readonly rdsEventSource?: string;
  readonly alarms: readonly AlarmSpec[];
}

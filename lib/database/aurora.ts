import { TAG } from "../contract/plan-contract";
import { type DbSubnetGroup, RdsCluster, RdsClusterInstance } from "../private/cdktf";
import { ID } from "./construct-ids";
import type { AuroraDatabaseProps } from "./props";
import { rdsClusterConfig } from "./rds-cluster-config";
import type { EngineOutput, RenderInput } from "./render";

/** What the Aurora renderer created. */
export interface AuroraEngineResources {
  readonly kind: "aurora";
  readonly subnetGroup: DbSubnetGroup;
  readonly cluster: RdsCluster;
  readonly writer: RdsClusterInstance;
  /** By standby id. */
  readonly standbys: ReadonlyMap<string, RdsClusterInstance>;
}

/**
 * Renders an Aurora cluster: writer at tier 0, failover standbys and readers with explicit
 * tiers, and the settings that must match across zones (key, subnets, security groups, parameter
 * groups) set once, on the cluster or identically on every instance.
 */
export function renderAurora(input: RenderInput<AuroraDatabaseProps>): EngineOutput<AuroraEngineResources> {
  const { scope, props, resolved, tags } = input;
  const identifier = resolved.identifier;
  const { subnetGroup, config } = rdsClusterConfig(input, props.engine === "aurora-postgresql" ? "postgres" : "mysql");
  const cluster = new RdsCluster(scope, ID.primary, {
    ...config,
    engine: props.engine,
    serverlessv2ScalingConfiguration: props.serverlessV2Scaling && { ...props.serverlessV2Scaling },
  });

  // Each attribute reference builds a token and captures a stack trace: take each once, share it.
  const clusterId = cluster.id;
  const engineVersion = cluster.engineVersion;
  const instance = (member: (typeof resolved.standbys)[number] | typeof resolved.writer, id: string, role?: string) =>
    new RdsClusterInstance(scope, id, {
      identifier: `${identifier}-${id.toLowerCase()}`,
      clusterIdentifier: clusterId,
      engine: props.engine,
      engineVersion,
      instanceClass: member.instanceClass,
      availabilityZone: member.availabilityZone,
      promotionTier: member.promotionTier,
      dbParameterGroupName: props.instanceParameterGroupName,
      publiclyAccessible: false,
      tags: { ...tags, ...(role ? { [TAG.role]: role } : {}) },
    });

  const writer = instance(resolved.writer, ID.writer, "coordinator");
  const standbys = new Map<string, RdsClusterInstance>();
  const writerAddress = writer.fqn;
  for (const s of resolved.standbys) {
    const created = instance(s, s.name, s.role === "failover" ? "supporting" : undefined);
    // Aurora makes the first instance that becomes available the writer; without this
    // dependency Terraform creates all instances at once and the writer's AZ is a coin toss.
    created.dependsOn = [writerAddress];
    standbys.set(s.name, created);
  }
  return {
    resources: { kind: "aurora", subnetGroup, cluster, writer, standbys },
    writerEndpoint: cluster.endpoint,
    readerEndpoint: cluster.readerEndpoint,
    // A thunk: each attribute reference costs a captured stack trace, so it is built only with a proxy.
    proxyTarget: () => ({
      engineFamily: props.engine === "aurora-postgresql" ? "POSTGRESQL" : "MYSQL",
      clusterIdentifier: clusterId,
      secretArn: cluster.masterUserSecret.get(0).secretArn,
      dependsOn: [writerAddress],
    }),
    rdsEventSource: identifier,
    alarms: [
      {
        name: "replica-lag",
        description: `A reader of ${identifier} lags the writer by more than 1 s: reads are stale and the failover path is degraded`,
        namespace: "AWS/RDS",
        metricName: "AuroraReplicaLagMaximum",
        dimensions: { DBClusterIdentifier: identifier },
        statistic: "Maximum",
        comparison: "GreaterThanThreshold",
        threshold: 1000,
        periodSeconds: 60,
        evaluationPeriods: 5,
        treatMissingData: "notBreaching",
      },
    ],
  };
}

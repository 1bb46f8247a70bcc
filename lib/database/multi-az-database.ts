import { ENGINE_FAMILY, type Engine, TAG } from "../contract/plan-contract";
import {
  Construct,
  DefaultTokenResolver,
  type KmsKey,
  type Route53Record,
  StringConcat,
  TerraformResource,
  TerraformStack,
  Tokenization,
} from "../private/cdktf";
import { defaultIdentifier } from "../private/defaults";
import { parseProps } from "../private/props";
import { attachRules } from "../private/validation";
import { type AuroraEngineResources, renderAurora } from "./aurora";
import { renderDnsRecord } from "./dns-record";
import { type ElastiCacheEngineResources, renderElastiCache } from "./elasticache";
import { databaseKey } from "./encryption-key";
import { type FailoverMonitoringResources, renderFailoverMonitoring } from "./failover-monitoring";
import { FAMILY_LIMITS } from "./families";
import { type MultiAzClusterEngineResources, renderMultiAzCluster } from "./multi-az-cluster";
import { multiAzDatabaseSchema } from "./multi-az-database-schema";
import type { MultiAzDatabaseProps } from "./props";
import { type ProxyResources, renderProxy } from "./proxy";
import { type RedshiftEngineResources, renderRedshift } from "./redshift";
import type { EngineOutput, RenderInput } from "./render";
import { resolveDatabase } from "./resolve";
import { multiAzDatabaseRules } from "./rules/table";

export type {
  AuroraDatabaseProps,
  DatabaseCommonProps,
  DatabaseProxyProps,
  DatabaseSubnet,
  DnsRecordProps,
  ElastiCacheDatabaseProps,
  MultiAzClusterDatabaseProps,
  MultiAzDatabaseProps,
  RdsCommonProps,
  RedshiftDatabaseProps,
  ServerlessV2ScalingProps,
  StandbyProps,
  WriterProps,
} from "./props";

import { assertSameToolchain } from "../private/same-toolchain";

const BRAND = Symbol.for("cdktf-resilience.MultiAzDatabase");

/** Resources every engine may have besides its own: the key, the endpoint in front, the monitoring. */
export interface SharedDatabaseResources extends FailoverMonitoringResources {
  /** Created unless `kmsKeyArn` was given. */
  readonly key?: KmsKey;
  readonly proxy?: ProxyResources;
  readonly dnsRecord?: Route53Record;
}

export type AuroraResources = AuroraEngineResources & SharedDatabaseResources;
export type MultiAzClusterResources = MultiAzClusterEngineResources & SharedDatabaseResources;
export type RedshiftResources = RedshiftEngineResources & SharedDatabaseResources;
export type ElastiCacheResources = ElastiCacheEngineResources & SharedDatabaseResources;
/** What a `MultiAzDatabase` created; narrow on `kind` (`'aurora'`, `'rds-multi-az-cluster'`, `'redshift'`, `'elasticache'`). */
export type DatabaseResources = AuroraResources | MultiAzClusterResources | RedshiftResources | ElastiCacheResources;

/**
 * A database whose writer survives the loss of its Availability Zone, for four engine families:
 * Aurora (a failover standby of the writer's size in another zone at tier 1, readers behind it),
 * RDS Multi-AZ DB clusters (a writer and two readable standbys in three zones), Redshift Multi-AZ
 * (a coordinating and a supporting cluster) and ElastiCache (a primary and replicas with
 * automatic failover). Encrypted with one key, every setting shared across zones set once;
 * optionally behind RDS Proxy and a DNS name; failover events and alarms wired.
 *
 * Synth fails with every problem listed when the topology cannot fail over safely.
 */
export class MultiAzDatabase extends Construct {
  static isMultiAzDatabase(x: unknown): x is MultiAzDatabase {
    return typeof x === "object" && x !== null && BRAND in x;
  }

  readonly engine: Engine;
  /** Cluster (ElastiCache: replication group) identifier. */
  readonly clusterIdentifier: string;
  /** The key every node of the pair encrypts with. */
  readonly kmsKeyArn: string;
  readonly resources: DatabaseResources;
  /**
   * Where clients connect for writes, and keep connecting across failovers: the DNS name when
   * `dnsRecord` is set, else the proxy's endpoint, else the engine's writer endpoint.
   */
  readonly endpoint: string;
  /** The engine's own writer endpoint (Aurora/RDS cluster endpoint, Redshift DNS name, ElastiCache primary or configuration endpoint). */
  readonly writerEndpoint: string;
  /** The engine's reader endpoint, where it has one (RDS clusters, ElastiCache without shards). */
  readonly readerEndpoint?: string;
  /** The RDS Proxy endpoint, when `proxy` is set. */
  readonly proxyEndpoint?: string;
  /** The writer's (coordinator's, primary's) zone; undefined when AWS picks it (Redshift without `availabilityZone`). */
  readonly writerAvailabilityZone?: string;

  constructor(scope: Construct, id: string, props: MultiAzDatabaseProps) {
    super(scope, id);
    assertSameToolchain("MultiAzDatabase", this);
    Object.defineProperty(this, BRAND, { value: true });
    const parsed = parseProps(multiAzDatabaseSchema(), "MultiAzDatabase", this.node.path, props) as MultiAzDatabaseProps;
    const family = ENGINE_FAMILY[parsed.engine];
    const pathParts = this.node.scopes.slice(1).map((s) => s.node.id);
    this.engine = parsed.engine;
    this.clusterIdentifier = parsed.clusterIdentifier ?? defaultIdentifier(pathParts, this.node.addr, FAMILY_LIMITS[family].identifierMax);
    const resolved = resolveDatabase(parsed, this.clusterIdentifier, () => instancesJoining(this));
    const tags = { [TAG.topology]: pathParts.slice(1).join("/") || id };
    this.writerAvailabilityZone = resolved.writer.availabilityZone;

    const key = parsed.kmsKeyArn === undefined ? databaseKey(this, this.clusterIdentifier, tags) : undefined;
    this.kmsKeyArn = parsed.kmsKeyArn ?? (key as KmsKey).arn;
    const input = { scope: this, resolved, kmsKeyArn: this.kmsKeyArn, tags };
    const rendered = render(parsed, input);

    const proxy =
      "proxy" in parsed && parsed.proxy && rendered.proxyTarget
        ? renderProxy(this, {
            identifier: this.clusterIdentifier,
            target: rendered.proxyTarget(),
            kmsKeyArn: this.kmsKeyArn,
            subnets: parsed.subnets,
            securityGroupIds: parsed.securityGroupIds,
            props: parsed.proxy,
            tags,
          })
        : undefined;
    this.writerEndpoint = rendered.writerEndpoint;
    this.readerEndpoint = rendered.readerEndpoint;
    this.proxyEndpoint = proxy?.proxy.endpoint;
    const stable = this.proxyEndpoint ?? this.writerEndpoint;
    const dnsRecord = parsed.dnsRecord ? renderDnsRecord(this, parsed.dnsRecord, stable) : undefined;
    this.endpoint = dnsRecord ? dnsRecord.fqdn : stable;

    const monitoring =
      (parsed.failoverMonitoring ?? true)
        ? renderFailoverMonitoring(this, {
            identifier: this.clusterIdentifier,
            rdsEventSource: rendered.rdsEventSource,
            alarms: rendered.alarms,
            topicArn: parsed.alarmTopicArn,
            tags,
          })
        : { alarms: [] };
    this.resources = { ...rendered.resources, key, proxy, dnsRecord, ...monitoring };
    attachRules(this, "MultiAzDatabase", multiAzDatabaseRules, () => resolved);
  }
}

type Rendered = EngineOutput<AuroraEngineResources | MultiAzClusterEngineResources | RedshiftEngineResources | ElastiCacheEngineResources>;

/** One renderer per engine family. */
function render(props: MultiAzDatabaseProps, input: Omit<RenderInput<never>, "props">): Rendered {
  switch (props.engine) {
    case "aurora-postgresql":
    case "aurora-mysql":
      return renderAurora({ ...input, props });
    case "rds-multi-az-cluster":
      return renderMultiAzCluster({ ...input, props });
    case "redshift":
      return renderRedshift({ ...input, props });
    case "elasticache":
      return renderElastiCache({ ...input, props });
  }
}

/**
 * Addresses of `aws_rds_cluster_instance`s anywhere in the stack that join this database's
 * cluster, by reference or by its literal identifier. Read at synth, when the stack is complete.
 */
function instancesJoining(db: MultiAzDatabase): string[] {
  if (db.resources.kind !== "rds-multi-az-cluster") return [];
  const stack = TerraformStack.of(db);
  const cluster = db.resources.cluster;
  const clusterAddress = `${cluster.terraformResourceType}.${cluster.friendlyUniqueId}`;
  return stack.node
    .findAll()
    .filter(
      (c): c is TerraformResource => TerraformResource.isTerraformResource(c) && c.terraformResourceType === "aws_rds_cluster_instance",
    )
    .filter((instance) => {
      const value = Tokenization.resolve((instance as unknown as { clusterIdentifierInput?: unknown }).clusterIdentifierInput, {
        scope: stack,
        preparing: false,
        resolver: new DefaultTokenResolver(new StringConcat()),
      });
      return typeof value === "string" && (value.includes(`${clusterAddress}.`) || value === db.clusterIdentifier);
    })
    .map((instance) => `${instance.terraformResourceType}.${instance.friendlyUniqueId}`);
}

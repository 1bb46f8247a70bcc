/**
 * The mock AWS region: zones, EC2 (instances, capacity pools and reservations, spot market, Auto
 * Scaling, EBS), RDS/Aurora (clusters, failover, snapshots, restores), RDS Proxy, DNS (ConnectionRoute 53 and
 * RDS-managed records) with caching resolvers, client connections, EventBridge, KMS and
 * ElastiCache — a data-carrying model on the simulation kernel, driven by a timing profile.
 *
 *     const cloud = new MockCloud(sim.env, { region: "us-east-1", profile: FAST_PROFILE });
 *     const api = cloud.client({ principal: "failover-controller" });
 *     api.send("FailoverDBCluster", { DBClusterIdentifier: "orders" }, (r) => …);
 *
 * Trace kinds it writes (one line per event, `<atMs> <step> <kind> <subject> <detail>`):
 *   cloud    the region, zones, profile and capacity the cloud was built with (first line)
 *   zone     a zone lost/regained power or network (`power-off state=impaired`)
 *   ec2      an instance launched or changed state (`pending->running`)
 *   asg      an Auto Scaling group was created or could not launch
 *   capacity a reservation changed, or a launch found no capacity (`<zone>/<type> insufficient-capacity`)
 *   spot     rebalance recommendation, interruption warning (`reclaim-at=`), reclaim
 *   ebs      a volume's I/O paused or resumed
 *   rds      cluster/instance status, failover start/complete, snapshots, restores
 *   proxy    an RDS Proxy's target changed
 *   dns      a record version was written (`visible-at=` when it propagates)
 *   conn     a client connection opened or broke
 *   cache    ElastiCache node status and failovers
 *   kms      a key was created or changed state
 *   event    an event was put on the bus (`source=… type="…"`)
 *   deliver  a rule delivered an event to a target
 *   api      a control-plane call and its result (`FailoverDBCluster ok`, `… InvalidDBClusterStateFault`)
 */
import type { Timers } from "../sim/ports";
import type { SimEnv } from "../sim/simulation";
import type { CloudApi, OperationHandlers, OperationName, Reply, RequestOf, ResponseOf } from "./api/cloud-api";
import { Bindings } from "./bindings";
import { CloudContext } from "./cloud-context";
import type { CloudResult } from "./cloud-result";
import { AutoScalingService } from "./ec2/auto-scaling";
import { CAPACITY_DEFAULTS, type CapacityOptions } from "./ec2/capacity-pools";
import { EbsService } from "./ec2/ebs";
import { Ec2Service } from "./ec2/ec2-service";
import { ElastiCacheService } from "./elasticache";
import { EventBus } from "./events/event-bus";
import { IdGenerator } from "./ids";
import { KmsService } from "./kms";
import { DnsService } from "./net/dns";
import { ConnectionService } from "./rds/connections";
import { ProxyService } from "./rds/proxy";
import { RDS_DEFAULTS, type RdsOptions, RdsService } from "./rds/rds-service";
import { checkProfile, REALISTIC_PROFILE, type TimingProfile } from "./timing-profile";
import { ZoneService } from "./zones";

export interface MockCloudOptions {
  /**
   * Every duration the cloud waits.
   * @default - {@link REALISTIC_PROFILE}
   */
  readonly profile?: TimingProfile;
  /**
   * The region's name.
   * @default "us-east-1"
   */
  readonly region?: string;
  /**
   * The region's Availability Zones.
   * @default - `<region>a`, `<region>b` and `<region>c` (most regions have at least three)
   */
  readonly zones?: readonly string[];
  /**
   * The account id in ARNs.
   * @default "123456789012"
   */
  readonly account?: string;
  /**
   * Slots per (zone, instance type) pool.
   * @default - {@link CAPACITY_DEFAULTS}: 32 per pool
   */
  readonly capacity?: Partial<CapacityOptions>;
  /**
   * RDS behaviour.
   * @default - {@link RDS_DEFAULTS}: RDS fails clusters over by itself
   */
  readonly rds?: Partial<RdsOptions>;
}

export interface ClientOptions {
  /**
   * Who calls: an IAM role ARN or a component name (one word). FIS API-error faults target it.
   * @default "runtime"
   */
  readonly principal?: string;
  /**
   * Whose timers deliver replies: pass an actor's, so a crashed caller never sees a reply.
   * @default - world timers
   */
  readonly timers?: Timers;
}

export class MockCloud {
  readonly ctx: CloudContext;
  readonly region: string;
  readonly profile: TimingProfile;
  readonly zones: ZoneService;
  readonly bindings: Bindings;
  readonly events: EventBus;
  readonly kms: KmsService;
  readonly dns: DnsService;
  readonly ebs: EbsService;
  readonly ec2: Ec2Service;
  readonly autoScaling: AutoScalingService;
  readonly rds: RdsService;
  readonly proxies: ProxyService;
  readonly connections: ConnectionService;
  readonly elasticache: ElastiCacheService;
  private readonly handlers: OperationHandlers;
  private readonly apiRandom;

  constructor(
    readonly env: SimEnv,
    options: MockCloudOptions = {},
  ) {
    const profile = options.profile ?? REALISTIC_PROFILE;
    checkProfile(profile);
    this.profile = profile;
    this.region = options.region ?? "us-east-1";
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(this.region)) throw new RangeError(`region must look like us-east-1, got "${this.region}"`);
    const zones = options.zones ?? ["a", "b", "c"].map((s) => `${this.region}${s}`);
    if (zones.length === 0) throw new RangeError("a region needs at least one zone");
    const ctx = new CloudContext(env, profile, this.region, options.account ?? "123456789012", new IdGenerator());
    this.ctx = ctx;
    this.apiRandom = ctx.random.fork("api");
    this.bindings = new Bindings(env);
    this.zones = new ZoneService(ctx, zones);
    this.events = new EventBus(ctx);
    this.kms = new KmsService(ctx);
    this.dns = new DnsService(ctx);
    this.ebs = new EbsService(ctx, this.bindings);
    this.ec2 = new Ec2Service(ctx, this.zones, this.events, this.ebs, this.bindings, { ...CAPACITY_DEFAULTS, ...options.capacity });
    this.autoScaling = new AutoScalingService(ctx, this.ec2, this.zones, this.events);
    this.rds = new RdsService(ctx, this.zones, this.events, this.dns, this.kms, this.bindings, { ...RDS_DEFAULTS, ...options.rds });
    this.proxies = new ProxyService(ctx, this.rds, this.dns);
    this.connections = new ConnectionService(ctx, this.rds, this.proxies, this.zones);
    this.elasticache = new ElastiCacheService(ctx, this.zones, this.events, this.bindings);
    ctx.note(
      "cloud",
      this.region,
      `zones=${this.zones.names().join(",")} profile=${profile.name} slotsPerPool=${options.capacity?.slotsPerPool ?? CAPACITY_DEFAULTS.slotsPerPool} managedFailover=${options.rds?.managedFailover ?? RDS_DEFAULTS.managedFailover}`,
    );
    this.handlers = {
      ...this.rds.operations(),
      ...this.proxies.operations(),
      ...this.ec2.operations(),
      DescribeVolumes: (r) => {
        const all = this.ebs.list();
        return { ok: true, value: { Volumes: r.VolumeIds ? all.filter((v) => r.VolumeIds?.includes(v.VolumeId)) : all } };
      },
      ...this.events.operations(),
      ...this.dns.operations(),
      ...this.kms.operations(),
      ...this.elasticache.operations(),
    };
  }

  /** The control-plane API for one caller (see {@link CloudApi}). */
  client(options: ClientOptions = {}): CloudApi {
    const principal = options.principal ?? "runtime";
    if (principal.length === 0 || /\s/.test(principal)) throw new RangeError(`principal must be one word, got "${principal}"`);
    const timers = options.timers ?? this.env.timers;
    return {
      principal,
      send: <K extends OperationName>(operation: K, request: RequestOf<K>, reply?: Reply<ResponseOf<K>>) => {
        const result = this.call(operation, request, principal);
        if (!reply) return;
        let latencyMs = this.ctx.draw(this.apiRandom, this.profile.apiLatencyMs);
        // A rare path: a control plane under load answers ten times slower (callers' timeouts must cope).
        if (this.env.buggify("cloud-api-slow-reply")) latencyMs *= 10;
        timers.after(latencyMs, `api-reply ${operation}`, () => reply(result));
      },
    };
  }

  /** Runs one operation now, without latency (what `send` does before it replies). */
  call<K extends OperationName>(operation: K, request: RequestOf<K>, principal = "runtime"): CloudResult<ResponseOf<K>> {
    const handler = this.handlers[operation] as ((r: RequestOf<K>, p: string) => CloudResult<ResponseOf<K>>) | undefined;
    if (!handler) throw new RangeError(`the mock cloud does not implement ${String(operation)}`);
    const result = handler(request, principal);
    this.ctx.note("api", principal, `${operation} ${result.ok ? "ok" : result.error.code}`);
    return result;
  }
}

/**
 * RDS and Aurora clusters: instances with their zone, class and promotion tier; the writer; the
 * cluster and instance endpoints (DNS records RDS manages, TTL 5 s); failover, reboot, instance
 * creation, snapshots and restores (see `restores.ts`).
 *
 * Fault model:
 * - zone power loss: instances in the zone fail (`failed`, connections to them break). When the
 *   writer fails, RDS fails over by itself (`managedFailover`, on by default): after
 *   `auroraFailureDetectionMs` it promotes the replica AWS's rule picks (lowest tier, then largest,
 *   then any) in a zone that is up, taking `auroraFailoverMs` (or `multiAzClusterFailoverMs`).
 *   With no replica to promote the cluster has no writer until the old one recovers.
 * - power returns: failed instances recover (`dbInstanceRecoveryMs`) and rejoin as readers.
 * - RebootDBInstance / FIS reboot: the instance restarts (its bound actors crash and boot again);
 *   an Aurora writer reboots in place without failover, as on AWS.
 * - host failure (`hostFailed`, the simulator's `sim:rds:instance-failure`): one instance fails as
 *   in a zone's power loss, alone; a lost writer fails over; the replaced host recovers in place.
 * Zone isolation does not fail instances over: only the data plane (connections) notices it.
 */
import type { FailoverRecord } from "../../contract/emulation-result";
import type { Random } from "../../sim/ports";
import type { OperationHandlers } from "../api/cloud-api";
import type { DBClusterKind } from "../api/rds-types";
import type { Bindings } from "../bindings";
import type { CloudContext } from "../cloud-context";
import { type CloudResult, fail, ok } from "../cloud-result";
import type { EventBus } from "../events/event-bus";
import type { KmsService } from "../kms";
import type { DnsService } from "../net/dns";
import type { ZoneService } from "../zones";
import { choosePromotionTarget } from "./promotion";
import { type ClusterRecord, type DbInstanceRecord, describeCluster, describeInstance, type SnapshotRecord } from "./rds-records";
import { Restores } from "./restores";

/** Failovers tried again after one that could not start or lost its target (one detection delay apart). */
const WRITER_LOST_RETRIES = 20;

export interface RdsOptions {
  /**
   * RDS fails a cluster over by itself when its writer's host fails, as AWS does. A subsystem that
   * runs its own failover controller (and calls FailoverDBCluster) turns this off.
   * @default true
   */
  readonly managedFailover: boolean;
}

export const RDS_DEFAULTS: RdsOptions = { managedFailover: true };

export interface ClusterSpec {
  /** Unique in the mock (see `ClusterRecord.id`). */
  readonly id: string;
  /** @default - the cloud's home region */
  readonly region?: string;
  /** A global database's secondary: its instances are all readers, and nothing makes one the writer. @default false */
  readonly readOnly?: boolean;
  readonly address?: string;
  readonly engine: string;
  readonly kind: DBClusterKind;
  readonly zones: readonly string[];
  readonly storageEncrypted: boolean;
  readonly kmsKeyId?: string;
  /** @default 1 (AWS's default backup retention, in days) */
  readonly backupRetentionDays?: number;
  readonly restoredFrom?: ClusterRecord["restoredFrom"];
  readonly copyId?: string;
  readonly cloneGroupId?: string;
  readonly status?: "creating" | "available";
  /** Resource tags (what FIS `resourceTags` select on). @default - none */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface InstanceSpec {
  readonly id: string;
  readonly address?: string;
  readonly clusterId: string;
  readonly instanceClass: string;
  readonly az: string;
  readonly promotionTier: number;
  /** The writer of a cluster loaded from a plan. */
  readonly writer?: boolean;
  /** False for a Multi-AZ DB instance's standby: it serves no reads. @default true */
  readonly readable?: boolean;
  readonly status?: "creating" | "available";
  /** Resource tags (what FIS `resourceTags` select on). @default - none */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The identifier AWS knows a resource by: the mock's id without its `@<region>` suffix. */
export function awsIdentifier(id: string): string {
  return id.split("@")[0] as string;
}

/** What `onWriterChange` listeners learn: the writer that can take writes now, or none. */
export type WriterListener = (clusterId: string, writer: DbInstanceRecord | undefined) => void;

export class RdsService {
  readonly clusters = new Map<string, ClusterRecord>();
  readonly instances = new Map<string, DbInstanceRecord>();
  readonly snapshots = new Map<string, SnapshotRecord>();
  /** Completed failovers, in completion order (the `failovers` result section). */
  readonly failovers: FailoverRecord[] = [];
  readonly restores: Restores;
  private writerListeners: readonly WriterListener[] = [];
  private readonly lastWriter = new Map<string, string | undefined>();
  /** When each recorded failover's writer was lost (not part of the result row). */
  private readonly lostAt = new WeakMap<FailoverRecord, number>();
  private readonly random: Random;
  private ipCounter = 0;

  constructor(
    readonly ctx: CloudContext,
    readonly zones: ZoneService,
    readonly bus: EventBus,
    readonly dns: DnsService,
    readonly kms: KmsService,
    private readonly bindings: Bindings,
    private readonly options: RdsOptions,
  ) {
    this.random = ctx.random.fork("rds");
    this.restores = new Restores(this);
    zones.onChange((zone, change) => {
      if (change === "power-off") for (const i of this.instances.values()) if (i.az === zone) this.instanceFailed(i, "zone power loss");
      if (change === "power-on") for (const i of this.instances.values()) if (i.az === zone && i.status === "failed") this.recover(i);
      if (change === "isolated" || change === "reconnected") for (const c of this.clusters.values()) this.publishWriter(c);
    });
  }

  /** Called whenever the writer that can take writes changes (the proxy and connections follow it). */
  onWriterChange(listener: WriterListener): void {
    this.writerListeners = [...this.writerListeners, listener];
  }

  addCluster(spec: ClusterSpec): ClusterRecord {
    if (this.clusters.has(spec.id)) throw new RangeError(`a DB cluster named "${spec.id}" exists`);
    const copyId = spec.copyId ?? this.ctx.ids.seq("storage");
    const region = spec.region ?? this.ctx.region;
    const c: ClusterRecord = {
      id: spec.id,
      arn: `arn:aws:rds:${region}:${this.ctx.account}:cluster:${awsIdentifier(spec.id)}`,
      region,
      readOnly: spec.readOnly ?? false,
      ...(spec.address !== undefined ? { address: spec.address } : {}),
      engine: spec.engine,
      kind: spec.kind,
      status: spec.status ?? "available",
      zones: spec.zones,
      storageEncrypted: spec.storageEncrypted,
      ...(spec.kmsKeyId !== undefined ? { kmsKeyId: spec.kmsKeyId } : {}),
      backupRetentionDays: spec.backupRetentionDays ?? 1,
      createdAtMs: this.ctx.nowMs,
      cloneGroupId: spec.cloneGroupId ?? `clone-group-${copyId}`,
      copyId,
      writer: undefined,
      failover: undefined,
      ...(spec.restoredFrom ? { restoredFrom: spec.restoredFrom } : {}),
      tags: spec.tags ?? {},
    };
    this.clusters.set(c.id, c);
    this.ctx.note("rds", c.id, `cluster ${c.engine} ${c.kind} status=${c.status}${c.address ? ` address=${c.address}` : ""}`);
    this.updateEndpoints(c);
    return c;
  }

  addInstance(spec: InstanceSpec): DbInstanceRecord {
    const c = this.clusters.get(spec.clusterId);
    if (!c) throw new RangeError(`no DB cluster "${spec.clusterId}" for instance ${spec.id}`);
    if (this.instances.has(spec.id)) throw new RangeError(`a DB instance named "${spec.id}" exists`);
    this.ipCounter++;
    const i: DbInstanceRecord = {
      id: spec.id,
      arn: `arn:aws:rds:${c.region}:${this.ctx.account}:db:${awsIdentifier(spec.id)}`,
      ...(spec.address !== undefined ? { address: spec.address } : {}),
      clusterId: c.id,
      instanceClass: spec.instanceClass,
      az: spec.az,
      promotionTier: spec.promotionTier,
      status: spec.status ?? "available",
      generation: 1,
      endpoint: `${awsIdentifier(spec.id)}.mock.${c.region}.rds.amazonaws.com`,
      readable: spec.readable ?? true,
      ip: `10.${(this.ipCounter >> 16) & 255}.${(this.ipCounter >> 8) & 255}.${this.ipCounter & 255}`,
      tags: spec.tags ?? {},
    };
    this.instances.set(i.id, i);
    this.dns.setManaged(i.endpoint, "A", [i.ip], this.ctx.profile.rdsEndpointTtlMs);
    this.ctx.note("rds", i.id, `instance ${i.instanceClass} in ${i.az} tier=${i.promotionTier} cluster=${c.id} status=${i.status}`);
    if (!c.readOnly && (spec.writer || (c.writer === undefined && i.status === "available"))) c.writer = i.id;
    if (i.status === "available" && !this.zones.isPowered(i.az)) this.instanceFailed(i, "zone has no power");
    this.updateEndpoints(c);
    this.publishWriter(c);
    return i;
  }

  members(c: ClusterRecord): DbInstanceRecord[] {
    return [...this.instances.values()].filter((i) => i.clusterId === c.id);
  }

  /** The writer if it can take writes now (available, in a zone that is up). */
  writerAvailable(c: ClusterRecord): DbInstanceRecord | undefined {
    const w = c.writer === undefined ? undefined : this.instances.get(c.writer);
    return w && w.status === "available" && this.zones.isAvailable(w.az) ? w : undefined;
  }

  clusterEndpoint(c: ClusterRecord): string {
    return `${awsIdentifier(c.id)}.cluster-mock.${c.region}.rds.amazonaws.com`;
  }

  readerEndpoint(c: ClusterRecord): string {
    return `${awsIdentifier(c.id)}.cluster-ro-mock.${c.region}.rds.amazonaws.com`;
  }

  /** Earliest and latest restorable times: the latest advances in `pitrIntervalMs` steps. */
  restorable(c: ClusterRecord): { earliest: number; latest: number } {
    const now = this.ctx.nowMs;
    const step = this.ctx.profile.pitrIntervalMs;
    const latest = step > 0 ? c.createdAtMs + Math.floor((now - c.createdAtMs) / step) * step : now;
    return { earliest: Math.max(c.createdAtMs, now - c.backupRetentionDays * 86_400_000), latest };
  }

  describe(c: ClusterRecord) {
    return describeCluster(c, this.members(c), { writer: this.clusterEndpoint(c), reader: this.readerEndpoint(c) }, this.restorable(c));
  }

  /** The instance is gone (its host failed): connections break; a lost writer triggers failover. */
  instanceFailed(i: DbInstanceRecord, why: string): void {
    if (i.status === "failed") return;
    i.transition?.cancel();
    i.status = "failed";
    i.generation++;
    this.ctx.note("rds", i.id, `status=failed reason="${why}"`);
    this.instanceEvent(i, "RDS-EVENT-0004", "DB instance shutdown");
    const c = this.clusters.get(i.clusterId) as ClusterRecord;
    this.updateEndpoints(c);
    this.publishWriter(c);
    if (c.writer === i.id) this.writerLost(c);
  }

  /**
   * The instance's host fails (hardware): the instance is `failed` and its bound actors stop, as in a
   * zone's power loss but alone; a lost writer fails over. Returns what brings it back: RDS replaces
   * the host and the instance recovers in place as a reader (its actors boot again).
   */
  hostFailed(i: DbInstanceRecord): () => void {
    this.bindings.crash(i.id);
    this.instanceFailed(i, "host failure");
    return () => {
      if (i.status === "failed") this.recover(i);
      this.bindings.restart(i.id);
    };
  }

  /** Restarts an instance in place (reboot); bound actors crash and boot with it. */
  reboot(i: DbInstanceRecord): void {
    i.status = "rebooting";
    i.generation++;
    const c = this.clusters.get(i.clusterId) as ClusterRecord;
    const d = this.ctx.draw(this.random, this.ctx.profile.dbInstanceRebootMs);
    this.ctx.note("rds", i.id, `status=rebooting for=${d}ms`);
    this.bindings.crash(i.id, d);
    this.publishWriter(c);
    i.transition = this.ctx.env.timers.after(d, `rds-reboot ${i.id}`, () => {
      i.status = "available";
      this.ctx.note("rds", i.id, "status=available");
      this.instanceEvent(i, "RDS-EVENT-0006", "DB instance restarted");
      this.updateEndpoints(c);
      this.publishWriter(c);
    });
  }

  /**
   * Begins a failover of `c` to `target` (or AWS's pick), taking the profile's failover time;
   * returns the error AWS would give when it cannot start.
   */
  startFailover(c: ClusterRecord, cause: "writer-lost" | "api", targetId?: string, lostAtMs = this.ctx.nowMs): CloudResult<void> {
    if (c.failover) return fail("InvalidDBClusterStateFault", `DB cluster ${c.id} is already failing over.`);
    if (c.readOnly)
      return fail(
        "InvalidDBClusterStateFault",
        `DB cluster ${c.id} is a secondary cluster of a global database; only a global failover or switchover gives it a writer.`,
      );
    if (c.status !== "available") return fail("InvalidDBClusterStateFault", `DB cluster ${c.id} is ${c.status}, not available.`);
    let target: DbInstanceRecord | undefined;
    if (targetId !== undefined) {
      target = this.instances.get(targetId);
      if (!target) return fail("DBInstanceNotFound", `DBInstance ${targetId} not found.`);
      if (target.clusterId !== c.id || target.id === c.writer)
        return fail("InvalidDBInstanceState", `DB instance ${targetId} is not a reader of cluster ${c.id}.`);
      if (!this.promotable(target)) return fail("InvalidDBInstanceState", `DB instance ${targetId} is ${target.status}, not available.`);
    } else target = this.pickTarget(c);
    this.ctx.env.sometimes("rds cluster without a replica to promote", target === undefined);
    if (!target) {
      this.ctx.note("rds", c.id, "failover-failed reason=no-replica-to-promote");
      this.clusterEvent(c, "RDS-EVENT-0069", "Cluster failover failed, check the health of your cluster instances and try again.");
      return fail("InvalidDBClusterStateFault", `DB cluster ${c.id} has no available replica to fail over to.`);
    }
    const from = c.writer === undefined ? undefined : this.instances.get(c.writer);
    const d = this.ctx.draw(
      this.random,
      c.kind === "aurora"
        ? this.ctx.profile.auroraFailoverMs
        : c.kind === "multi-az-instance"
          ? this.ctx.profile.rdsMultiAzInstanceFailoverMs
          : this.ctx.profile.multiAzClusterFailoverMs,
    );
    c.status = "failing-over";
    const sameAz = from?.az === target.az;
    this.ctx.note(
      "rds",
      c.id,
      `failover-start cause=${cause} from=${from?.id ?? "-"}${from ? `(${from.az})` : ""} to=${target.id}(${target.az}) takes=${d}ms`,
    );
    this.clusterEvent(
      c,
      sameAz ? "RDS-EVENT-0072" : "RDS-EVENT-0073",
      `Started ${sameAz ? "same" : "cross"} AZ failover to DB instance: ${target.id}`,
    );
    c.failover = {
      from: from?.id,
      target: target.id,
      lostAtMs,
      detectedAtMs: this.ctx.nowMs,
      cause,
      timer: this.ctx.env.timers.after(d, `rds-failover ${c.id}`, () => this.completeFailover(c)),
    };
    if (from && cause === "api" && from.status === "available") {
      // Both instances restart during a failover: connections to the old writer break.
      from.generation++;
      this.publishWriter(c);
    }
    // BUGGIFY: a second, independent fault — the chosen target reboots before the failover completes.
    if (this.ctx.env.buggify("rds-failover-target-reboots")) {
      const victim = target;
      this.ctx.env.timers.after(this.random.int(Math.max(1, d)), `rds-buggify ${victim.id}`, () => {
        if (victim.status === "available") this.reboot(victim);
      });
    }
    return ok(undefined);
  }

  /** A proxy in front of the cluster routes to the new writer from `atMs`: clients behind it waited until then. */
  noteClientSwitch(clusterId: string, atMs: number): void {
    const c = this.clusters.get(clusterId);
    const last = [...this.failovers].reverse().find((f) => f.resource === (c?.address ?? clusterId));
    const lostAtMs = last ? this.lostAt.get(last) : undefined;
    if (!last || lostAtMs === undefined || atMs < last.completedAtMs) return;
    // Only the first switch after the failover counts; later ones follow reboots.
    this.lostAt.delete(last);
    last.clientOutageMs = atMs - lostAtMs;
  }

  operations(): Pick<
    OperationHandlers,
    | "DescribeDBClusters"
    | "DescribeDBInstances"
    | "FailoverDBCluster"
    | "RebootDBInstance"
    | "CreateDBInstance"
    | "CreateDBClusterSnapshot"
    | "DescribeDBClusterSnapshots"
    | "RestoreDBClusterToPointInTime"
    | "RestoreDBClusterFromSnapshot"
  > {
    return {
      DescribeDBClusters: (r) => {
        if (r.DBClusterIdentifier === undefined) return ok({ DBClusters: [...this.clusters.values()].map((c) => this.describe(c)) });
        return this.cluster(r.DBClusterIdentifier, (c) => ok({ DBClusters: [this.describe(c)] }));
      },
      DescribeDBInstances: (r) => {
        const all = [...this.instances.values()];
        if (r.DBInstanceIdentifier === undefined) return ok({ DBInstances: all.map((i) => this.describeInstance(i)) });
        const i = this.instances.get(r.DBInstanceIdentifier);
        return i
          ? ok({ DBInstances: [this.describeInstance(i)] })
          : fail("DBInstanceNotFound", `DBInstance ${r.DBInstanceIdentifier} not found.`);
      },
      FailoverDBCluster: (r) =>
        this.cluster(r.DBClusterIdentifier, (c) => {
          const started = this.startFailover(c, "api", r.TargetDBInstanceIdentifier);
          return started.ok ? ok({ DBCluster: this.describe(c) }) : started;
        }),
      RebootDBInstance: (r) => {
        const i = this.instances.get(r.DBInstanceIdentifier);
        if (!i) return fail("DBInstanceNotFound", `DBInstance ${r.DBInstanceIdentifier} not found.`);
        if (i.status !== "available") return fail("InvalidDBInstanceState", `DB instance ${i.id} is ${i.status}, not available.`);
        const c = this.clusters.get(i.clusterId) as ClusterRecord;
        if (r.ForceFailover && c.kind === "multi-az-cluster" && c.writer === i.id) {
          const started = this.startFailover(c, "api");
          if (!started.ok) return started;
        } else this.reboot(i);
        return ok({ DBInstance: this.describeInstance(i) });
      },
      CreateDBInstance: (r) =>
        this.cluster(r.DBClusterIdentifier, (c) => {
          if (this.instances.has(r.DBInstanceIdentifier))
            return fail("DBInstanceAlreadyExists", `DB instance ${r.DBInstanceIdentifier} already exists.`);
          const az = r.AvailabilityZone ?? this.leastUsedZone(c);
          if (!this.zones.has(az)) return fail("InvalidParameterValue", `Invalid availability zone: ${az}`);
          if (!this.zones.isPowered(az))
            return fail("InsufficientDBInstanceCapacity", `Cannot create a DB instance of class ${r.DBInstanceClass} in ${az} now.`);
          const i = this.addInstance({
            id: r.DBInstanceIdentifier,
            clusterId: c.id,
            instanceClass: r.DBInstanceClass,
            az,
            promotionTier: r.PromotionTier ?? 1,
            status: "creating",
          });
          i.transition = this.ctx.env.timers.after(
            this.ctx.draw(this.random, this.ctx.profile.dbInstanceCreateMs),
            `rds-create ${i.id}`,
            () => {
              i.status = "available";
              this.ctx.note("rds", i.id, "status=available");
              if (c.writer === undefined && !c.readOnly) c.writer = i.id;
              this.updateEndpoints(c);
              this.publishWriter(c);
            },
          );
          return ok({ DBInstance: this.describeInstance(i) });
        }),
      ...this.restores.operations(),
    };
  }

  describeInstance(i: DbInstanceRecord) {
    return describeInstance(i, (this.clusters.get(i.clusterId) as ClusterRecord).engine);
  }

  cluster<T>(id: string, f: (c: ClusterRecord) => CloudResult<T>): CloudResult<T> {
    const c = this.clusters.get(id);
    return c ? f(c) : fail("DBClusterNotFoundFault", `DBCluster ${id} not found.`);
  }

  clusterEvent(c: ClusterRecord, eventId: string | undefined, message: string): void {
    this.bus.emit(
      "aws.rds",
      "RDS DB Cluster Event",
      {
        EventCategories: [eventId === undefined ? "notification" : "failover"],
        SourceType: "CLUSTER",
        SourceArn: c.arn,
        SourceIdentifier: c.id,
        Date: this.ctx.nowMs,
        Message: message,
        ...(eventId ? { EventID: eventId } : {}),
      },
      [c.arn],
    );
  }

  private instanceEvent(i: DbInstanceRecord, eventId: string, message: string): void {
    this.bus.emit(
      "aws.rds",
      "RDS DB Instance Event",
      {
        EventCategories: ["availability"],
        SourceType: "DB_INSTANCE",
        SourceArn: i.arn,
        SourceIdentifier: i.id,
        Date: this.ctx.nowMs,
        Message: message,
        EventID: eventId,
      },
      [i.arn],
    );
  }

  /**
   * Detects the lost writer and fails over; when that cannot start or its target is lost too, it
   * tries again after another detection delay, as RDS keeps recovering a cluster without a writer
   * — up to RETRIES times (a writer whose zone comes back recovers in place anyway).
   */
  private writerLost(c: ClusterRecord, lostAtMs = this.ctx.nowMs, attempt = 0): void {
    if (!this.options.managedFailover || c.failover) return;
    // BUGGIFY: the readers are restarting (patching, their own faults) when the writer is lost.
    if (attempt === 0 && this.ctx.env.buggify("rds-readers-reboot-as-writer-lost"))
      for (const r of this.members(c)) if (r.id !== c.writer && r.status === "available") this.reboot(r);
    const d = this.ctx.draw(this.random, this.ctx.profile.auroraFailureDetectionMs);
    this.ctx.env.timers.after(d, `rds-detect ${c.id}`, () => {
      if (this.writerAvailable(c) || c.failover) return;
      const retry = attempt < WRITER_LOST_RETRIES && this.members(c).some((i) => i.status !== "failed");
      if (!this.startFailover(c, "writer-lost", undefined, lostAtMs).ok && retry) this.writerLost(c, lostAtMs, attempt + 1);
    });
  }

  private completeFailover(c: ClusterRecord): void {
    const f = c.failover;
    if (!f) return;
    let target = this.instances.get(f.target) as DbInstanceRecord;
    if (this.ctx.env.sometimes("rds failover target lost before the failover completed", !this.promotable(target))) {
      const other = this.pickTarget(c);
      if (!other) {
        c.failover = undefined;
        c.status = "available";
        this.ctx.note("rds", c.id, `failover-failed reason=target-lost target=${target.id}`);
        this.clusterEvent(c, "RDS-EVENT-0069", "Cluster failover failed, check the health of your cluster instances and try again.");
        if (f.cause === "writer-lost") this.writerLost(c, f.lostAtMs, 1);
        return;
      }
      target = other;
    }
    const from = f.from === undefined ? undefined : this.instances.get(f.from);
    c.writer = target.id;
    c.failover = undefined;
    c.status = "available";
    const now = this.ctx.nowMs;
    this.ctx.note("rds", c.id, `failover-complete writer=${target.id} az=${target.az}`);
    this.clusterEvent(c, "RDS-EVENT-0071", `Completed failover to DB instance: ${target.id}`);
    this.updateEndpoints(c);
    if (from) {
      const record: FailoverRecord = {
        resource: c.address ?? c.id,
        fromAz: from.az,
        toAz: target.az,
        fromInstance: from.address ?? from.id,
        toInstance: target.address ?? target.id,
        detectedAtMs: f.detectedAtMs,
        completedAtMs: now,
        clientOutageMs: now + this.ctx.profile.rdsEndpointTtlMs - f.lostAtMs,
        ...(from.status === "available" && from.az !== target.az ? { repairedWith: { az: from.az, atMs: now } } : {}),
      };
      this.lostAt.set(record, f.lostAtMs);
      this.failovers.push(record);
    }
    this.publishWriter(c);
  }

  private recover(i: DbInstanceRecord): void {
    i.status = "rebooting";
    this.ctx.note("rds", i.id, "status=rebooting reason=power-restored");
    i.transition = this.ctx.env.timers.after(
      this.ctx.draw(this.random, this.ctx.profile.dbInstanceRecoveryMs),
      `rds-recover ${i.id}`,
      () => {
        i.status = "available";
        i.generation++;
        this.ctx.note(
          "rds",
          i.id,
          `status=available role=${(this.clusters.get(i.clusterId) as ClusterRecord).writer === i.id ? "writer" : "reader"}`,
        );
        this.instanceEvent(i, "RDS-EVENT-0006", "DB instance restarted");
        const c = this.clusters.get(i.clusterId) as ClusterRecord;
        const writer = c.writer === undefined ? undefined : this.instances.get(c.writer);
        const record = [...this.failovers]
          .reverse()
          .find((r) => r.resource === (c.address ?? c.id) && r.fromInstance === (i.address ?? i.id));
        if (record && !record.repairedWith && writer && writer.az !== i.az) record.repairedWith = { az: i.az, atMs: this.ctx.nowMs };
        this.updateEndpoints(c);
        this.publishWriter(c);
      },
    );
  }

  private promotable(i: DbInstanceRecord): boolean {
    return i.status === "available" && this.zones.isAvailable(i.az);
  }

  private pickTarget(c: ClusterRecord): DbInstanceRecord | undefined {
    const candidates = this.members(c)
      .filter((i) => i.id !== c.writer && this.promotable(i))
      .map((i) => ({ id: i.id, promotionTier: i.promotionTier, instanceClass: i.instanceClass, record: i }));
    return choosePromotionTarget(candidates, this.random)?.record;
  }

  private leastUsedZone(c: ClusterRecord): string {
    const zones = c.zones.length ? [...c.zones] : this.zones.inRegion(c.region);
    const count = (z: string) => this.members(c).filter((i) => i.az === z).length;
    return zones.sort((a, b) => count(a) - count(b) || a.localeCompare(b))[0] as string;
  }

  /** Points the cluster endpoint at the writer and the reader endpoint at an available reader. */
  private updateEndpoints(c: ClusterRecord): void {
    const ttl = this.ctx.profile.rdsEndpointTtlMs;
    const writer = c.writer === undefined ? undefined : this.instances.get(c.writer);
    if (writer) this.dns.setManaged(this.clusterEndpoint(c), "CNAME", [writer.endpoint], ttl);
    const reader = this.members(c).find((i) => i.id !== c.writer && i.readable && i.status === "available") ?? writer;
    if (reader) this.dns.setManaged(this.readerEndpoint(c), "CNAME", [reader.endpoint], ttl);
  }

  /** Tells listeners when the writer that can take writes changed. */
  private publishWriter(c: ClusterRecord): void {
    const w = this.writerAvailable(c);
    const key = w ? `${w.id}#${w.generation}` : undefined;
    if (this.lastWriter.get(c.id) === key && this.lastWriter.has(c.id)) return;
    this.lastWriter.set(c.id, key);
    for (const l of this.writerListeners) l(c.id, w);
  }
}

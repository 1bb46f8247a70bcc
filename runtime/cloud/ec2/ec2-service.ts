/**
 * EC2: instances with AWS's lifecycle (`pending → running → stopping → stopped`, `shutting-down →
 * terminated`), on-demand and spot, capacity reservations and per-zone capacity pools, and the
 * spot market's interruptions.
 *
 * Fault model:
 * - zone power loss: every instance in the zone stops at once (reason `Server.InternalError`) and
 *   the zone accepts no launch (InsufficientInstanceCapacity); when power returns, the instances
 *   it stopped start again (instances of an Auto Scaling group are replaced by the group instead);
 * - injected API errors (FIS `aws:ec2:api-insufficient-instance-capacity-error`): launches by the
 *   targeted callers in the targeted zones fail with InsufficientInstanceCapacity, with the given
 *   percentage, while the fault lasts;
 * - spot interruptions: a rebalance recommendation, then the interruption warning exactly
 *   `spotInterruptionNoticeMs` (120 s) before the instance is reclaimed (terminated). EC2 itself
 *   interrupts spot instances when an on-demand launch or a reservation needs their slots.
 * Recoverable: stopped instances start again; reclaimed spot instances are gone for good.
 */
import type { FaultHandle } from "../../sim/faults";
import type { Random, TimerHandle } from "../../sim/ports";
import { type Ratio, ratio } from "../../sim/ratio";
import type { OperationHandlers } from "../api/cloud-api";
import type { Instance, InstanceStateChange, InstanceStateName, RunInstancesRequest, SpotInstanceRequest, Tag } from "../api/ec2-types";
import type { Bindings } from "../bindings";
import type { CloudContext } from "../cloud-context";
import { type CloudResult, fail, ok } from "../cloud-result";
import type { EventBus } from "../events/event-bus";
import type { ZoneService } from "../zones";
import { type CapacityOptions, CapacityPools, holdsSlot, type ReservationRecord } from "./capacity-pools";
import type { EbsService } from "./ebs";

/** The data of a `spot` trace event: what happened to which spot instance, beside the trace text. */
export interface SpotNotice {
  readonly what: "interruption-warning" | "reclaimed" | "revoked-without-notice";
  readonly instanceId: string;
  /** When the instance is (or was) reclaimed. */
  readonly reclaimAtMs?: number;
}

export interface InstanceRecord {
  readonly id: string;
  readonly type: string;
  readonly az: string;
  readonly lifecycle: "on-demand" | "spot";
  state: InstanceStateName;
  stateReason?: { readonly Code: string; readonly Message: string };
  reservationId?: string;
  readonly spotRequestId?: string;
  readonly launchTimeMs: number;
  readonly tags: readonly Tag[];
  readonly volumeId: string;
  /** The Auto Scaling group that launched it. */
  readonly group?: string;
  /** Who launched it (the caller's principal): the cloud's own record of whose instance it is. */
  readonly launchedBy?: string;
  /** When it terminated, by the cloud's clock: nothing runs (or is billed) on it after. */
  terminatedAtMs?: number;
  /** Set once the spot market decided to reclaim it. */
  interruption?: { readonly warningAtMs: number; readonly reclaimAtMs: number; readonly reason: string };
  /** Stopped by a zone power loss (started again when power returns). */
  stoppedByZone?: boolean;
  transition?: TimerHandle;
}

interface SpotRequestRecord {
  readonly id: string;
  state: SpotInstanceRequest["State"];
  status: string;
  instanceId?: string;
  readonly type: string;
  readonly az?: string;
  readonly price?: string;
}

/** An injected InsufficientInstanceCapacity fault. */
interface IceFault {
  /** Callers it hits; `undefined` hits every caller. */
  readonly principals: ReadonlySet<string> | undefined;
  /** Zones it hits; `undefined` hits every zone. */
  readonly zones: ReadonlySet<string> | undefined;
  readonly chance: Ratio;
}

/** A launch as the internal API sees it (RunInstances, Auto Scaling, capacity managers). */
export interface LaunchSpec {
  readonly type: string;
  readonly az: string;
  readonly count: number;
  readonly minCount?: number;
  readonly spot?: boolean;
  readonly reservation?: { readonly id: string } | "open" | "none";
  readonly tags?: readonly Tag[];
  readonly group?: string;
  /** Who launches: injected capacity errors target callers by this. */
  readonly principal: string;
  /** The spot request the launch fulfils (RequestSpotInstances); one is recorded otherwise. */
  readonly spotRequestId?: string;
}

export class Ec2Service {
  readonly pools: CapacityPools;
  private readonly instances = new Map<string, InstanceRecord>();
  /** Instances by `<zone>/<type>`: capacity accounting reads one pool, not the region. */
  private readonly byPool = new Map<string, InstanceRecord[]>();
  private readonly spotRequests = new Map<string, SpotRequestRecord>();
  private iceFaults: readonly IceFault[] = [];
  private listeners: readonly ((i: InstanceRecord, from: InstanceStateName) => void)[] = [];
  private warningListeners: readonly ((i: InstanceRecord) => void)[] = [];
  private readonly random: Random;

  constructor(
    private readonly ctx: CloudContext,
    private readonly zones: ZoneService,
    private readonly bus: EventBus,
    private readonly ebs: EbsService,
    private readonly bindings: Bindings,
    capacity: CapacityOptions,
  ) {
    this.random = ctx.random.fork("ec2");
    this.pools = new CapacityPools(capacity, (pool) =>
      pool ? (this.byPool.get(`${pool.az}/${pool.type}`) ?? []) : this.instances.values(),
    );
    zones.onChange((zone, change) => {
      if (change === "power-off") this.zoneDark(zone);
      if (change === "power-on") this.zoneLit(zone);
    });
  }

  /** Called after every state change of an instance (Auto Scaling listens). */
  onStateChange(listener: (i: InstanceRecord, from: InstanceStateName) => void): void {
    this.listeners = [...this.listeners, listener];
  }

  /**
   * Lends a reservation's unused capacity out as interruptible (AWS's interruptible capacity
   * reservations): spot launches of its type and zone run inside it, and the owner takes it back by
   * interrupting them. Returns false for an unknown or cancelled reservation.
   */
  lendReservation(id: string): boolean {
    const r = this.pools.reservations.find((x) => x.id === id);
    if (!r || r.state === "cancelled") return false;
    r.lent = true;
    return true;
  }

  /**
   * Designates `count` slots of a zone's pool for `owners` (contingency capacity): the slots are
   * held like a reservation's, so no general launch gets them; spot launches lease their unused part
   * (lent); only the owners launch into them on demand, and only into slots no lessee still holds.
   */
  designate(spec: {
    readonly az: string;
    readonly type: string;
    readonly count: number;
    readonly owners: readonly string[];
  }): CloudResult<ReservationRecord> {
    const r = this.reserve({
      type: spec.type,
      az: spec.az,
      count: spec.count,
      criteria: "targeted",
      principal: "ec2",
      active: true,
      lent: true,
    });
    if (!r.ok) return r;
    const designated: ReservationRecord = { ...r.value, designatedFor: [...spec.owners] };
    this.pools.reservations[this.pools.reservations.indexOf(r.value)] = designated;
    this.ctx.note("capacity", designated.id, `designated-capacity ${spec.count}x${spec.type} in ${spec.az} for ${spec.owners.join(",")}`);
    return ok(designated);
  }

  /**
   * Moves designated capacity (the roles swap after a failover): a new block of `count` in `az` for
   * `owners`, and the block `fromId` stops being designated — it stays reserved for the instances in
   * it (the new primary), no longer lent to spot. Refused, with nothing changed, when `az` has no room.
   */
  moveDesignation(
    fromId: string,
    spec: { readonly az: string; readonly type: string; readonly count: number; readonly owners: readonly string[] },
  ): CloudResult<ReservationRecord> {
    const from = this.pools.reservations.findIndex((x) => x.id === fromId && x.designatedFor !== undefined);
    if (from < 0) return fail("InvalidCapacityReservationId.NotFound", `The designated capacity '${fromId}' does not exist`);
    const r = this.designate(spec);
    if (!r.ok) return r;
    const { designatedFor: _owners, ...plain } = this.pools.reservations[from] as ReservationRecord;
    this.pools.reservations[from] = { ...plain, lent: false };
    this.ctx.note("capacity", fromId, `designation-moved to=${r.value.id} az=${spec.az}`);
    return r;
  }

  /** Cancels a reservation: its instances keep running as plain on-demand instances, holding the slots they use. */
  cancelReservation(id: string): CloudResult<{ readonly Return: true }> {
    const res = this.pools.reservations.find((x) => x.id === id && x.state !== "cancelled");
    if (!res) return fail("InvalidCapacityReservationId.NotFound", `The capacity reservation ID '${id}' does not exist`);
    for (const i of this.instances.values()) if (i.reservationId === res.id) delete i.reservationId;
    res.state = "cancelled";
    this.ctx.note("capacity", res.id, "state=cancelled");
    return ok({ Return: true as const });
  }

  /** Whether a reservation's capacity is lent out (see {@link lendReservation}). */
  isLent(id: string): boolean {
    return this.pools.reservations.find((x) => x.id === id)?.lent === true;
  }

  /**
   * Called when a spot instance gets its interruption warning (or is revoked without one), before
   * it is reclaimed: whoever leased the capacity out learns the lease is ending when the tenant does.
   */
  onInterruptionWarning(listener: (i: InstanceRecord) => void): void {
    this.warningListeners = [...this.warningListeners, listener];
  }

  get(id: string): InstanceRecord | undefined {
    return this.instances.get(id);
  }

  list(): InstanceRecord[] {
    return [...this.instances.values()];
  }

  describe(i: InstanceRecord): Instance {
    return {
      InstanceId: i.id,
      InstanceType: i.type,
      Placement: { AvailabilityZone: i.az },
      State: { Name: i.state },
      ...(i.stateReason ? { StateReason: i.stateReason } : {}),
      ...(i.lifecycle === "spot" ? { InstanceLifecycle: "spot" as const } : {}),
      ...(i.spotRequestId ? { SpotInstanceRequestId: i.spotRequestId } : {}),
      ...(i.reservationId ? { CapacityReservationId: i.reservationId } : {}),
      LaunchTime: i.launchTimeMs,
      Tags: i.tags,
    };
  }

  arn(id: string): string {
    return this.ctx.arn("ec2", `instance/${id}`);
  }

  /** Adds a capacity reservation (plan reservations at start, CreateCapacityReservation later). */
  reserve(spec: {
    readonly type: string;
    readonly az: string;
    readonly count: number;
    readonly platform?: string;
    readonly criteria?: "open" | "targeted";
    readonly tags?: readonly Tag[];
    readonly address?: string;
    readonly principal: string;
    /** Already active (a reservation the plan created before the run began). */
    readonly active?: boolean;
    /** Lent out as interruptible capacity from the start (see {@link lendReservation}). */
    readonly lent?: boolean;
  }): CloudResult<ReservationRecord> {
    if (!this.zones.has(spec.az)) return fail("InvalidParameterValue", `Invalid availability zone: [${spec.az}]`);
    if (!Number.isSafeInteger(spec.count) || spec.count < 1)
      return fail("InvalidParameterValue", `InstanceCount must be ≥ 1, got ${spec.count}`);
    const blocked = this.launchBlocked(spec.az, spec.principal);
    const free = this.pools.free(spec.az, spec.type);
    if (blocked || free < spec.count) {
      if (!blocked) this.reclaimSpotFor(spec.az, spec.type, spec.count - free);
      return this.iceError(spec.type, spec.az);
    }
    const r: ReservationRecord = {
      id: this.ctx.ids.hex("cr"),
      type: spec.type,
      platform: spec.platform ?? "Linux/UNIX",
      az: spec.az,
      total: spec.count,
      criteria: spec.criteria ?? "open",
      state: spec.active ? "active" : "pending",
      tags: spec.tags ?? [],
      ...(spec.address !== undefined ? { address: spec.address } : {}),
      ...(spec.lent ? { lent: true } : {}),
    };
    this.pools.reservations.push(r);
    this.ctx.note(
      "capacity",
      r.id,
      `reserved ${r.total}x${r.type} in ${r.az} match=${r.criteria} state=${r.state}${r.address ? ` address=${r.address}` : ""}`,
    );
    if (r.state === "pending")
      this.ctx.env.timers.after(
        this.ctx.draw(this.random, this.ctx.profile.capacityReservationActivateMs),
        `capacity-reservation ${r.id}`,
        () => {
          if (r.state !== "pending") return;
          r.state = "active";
          this.ctx.note("capacity", r.id, "state=active");
        },
      );
    return ok(r);
  }

  /** Launches instances (the engine behind RunInstances, Auto Scaling and spot requests). */
  launch(spec: LaunchSpec): CloudResult<InstanceRecord[]> {
    const min = spec.minCount ?? spec.count;
    if (!Number.isSafeInteger(spec.count) || spec.count < 1 || !Number.isSafeInteger(min) || min < 1 || min > spec.count)
      return fail("InvalidParameterValue", `MinCount (${min}) and MaxCount (${spec.count}) must be integers with 1 ≤ MinCount ≤ MaxCount`);
    if (!this.zones.has(spec.az)) return fail("InvalidParameterValue", `Invalid availability zone: [${spec.az}]`);
    if (this.launchBlocked(spec.az, spec.principal)) return this.iceError(spec.type, spec.az, spec.spot);
    const slots: (ReservationRecord | undefined)[] = [];
    const pref = spec.reservation ?? "open";
    if (!spec.spot && typeof pref === "object") {
      const r = this.pools.reservations.find((x) => x.id === pref.id);
      if (!r || r.state === "cancelled")
        return fail("InvalidCapacityReservationId.NotFound", `The capacity reservation ID '${pref.id}' does not exist`);
      if (r.type !== spec.type || r.az !== spec.az)
        return fail("InvalidParameterValue", `Capacity reservation ${r.id} is for ${r.type} in ${r.az}, not ${spec.type} in ${spec.az}`);
      if (r.designatedFor && !r.designatedFor.includes(spec.principal))
        return fail("InvalidParameterValue", `Capacity ${r.id} is designated for ${r.designatedFor.join(", ")}, not ${spec.principal}`);
      const n = Math.min(spec.count, this.pools.available(r));
      if (n < min)
        return fail("ReservationCapacityExceeded", `Capacity reservation ${r.id} has ${this.pools.available(r)} instances available`);
      for (let k = 0; k < n; k++) slots.push(r);
    } else {
      if (!spec.spot && pref === "open")
        for (const r of this.pools.openReservations(spec.az, spec.type))
          for (let k = this.pools.available(r); k > 0 && slots.length < spec.count; k--) slots.push(r);
      // Interruptible use of a lent reservation (iODCR): spot launches run in its unused capacity first.
      if (spec.spot)
        for (const r of this.pools.reservations.filter((x) => x.lent && x.az === spec.az && x.type === spec.type && x.state === "active"))
          for (let k = this.pools.available(r); k > 0 && slots.length < spec.count; k--) slots.push(r);
      const free = this.pools.free(spec.az, spec.type);
      for (let k = 0; k < free && slots.length < spec.count; k++) slots.push(undefined);
      if (slots.length < min) {
        if (!spec.spot) this.reclaimSpotFor(spec.az, spec.type, min - slots.length);
        return this.iceError(spec.type, spec.az, spec.spot);
      }
    }
    const launched = slots.map((r) => this.create(spec, r));
    return ok(launched);
  }

  /** Stops a running instance (API or fault); its bound actors crash. */
  stop(id: string, reason?: { readonly Code: string; readonly Message: string }): CloudResult<InstanceStateChange> {
    const i = this.instances.get(id);
    if (!i || i.state === "terminated") return fail("InvalidInstanceID.NotFound", `The instance ID '${id}' does not exist`);
    if (i.state === "stopped" || i.state === "stopping") return ok(change(i, i.state));
    if (i.state !== "running" && i.state !== "pending")
      return fail("IncorrectInstanceState", `The instance '${id}' is not in a state from which it can be stopped.`);
    if (i.lifecycle === "spot" && !reason)
      return fail("UnsupportedOperation", `The instance '${id}' is a spot instance and cannot be stopped.`);
    const before = i.state;
    if (reason) i.stateReason = reason;
    this.bindings.crash(id);
    this.set(i, "stopping");
    this.after(i, this.ctx.profile.ec2StopMs, () => this.set(i, "stopped"));
    return ok(change(i, before));
  }

  /**
   * Starts a stopped instance; needs a free slot in its pool. `recovery` is EC2 restarting the
   * instances a power loss stopped: no capacity check and no injected error applies.
   */
  start(id: string, principal: string, recovery = false): CloudResult<InstanceStateChange> {
    const i = this.instances.get(id);
    if (!i || i.state === "terminated") return fail("InvalidInstanceID.NotFound", `The instance ID '${id}' does not exist`);
    if (i.state === "running" || i.state === "pending") return ok(change(i, i.state));
    if (i.state !== "stopped")
      return fail("IncorrectInstanceState", `The instance '${id}' is not in a state from which it can be started.`);
    const reservation = i.reservationId ? this.pools.reservations.find((r) => r.id === i.reservationId) : undefined;
    if (!recovery) {
      if (this.launchBlocked(i.az, principal)) return this.iceError(i.type, i.az);
      const room = reservation && reservation.state === "active" ? this.pools.available(reservation) : this.pools.free(i.az, i.type);
      if (room < 1) return this.iceError(i.type, i.az);
    }
    if (reservation?.state !== "active") delete i.reservationId;
    delete i.stateReason;
    i.stoppedByZone = false;
    this.set(i, "pending");
    this.after(i, this.ctx.profile.ec2LaunchMs, () => {
      this.set(i, "running");
      this.bindings.restart(id);
    });
    return ok(change(i, "stopped"));
  }

  /** Terminates an instance; its bound actors are retired. */
  terminate(id: string, reason?: { readonly Code: string; readonly Message: string }): CloudResult<InstanceStateChange> {
    const i = this.instances.get(id);
    if (!i) return fail("InvalidInstanceID.NotFound", `The instance ID '${id}' does not exist`);
    if (i.state === "terminated" || i.state === "shutting-down") return ok(change(i, i.state));
    const before = i.state;
    if (reason) i.stateReason = reason;
    this.bindings.retire(id);
    this.set(i, "shutting-down");
    this.after(i, this.ctx.profile.ec2TerminateMs, () => this.finishTermination(i));
    return ok(change(i, before));
  }

  /**
   * Interrupts a spot instance: a rebalance recommendation now, the interruption warning
   * `warningAfterMs` from now (default 0), and the reclaim exactly `spotInterruptionNoticeMs` after
   * the warning. Returns false when the instance is not a running spot instance or is already
   * being reclaimed.
   */
  interruptSpot(id: string, reason: "capacity" | "experiment", warningAfterMs = 0): boolean {
    const i = this.instances.get(id);
    if (i?.lifecycle !== "spot" || i.interruption || (i.state !== "running" && i.state !== "pending")) return false;
    const now = this.ctx.nowMs;
    const warningAtMs = now + warningAfterMs;
    const reclaimAtMs = warningAtMs + this.ctx.profile.spotInterruptionNoticeMs;
    i.interruption = { warningAtMs, reclaimAtMs, reason };
    const arn = [this.arn(id)];
    this.ctx.note("spot", id, `rebalance-recommendation reason=${reason}`);
    this.bus.emit("aws.ec2", "EC2 Instance Rebalance Recommendation", { "instance-id": id }, arn);
    const warn = () => {
      this.ctx.note("spot", id, `interruption-warning reclaim-at=${reclaimAtMs}`, {
        what: "interruption-warning",
        instanceId: id,
        reclaimAtMs,
      } satisfies SpotNotice);
      this.bus.emit("aws.ec2", "EC2 Spot Instance Interruption Warning", { "instance-id": id, "instance-action": "terminate" }, arn);
      for (const l of this.warningListeners) l(i);
    };
    if (warningAfterMs === 0) warn();
    else this.ctx.env.timers.after(warningAfterMs, `spot-warning ${id}`, warn);
    this.ctx.env.timers.after(reclaimAtMs - now, `spot-reclaim ${id}`, () => this.reclaim(i));
    return true;
  }

  /**
   * Ends a spot instance at once, without a warning: a lease whose notice policy gives none (a
   * contingency lease may end without warning; AWS itself always warns). Returns
   * false when the instance is not a running spot instance or is already being reclaimed.
   */
  revokeSpotNow(id: string, reason: string): boolean {
    const i = this.instances.get(id);
    if (i?.lifecycle !== "spot" || i.interruption || (i.state !== "running" && i.state !== "pending")) return false;
    const now = this.ctx.nowMs;
    i.interruption = { warningAtMs: now, reclaimAtMs: now, reason };
    this.ctx.note("spot", id, `revoked-without-notice reason=${reason}`, {
      what: "revoked-without-notice",
      instanceId: id,
    } satisfies SpotNotice);
    for (const l of this.warningListeners) l(i);
    i.transition?.cancel();
    i.stateReason = { Code: "Server.SpotInstanceTermination", Message: `Spot instance revoked without notice (${reason})` };
    this.bindings.retire(i.id);
    this.finishTermination(i);
    return true;
  }

  /**
   * Injects InsufficientInstanceCapacity for launches by `principals` (all when undefined) in
   * `zones` (all when undefined), failing `percentage` of them; a fault the quiet phase ends.
   */
  injectCapacityErrors(spec: {
    readonly principals?: readonly string[];
    readonly zones?: readonly string[];
    readonly percentage?: number;
    readonly forMs?: number;
    readonly label?: string;
  }): FaultHandle {
    const pct = spec.percentage ?? 100;
    if (!Number.isInteger(pct) || pct < 1 || pct > 100) throw new RangeError(`percentage must be an integer 1..100, got ${pct}`);
    const f: IceFault = {
      principals: spec.principals ? new Set(spec.principals) : undefined,
      zones: spec.zones ? new Set(spec.zones) : undefined,
      chance: ratio(pct, 100),
    };
    const label =
      spec.label ?? `insufficient-capacity zones:${spec.zones?.join(",") ?? "all"} callers:${spec.principals?.length ?? "all"} ${pct}%`;
    return this.ctx.env.faults.custom(
      label,
      () => {
        this.iceFaults = [...this.iceFaults, f];
      },
      () => {
        this.iceFaults = this.iceFaults.filter((x) => x !== f);
      },
      spec.forMs === undefined ? {} : { forMs: spec.forMs },
    );
  }

  operations(): Pick<
    OperationHandlers,
    | "RunInstances"
    | "StartInstances"
    | "StopInstances"
    | "TerminateInstances"
    | "DescribeInstances"
    | "RequestSpotInstances"
    | "CancelSpotInstanceRequests"
    | "DescribeSpotInstanceRequests"
    | "CreateCapacityReservation"
    | "CancelCapacityReservation"
    | "DescribeCapacityReservations"
    | "DescribeAvailabilityZones"
  > {
    return {
      RunInstances: (r, principal) => {
        const launched = this.launch(this.runSpec(r, principal));
        return launched.ok ? ok({ Instances: launched.value.map((i) => this.describe(i)) }) : launched;
      },
      StartInstances: (r, principal) =>
        this.each(
          r.InstanceIds,
          (id) => this.start(id, principal),
          (c) => ({ StartingInstances: c }),
        ),
      StopInstances: (r) =>
        this.each(
          r.InstanceIds,
          (id) => this.stop(id),
          (c) => ({ StoppingInstances: c }),
        ),
      TerminateInstances: (r) =>
        this.each(
          r.InstanceIds,
          (id) => this.terminate(id),
          (c) => ({ TerminatingInstances: c }),
        ),
      DescribeInstances: (r) => {
        if (!r.InstanceIds) return ok({ Instances: this.list().map((i) => this.describe(i)) });
        const missing = r.InstanceIds.find((id) => !this.instances.has(id));
        if (missing) return fail("InvalidInstanceID.NotFound", `The instance ID '${missing}' does not exist`);
        return ok({ Instances: r.InstanceIds.map((id) => this.describe(this.instances.get(id) as InstanceRecord)) });
      },
      RequestSpotInstances: (r, principal) =>
        Number.isSafeInteger(r.InstanceCount) && r.InstanceCount >= 1
          ? ok({ SpotInstanceRequests: this.requestSpot(r.InstanceCount, r.LaunchSpecification, r.SpotPrice, principal) })
          : fail("InvalidParameterValue", `InstanceCount must be an integer ≥ 1, got ${r.InstanceCount}`),
      CancelSpotInstanceRequests: (r) => {
        const missing = r.SpotInstanceRequestIds.find((id) => !this.spotRequests.has(id));
        if (missing) return fail("InvalidSpotInstanceRequestID.NotFound", `The spot instance request ID '${missing}' does not exist`);
        for (const id of r.SpotInstanceRequestIds) {
          const s = this.spotRequests.get(id) as SpotRequestRecord;
          s.state = "cancelled";
          s.status = "request-canceled-and-instance-running";
        }
        return ok({
          CancelledSpotInstanceRequests: r.SpotInstanceRequestIds.map((id) => ({ SpotInstanceRequestId: id, State: "cancelled" as const })),
        });
      },
      DescribeSpotInstanceRequests: (r) => {
        const ids = r.SpotInstanceRequestIds ?? [...this.spotRequests.keys()];
        const missing = ids.find((id) => !this.spotRequests.has(id));
        if (missing) return fail("InvalidSpotInstanceRequestID.NotFound", `The spot instance request ID '${missing}' does not exist`);
        return ok({ SpotInstanceRequests: ids.map((id) => describeSpot(this.spotRequests.get(id) as SpotRequestRecord)) });
      },
      CreateCapacityReservation: (r, principal) => {
        const res = this.reserve({
          type: r.InstanceType,
          az: r.AvailabilityZone,
          count: r.InstanceCount,
          ...(r.InstancePlatform !== undefined ? { platform: r.InstancePlatform } : {}),
          ...(r.InstanceMatchCriteria !== undefined ? { criteria: r.InstanceMatchCriteria } : {}),
          tags: r.TagSpecifications?.flatMap((t) => t.Tags) ?? [],
          principal,
        });
        return res.ok ? ok({ CapacityReservation: this.pools.describe(res.value) }) : res;
      },
      CancelCapacityReservation: (r) => this.cancelReservation(r.CapacityReservationId),
      DescribeCapacityReservations: (r) => {
        const all = this.pools.reservations;
        const ids = r.CapacityReservationIds;
        const missing = ids?.find((id) => !all.some((x) => x.id === id));
        if (missing) return fail("InvalidCapacityReservationId.NotFound", `The capacity reservation ID '${missing}' does not exist`);
        return ok({ CapacityReservations: all.filter((x) => !ids || ids.includes(x.id)).map((x) => this.pools.describe(x)) });
      },
      DescribeAvailabilityZones: () => ok({ AvailabilityZones: this.zones.describe() }),
    };
  }

  private runSpec(r: RunInstancesRequest, principal: string): LaunchSpec {
    const spot = r.InstanceMarketOptions?.MarketType === "spot";
    const crs = r.CapacityReservationSpecification;
    const target = crs?.CapacityReservationTarget;
    return {
      type: r.InstanceType,
      az: r.Placement?.AvailabilityZone ?? this.roomiest(r.InstanceType),
      count: r.MaxCount,
      minCount: r.MinCount,
      spot,
      reservation: target ? { id: target.CapacityReservationId } : (crs?.CapacityReservationPreference ?? "open"),
      tags: r.TagSpecifications?.flatMap((t) => t.Tags) ?? [],
      principal,
    };
  }

  /** AWS places an instance without a zone where capacity is, in the region asked; the mock: most free slots, first by name. */
  roomiest(type: string): string {
    const region = this.zones.inRegion(this.ctx.region);
    const zones = region.filter((z) => this.zones.isPowered(z));
    const candidates = zones.length ? zones : region;
    return candidates.reduce((best, z) => (this.pools.free(z, type) > this.pools.free(best, type) ? z : best), candidates[0] as string);
  }

  private requestSpot(
    count: number,
    spec: { readonly InstanceType: string; readonly Placement?: { readonly AvailabilityZone: string } },
    price: string | undefined,
    principal: string,
  ): SpotInstanceRequest[] {
    const out: SpotInstanceRequest[] = [];
    for (let k = 0; k < count; k++) {
      const id = this.ctx.ids.hex("sir");
      const s: SpotRequestRecord = {
        id,
        state: "open",
        status: "pending-evaluation",
        type: spec.InstanceType,
        ...(spec.Placement ? { az: spec.Placement.AvailabilityZone } : {}),
        ...(price !== undefined ? { price } : {}),
      };
      this.spotRequests.set(id, s);
      const az = s.az ?? this.roomiest(s.type);
      const launched = this.launch({ type: s.type, az, count: 1, spot: true, principal, spotRequestId: id });
      if (launched.ok) {
        s.state = "active";
        s.status = "fulfilled";
        s.instanceId = (launched.value[0] as InstanceRecord).id;
      } else s.status = "capacity-not-available";
      out.push(describeSpot(s));
    }
    return out;
  }

  private create(spec: LaunchSpec, reservation: ReservationRecord | undefined): InstanceRecord {
    const id = this.ctx.ids.hex("i");
    const spotRequestId = spec.spotRequestId ?? (spec.spot ? this.openRequestFor(spec.type, spec.az) : undefined);
    const i: InstanceRecord = {
      id,
      type: spec.type,
      az: spec.az,
      lifecycle: spec.spot ? "spot" : "on-demand",
      state: "pending",
      ...(reservation ? { reservationId: reservation.id } : {}),
      ...(spotRequestId ? { spotRequestId } : {}),
      launchTimeMs: this.ctx.nowMs,
      tags: spec.tags ?? [],
      volumeId: this.ebs.create(spec.az, id),
      ...(spec.group ? { group: spec.group } : {}),
      launchedBy: spec.principal,
    };
    this.instances.set(id, i);
    const pool = `${i.az}/${i.type}`;
    const members = this.byPool.get(pool);
    if (members) members.push(i);
    else this.byPool.set(pool, [i]);
    this.ctx.note(
      "ec2",
      id,
      `launched ${i.type} in ${i.az} ${i.lifecycle}${i.reservationId ? ` reservation=${i.reservationId}` : ""}${i.group ? ` group=${i.group}` : ""}`,
    );
    this.after(i, this.ctx.profile.ec2LaunchMs, () => this.set(i, "running"));
    return i;
  }

  /** A spot request record for a spot launch not made through RequestSpotInstances (RunInstances, Auto Scaling). */
  private openRequestFor(type: string, az: string): string {
    const id = this.ctx.ids.hex("sir");
    this.spotRequests.set(id, { id, state: "active", status: "fulfilled", type, az });
    return id;
  }

  private reclaim(i: InstanceRecord): void {
    if (i.state === "terminated") return;
    i.transition?.cancel();
    const reason = i.interruption?.reason ?? "capacity";
    i.stateReason = { Code: "Server.SpotInstanceTermination", Message: `Spot instance reclaimed (${reason})` };
    this.ctx.note("spot", i.id, `reclaimed reason=${reason}`, {
      what: "reclaimed",
      instanceId: i.id,
      reclaimAtMs: this.ctx.nowMs,
    } satisfies SpotNotice);
    this.bindings.retire(i.id);
    const s = i.spotRequestId ? this.spotRequests.get(i.spotRequestId) : undefined;
    if (s) {
      s.state = "closed";
      s.status = reason === "experiment" ? "instance-terminated-by-experiment" : "instance-terminated-no-capacity";
    }
    this.finishTermination(i);
  }

  private finishTermination(i: InstanceRecord): void {
    this.ebs.delete(i.volumeId);
    this.set(i, "terminated");
  }

  /** EC2 frees slots for on-demand demand by interrupting spot instances of the pool (seeded choice). */
  private reclaimSpotFor(az: string, type: string, needed: number): void {
    if (needed <= 0) return;
    const victims = this.list().filter((i) => i.az === az && i.type === type && i.lifecycle === "spot" && !i.interruption && holdsSlot(i));
    this.ctx.env.sometimes("on-demand demand reclaims spot capacity", victims.length > 0);
    this.random.shuffle(victims);
    for (const v of victims.slice(0, needed)) this.interruptSpot(v.id, "capacity");
  }

  private launchBlocked(az: string, principal: string): boolean {
    if (!this.zones.isPowered(az)) return true;
    for (const f of this.iceFaults)
      if ((!f.principals || f.principals.has(principal)) && (!f.zones || f.zones.has(az)) && this.random.chance(f.chance)) return true;
    return false;
  }

  private iceError<T>(type: string, az: string, spot = false): CloudResult<T> {
    this.ctx.note("capacity", `${az}/${type}`, `insufficient-capacity${spot ? " spot" : ""}`);
    return fail(
      "InsufficientInstanceCapacity",
      `We currently do not have sufficient ${type} capacity in the Availability Zone you requested (${az}).`,
    );
  }

  private zoneDark(zone: string): void {
    for (const i of this.instances.values()) {
      if (i.az !== zone || (i.state !== "pending" && i.state !== "running" && i.state !== "stopping")) continue;
      i.transition?.cancel();
      i.stateReason = { Code: "Server.InternalError", Message: "The instance lost power (Availability Zone power interruption)" };
      i.stoppedByZone = true;
      this.set(i, "stopped");
    }
  }

  private zoneLit(zone: string): void {
    for (const i of this.instances.values())
      if (i.az === zone && i.state === "stopped" && i.stoppedByZone && i.group === undefined) this.start(i.id, "ec2", true);
  }

  private set(i: InstanceRecord, state: InstanceStateName): void {
    const from = i.state;
    if (from === state) return;
    i.state = state;
    if (state === "terminated") i.terminatedAtMs = this.ctx.nowMs;
    this.ctx.note(
      "ec2",
      i.id,
      `${from}->${state}${i.stateReason && (state === "stopped" || state === "terminated") ? ` reason=${i.stateReason.Code}` : ""}`,
    );
    this.bus.emit("aws.ec2", "EC2 Instance State-change Notification", { "instance-id": i.id, state }, [this.arn(i.id)]);
    for (const l of this.listeners) l(i, from);
  }

  private after(i: InstanceRecord, d: { minMs: number; maxMs: number }, action: () => void): void {
    i.transition?.cancel();
    i.transition = this.ctx.env.timers.after(this.ctx.draw(this.random, d), `ec2 ${i.id}`, action);
  }

  private each<R>(
    ids: readonly string[],
    one: (id: string) => CloudResult<InstanceStateChange>,
    wrap: (changes: InstanceStateChange[]) => R,
  ): CloudResult<R> {
    const missing = ids.find((id) => !this.instances.has(id));
    if (missing) return fail("InvalidInstanceID.NotFound", `The instance ID '${missing}' does not exist`);
    const changes: InstanceStateChange[] = [];
    for (const id of ids) {
      const r = one(id);
      if (!r.ok) return r;
      changes.push(r.value);
    }
    return ok(wrap(changes));
  }
}

function change(i: InstanceRecord, before: InstanceStateName): InstanceStateChange {
  return { InstanceId: i.id, PreviousState: { Name: before }, CurrentState: { Name: i.state } };
}

function describeSpot(s: SpotRequestRecord): SpotInstanceRequest {
  return {
    SpotInstanceRequestId: s.id,
    State: s.state,
    Status: { Code: s.status },
    ...(s.instanceId ? { InstanceId: s.instanceId } : {}),
    LaunchSpecification: { InstanceType: s.type, ...(s.az ? { Placement: { AvailabilityZone: s.az } } : {}) },
    ...(s.price !== undefined ? { SpotPrice: s.price } : {}),
  };
}

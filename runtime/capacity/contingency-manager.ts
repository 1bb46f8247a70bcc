/**
 * The contingency manager of one service on the mock cloud (the choices behind it:
 * ../../docs/design/0002-contingency-capacity.md): it
 * runs the service's head node on the primary reservation, books the spot pool's members as
 * leases on the designated capacity, and on a trigger runs the failover
 * `detecting → reclaiming → starting → attaching → serving | degraded | failed`:
 * - node-only failure with the primary zone healthy: the replacement starts in the primary
 *   zone and no lease is touched;
 * - zone failure: idle designated slots are claimed, the fewest leases are revoked with the
 *   notice policy, the replacement launches on the reclaimed capacity once the leases ended,
 *   attaches and serves;
 * - no contingency capacity: the general pool of the contingency zone, then another zone
 *   (`degraded`), else `failed` with a reason; every path ends.
 * When the old primary comes back it is stopped and the roles swap: its zone becomes the
 * service's contingency zone (the cloud's designated capacity moves there, the old block beside the
 * new primary is no longer designated, its remaining leases are revoked), so a later failure of the
 * new primary's zone fails over back into it; nothing fails back on its own. The head node's redo goes to a `HeadVolume` with
 * a copy per zone; attaching a replacement moves the epoch and fences the copies it cannot reach
 * and a fenced copy is unfenced once its zone is back and it caught up.
 *
 * Every step is a trace line of kind `contingency`; checkers in
 * `runtime/checkers/contingency-capacity/` read them and never the manager.
 */
import { contingencyPrincipal } from "../cloud/ec2/capacity-pools";
import type { InstanceRecord } from "../cloud/ec2/ec2-service";
import type { MockCloud } from "../cloud/mock-cloud";
import type { Duration, DurationRange } from "../cloud/timing-profile";
import type { RevocationRow } from "../contract/emulation-result";
import type { Random } from "../sim/ports";
import { ContingencyPool, type Lease } from "./contingency-pool";
import { HeadVolume } from "./head-volume";
import { type ContingencyPricing, DEFAULT_PRICING, designationMicrosPerHour, Ledger } from "./ledger";
import { type ContingencyMutants, NO_CONTINGENCY_MUTANTS } from "./mutants";
import { describeNotice, type NoticePolicy, noticeMs } from "./notice-policy";
import type { SpotMarket } from "./spot-market";

/** Writes the head node acknowledges once it runs, and once a replacement serves (bursts, no events of their own). */
export const HEAD_WRITES = { beforeFailure: 1_000, afterFailover: 100 } as const;

export type FailoverPhase = "normal" | "detecting" | "reclaiming" | "starting" | "attaching" | "serving" | "degraded" | "failed";

/** Realistic ms between attempts to move the designation into a zone that has no room yet. */
const REDESIGNATE_RETRY_MS = 5 * 60_000;

/** Timings the manager adds to the cloud's (data, scaled by the profile's divisor). */
export interface CapacityTiming {
  /** Probes miss the head node for this long before the trigger is declared. */
  readonly detectMs: DurationRange;
  /** Attaching the new head node to the volume and opening the storage nodes. */
  readonly attachMs: DurationRange;
}

/** One service with capacity reserved in `primaryAz` and `count` designated in the pool's zone. */
export interface ManagedService {
  readonly service: string;
  readonly type: string;
  readonly primaryAz: string;
  readonly reservationId: string;
  /** Head-node instances (the primary reservation's count): what a failover launches. */
  readonly count: number;
  /** Instances designated for it in the pool's zone (from the plan's designation, never the pool's size). */
  readonly designated: number;
  /** Interruptible-reservation mode: the lent reservation in the contingency zone the replacement launches into. */
  readonly lentReservationId?: string;
  /**
   * Count and named mode: the mock cloud's designated capacity in the contingency zone (finite slots
   * only this service's failover may launch into on demand; lessees hold them until revoked).
   */
  readonly designatedReservationId?: string;
  /** The Auto Scaling group that leases the designated capacity out. */
  readonly spotPool: string;
  /** What the pool's members bid (its `spot_max_price`), micro-dollars per hour. */
  readonly poolBidMicros: number;
}

/** The bound the manager promises for a failover it starts while its designation is fully revocable. */
export interface RecoveryBound {
  readonly detectMs: number;
  readonly noticeMs: number;
  readonly bootMs: number;
  readonly attachMs: number;
}

export class ContingencyManager {
  phase: FailoverPhase = "normal";
  /** Roles swaps that moved the designation (a failover after one launches into the old primary's zone). */
  swaps = 0;
  /** Pools this service's designation left (a roles swap): their leases still end through this manager. */
  private readonly former: ContingencyPool[] = [];
  readonly rows: RevocationRow[] = [];
  /** Why the head node did not start on the primary reservation (undefined once it runs). */
  headNotStarted: string | undefined;
  private heads: string[] = [];
  /** Instances that ran the service before a failover: stopped when they come back (roles swap). */
  private readonly retired = new Set<string>();
  private readonly principal: string;
  private t0 = 0;
  private revokedAtMs = 0;
  private revoked: Lease[] = [];
  private reclaimedAtMs = 0;
  private launchedAtMs = 0;
  private degradedReason: string | undefined;
  private waiting = new Set<string>();
  /** Set by a failed failover: the old primary, once back, serves again. */
  private resumeInPlace = false;
  /** The size of a supplement being reclaimed (capacity beside the primary), if one is. */
  private supplementing: number | undefined;
  /** Instances activated beside the primary by supplements. */
  readonly supplements: string[] = [];
  /** Leases whose tenant is leaving on its own: they end without a revocation. */
  private readonly leaving = new Set<string>();
  /** Leases this manager granted: the pool may be shared, and each lease is handled by one manager. */
  private readonly booked = new Set<string>();
  /** Pool members running as general spot capacity, outside the designation. */
  private readonly general = new Set<string>();

  /** The head node's redo storage: one copy per zone of the region. */
  readonly volume: HeadVolume;
  /** The epoch each head node attached with. */
  private readonly epochOf = new Map<string, number>();

  constructor(
    private readonly cloud: MockCloud,
    /** The service as it stands: a roles swap moves its primary zone, reservation and designated capacity. */
    public svc: ManagedService,
    /** The pool of its contingency zone now (a roles swap replaces it with one in the old primary's zone). */
    public pool: ContingencyPool,
    private readonly market: SpotMarket,
    private readonly notice: NoticePolicy,
    private readonly timing: CapacityTiming,
    private readonly random: Random,
    /** The run's bill; the component shares one across managers. */
    readonly ledger: Ledger = new Ledger(),
    private readonly pricing: ContingencyPricing = DEFAULT_PRICING,
    private readonly mutants: ContingencyMutants = NO_CONTINGENCY_MUTANTS,
  ) {
    this.principal = contingencyPrincipal(svc.service);
    this.volume = new HeadVolume(this.regionZones(), undefined, !mutants.noVolumeFence);
    cloud.zones.onChange((zone, change) => {
      // A copy catches up only once its zone is both powered and connected again.
      if ((change !== "power-on" && change !== "reconnected") || !this.cloud.zones.isAvailable(zone)) return;
      const lsn = this.volume.catchUp(zone);
      if (lsn !== undefined) this.note("unfence", `copy=${zone} lsn=${lsn} current=${this.volume.lsn}`, { lsn, current: this.volume.lsn });
    });
  }

  private reachable = (zone: string): boolean => this.cloud.zones.isAvailable(zone);

  /** A head node attaches to the volume: the epoch moves and unreachable copies are fenced. */
  private attachVolume(): void {
    const acked = this.volume.lsn;
    const head = this.heads.join(",");
    const fenced = this.volume.attach(head, this.reachable);
    for (const id of this.heads) this.epochOf.set(id, this.volume.epoch);
    const readable = this.volume.readableLsn(this.reachable);
    this.note("attach", `epoch=${this.volume.epoch} fenced=${fenced.join(",") || "none"} acked=${acked} readable=${readable}`, {
      epoch: this.volume.epoch,
      acked,
      readable,
    });
  }

  /** A burst of `n` writes by the attached head node, acknowledged one by one at quorum. */
  private writeBurst(n: number): void {
    const head = this.heads.join(",");
    let acked = 0;
    for (let k = 0; k < n; k++) if (this.volume.write(head, this.volume.epoch, 1, this.reachable).ok) acked++;
    this.note("acked", `n=${acked}/${n} lsn=${this.volume.lsn} epoch=${this.volume.epoch} head=${head}`, {
      epoch: this.volume.epoch,
      n: acked,
    });
  }

  /** The bound `contingency/bounded-recovery` checks, from the timing profile's maxima. */
  bound(): RecoveryBound {
    const p = this.cloud.profile;
    const max = (d: Duration) => ("typical" in d ? d.tail.maxMs : d.maxMs);
    return {
      detectMs: max(this.timing.detectMs),
      noticeMs: noticeMs(this.notice, p.spotInterruptionNoticeMs),
      // A lease without notice still has to shut down before its slot is free.
      bootMs: max(p.ec2TerminateMs) + max(p.ec2LaunchMs),
      attachMs: max(this.timing.attachMs),
    };
  }

  start(): void {
    const { ec2 } = this.cloud;
    ec2.onStateChange((i, from) => this.changed(i, from));
    ec2.onInterruptionWarning((i) => this.warned(i));
    const r = ec2.launch({
      type: this.svc.type,
      az: this.svc.primaryAz,
      count: this.svc.count,
      reservation: { id: this.svc.reservationId },
      principal: this.principal,
      tags: [{ Key: "resilience:role", Value: "primary-capacity" }],
    });
    if (!r.ok) {
      this.headNotStarted = `${r.error.code}: ${r.error.message}`;
      this.note("head-not-started", `reason=${r.error.code}`);
      return;
    }
    this.heads = r.value.map((i) => i.id);
    this.attachVolume();
    this.note(
      "designated",
      `count=${this.svc.designated} az=${this.pool.az} primary=${this.svc.primaryAz} notice=${describeNotice(this.notice)}`,
      { designated: this.svc.designated, az: this.pool.az, primaryAz: this.svc.primaryAz },
    );
    this.ledger.open({
      account: `customer:${this.svc.service}`,
      item: `designation:${this.svc.service}`,
      startMs: this.cloud.ctx.nowMs,
      microsPerHour: designationMicrosPerHour(this.pricing, this.svc.designated),
    });
  }

  /** A tenant's bid for the designated capacity: a lease and a spot instance on it, or the refusal. */
  tenantBid(lessee: string, bidMicros: number): string {
    const now = this.cloud.ctx.nowMs;
    const res = this.market.bid(this.pool, lessee, bidMicros, now, this.noticeMs());
    if (!res.ok) {
      this.note("bid-refused", `lessee=${lessee} bid=${bidMicros} reason=${res.reason}`);
      return res.reason;
    }
    const launched = this.cloud.ec2.launch({ type: this.pool.type, az: this.pool.az, count: 1, spot: true, principal: `tenant:${lessee}` });
    if (!launched.ok) {
      this.pool.endLease(res.lease.id);
      this.note("bid-refused", `lessee=${lessee} bid=${bidMicros} reason=${launched.error.code}`);
      return launched.error.code;
    }
    res.lease.instanceId = (launched.value[0] as InstanceRecord).id;
    this.leased(res.lease);
    return "leased";
  }

  /**
   * A supplement: more capacity beside a primary that stays active — for performance, scale, the primary's
   * maintenance or better hardware. The same order as a failover (trigger → revoke → launch once
   * the leases ended), but the head node keeps serving and the new instances join it; no volume
   * attach, no epoch change. Refused while a failover runs.
   */
  supplement(reason: "performance" | "scaling" | "maintenance" | "hardware", n = this.svc.designated): boolean {
    if ((this.phase !== "normal" && this.phase !== "serving") || this.heads.length === 0) {
      this.note("supplement-refused", `reason=${reason} phase=${this.phase}`);
      return false;
    }
    this.t0 = this.cloud.ctx.nowMs;
    this.supplementing = n;
    this.degradedReason = undefined;
    this.note("trigger", `supplement reason=${reason} count=${n} beside=${this.heads.join(",")}`, {
      bound: { ...this.bound(), detectMs: 0 },
      i3: this.pool.revocabilityProblems().length === 0,
      supplement: true,
    });
    this.reclaim(n);
    return true;
  }

  /** The capacity a replacement or supplement launches into: the lent reservation, else the designated slots. */
  private designatedCapacity(): { readonly reservation?: { readonly id: string } } {
    const id = this.svc.lentReservationId ?? this.svc.designatedReservationId;
    return id !== undefined ? { reservation: { id } } : {};
  }

  private launchSupplement(n: number): void {
    this.supplementing = undefined;
    const az = this.pool.az;
    const lent = this.designatedCapacity();
    const r = this.cloud.ec2.launch({ type: this.svc.type, az, count: n, principal: this.principal, ...lent });
    if (!r.ok) {
      this.pool.release(this.svc.service);
      // The primary still serves: a supplement that cannot launch degrades, it never fails the service.
      this.finish("degraded", `supplement not launched in ${az} (${r.error.code}); the primary serves alone`);
      return;
    }
    const now = this.cloud.ctx.nowMs;
    // As on a failover, the designation is used now: the customer pays the activation rate instead.
    this.ledger.close(`designation:${this.svc.service}`, now);
    this.cloud.ctx.env.sometimes("contingency: a supplement beside a serving primary", true);
    for (const i of r.value) {
      this.pool.activate(this.svc.service, i.id);
      this.supplements.push(i.id);
      this.billActivation(i.id, now);
    }
    this.setPhase("starting", `az=${az} instances=${r.value.map((i) => i.id).join(",")} beside=${this.heads.join(",")}`, {
      az,
      path: "supplement",
    });
    const pending = new Set(r.value.map((i) => i.id));
    this.cloud.ec2.onStateChange((i) => {
      if (!pending.has(i.id) || this.phase !== "starting") return;
      if (i.state === "running") {
        pending.delete(i.id);
        this.launchedAtMs = this.cloud.ctx.nowMs;
        if (pending.size > 0) return;
        this.finish("serving", `supplement az=${az} instances=${this.supplements.join(",")} beside=${this.heads.join(",")}`);
        this.pushReclaimRow();
      } else if (i.state === "terminated" || i.state === "stopped") this.finish("degraded", `supplement ${i.id} ${i.state} while starting`);
    });
  }

  /**
   * A lease's interruptibility changes. A downgrade (a shorter notice, down to none) is
   * allowed, at the new price; an upgrade is refused on designated capacity — to reserved, or to
   * more notice than it has — because a failover must be able to take it back. The bid (the
   * most the tenant pays) stays; the charged price is the new one, and the bill splits at the
   * change: Σ Tᵢ·Pᵢ.
   */
  changeLease(leaseId: string, to: { readonly reserved: true } | { readonly noticeMs: number; readonly priceMicros: number }): string {
    if (!("reserved" in to)) {
      if (!Number.isSafeInteger(to.priceMicros) || to.priceMicros < 0)
        throw new RangeError(
          `changeLease priceMicros: got ${to.priceMicros}; a price is whole micro-dollars per hour ≥ 0, e.g. 70000 for $0.07/h`,
        );
      if (!Number.isSafeInteger(to.noticeMs) || to.noticeMs < 0)
        throw new RangeError(`changeLease noticeMs: got ${to.noticeMs}; notice is whole milliseconds ≥ 0 (0: none), e.g. 120000`);
    }
    const lease = this.pool.lease(leaseId);
    if (lease?.state !== "active" || !this.booked.has(leaseId)) return "no-such-lease";
    const refused =
      "reserved" in to
        ? "upgrade-refused: a lease on designated capacity cannot become reserved"
        : to.noticeMs > lease.noticeMs
          ? `upgrade-refused: ${to.noticeMs} ms of notice is more than the lease's ${lease.noticeMs} ms; designated capacity only downgrades`
          : undefined;
    if (refused) {
      this.note("lease-change-refused", `lease=${leaseId} ${refused}`);
      return refused;
    }
    const change = to as { readonly noticeMs: number; readonly priceMicros: number };
    this.cloud.ctx.env.sometimes("contingency: a lease downgraded to less notice", change.noticeMs < lease.noticeMs);
    this.pool.renotice(leaseId, change.noticeMs);
    const now = this.cloud.ctx.nowMs;
    this.ledger.close(`lease:${leaseId}`, now);
    this.ledger.open({
      account: `tenant:${lease.lessee}`,
      item: `lease:${leaseId}`,
      ...(lease.instanceId !== undefined ? { instanceId: lease.instanceId } : {}),
      startMs: now,
      microsPerHour: change.priceMicros,
    });
    this.note("lease-changed", `lease=${leaseId} notice=${change.noticeMs} price=${change.priceMicros}`, {
      leaseId,
      noticeMs: change.noticeMs,
    });
    return "changed";
  }

  /** A tenant gives its lease up (its instance terminates): the lease ends without a revocation. */
  tenantLeaves(leaseId: string): void {
    const lease = this.pool.lease(leaseId);
    if (lease?.state !== "active" || lease.instanceId === undefined) return;
    this.leaving.add(leaseId);
    this.cloud.ec2.terminate(lease.instanceId, { Code: "Client.UserInitiatedShutdown", Message: "The tenant ended its lease" });
  }

  /** The instances running the service now. */
  /** The zones of the service's region (a head node and its replacements never leave it). */
  private regionZones(): string[] {
    return this.cloud.zones.inRegion(this.cloud.zones.regionOf(this.svc.primaryAz) ?? this.cloud.region);
  }

  headIds(): readonly string[] {
    return [...this.heads];
  }

  /**
   * A capacity-shrink fault in the designated zone: `k` designated instances are gone (idle
   * ones first); a lessee on a lost instance loses it at once. Revocability may now fail: the checker says so
   * at this step, not at the next failover.
   */
  capacityLost(k: number): void {
    const lost = this.pool.shrink(k, this.cloud.ctx.nowMs);
    this.note("capacity-lost", `az=${this.pool.az} type=${this.pool.type} lost=${lost.length}`);
    for (const l of lost) {
      if (l === undefined) continue;
      this.endedRow(l);
      this.ledger.close(`lease:${l.id}`, this.cloud.ctx.nowMs);
      if (l.instanceId !== undefined)
        this.cloud.ec2.terminate(l.instanceId, { Code: "Server.InternalError", Message: "The host's capacity was lost" });
    }
  }

  /** Price moves of the market: outbid leases get their notice in the same step. */
  revokeOutbid(leases: readonly Lease[]): void {
    if (this.mutants.noOutbidRevoke) return;
    for (const l of leases)
      if (this.booked.has(l.id)) {
        this.cloud.ctx.env.sometimes("contingency: a lease outbid by the spot price", true);
        this.revokeInCloud(l);
      }
  }

  /** The `revocations` row of this failover or supplement: the leases it reclaimed in the pool's zone. */
  private pushReclaimRow(): void {
    this.rows.push({
      pool: this.svc.spotPool,
      az: this.pool.az,
      leases: this.revoked.length,
      noticeAtMs: this.revokedAtMs,
      reclaimedAtMs: this.reclaimedAtMs,
      customerLaunchedAtMs: this.launchedAtMs,
      reason: "contingency-reclaim",
      noticeMs: this.revoked[0]?.noticeMs ?? 0,
    });
  }

  /** The customer pays the activation rate for a designated instance from `now`. */
  private billActivation(instanceId: string, now: number): void {
    this.ledger.open({
      account: `customer:${this.svc.service}`,
      item: `activation:${instanceId}`,
      instanceId,
      startMs: now,
      microsPerHour: this.pricing.activationMicrosPerHour,
    });
  }

  /**
   * Whether this manager acts on a lease's end: the failover that claimed its slot does, else the
   * manager that granted it (pools are shared by the services designating in one zone).
   */
  private handles(l: Lease): boolean {
    const claim = this.poolOf(l).claimOf(l);
    return claim !== undefined ? claim === this.svc.service : this.booked.has(l.id);
  }

  /** The pool a lease is on: the current one, or one the designation left in a roles swap. */
  private poolOf(l: Lease): ContingencyPool {
    return this.pools().find((p) => p.leases().includes(l)) ?? this.pool;
  }

  /** The current pool, then those the designation left (checkers and lease ends see them all). */
  pools(): readonly ContingencyPool[] {
    return [this.pool, ...this.former];
  }

  private leaseOn(instanceId: string, ok: (l: Lease) => boolean): Lease | undefined {
    for (const p of this.pools()) {
      const l = p.leases().find((x) => x.instanceId === instanceId && ok(x));
      if (l) return l;
    }
    return undefined;
  }

  private noticeMs(): number {
    return noticeMs(this.notice, this.cloud.profile.spotInterruptionNoticeMs);
  }

  /**
   * The cloud warned a lessee on our capacity (a spot reclaim, an FIS interruption): the lease is
   * revoked now, with the notice the tenant is getting, so its end is recorded like any other.
   */
  private warned(i: InstanceRecord): void {
    const lease = this.leaseOn(i.id, (l) => l.state === "active");
    if (!lease || !this.handles(lease)) return;
    this.poolOf(lease).revoke(lease.id, "interrupted", this.cloud.ctx.nowMs);
    this.noteRevoke(lease);
  }

  /** One row per lease that ended for another reason than a failover (which gets one row for all its leases). */
  private endedRow(l: Lease): void {
    if (l.reason === undefined || l.reason === "contingency-reclaim") return;
    this.rows.push({
      pool: this.svc.spotPool,
      az: this.poolOf(l).az,
      leases: 1,
      noticeAtMs: l.revokedAtMs ?? this.cloud.ctx.nowMs,
      reclaimedAtMs: this.cloud.ctx.nowMs,
      customerLaunchedAtMs: null,
      reason: l.reason,
      noticeMs: l.noticeMs,
    });
  }

  private changed(i: InstanceRecord, from: string): void {
    if (i.state === "terminated") this.ledger.terminated(i.id, this.cloud.ctx.nowMs);
    if (
      this.phase === "normal" &&
      i.state === "running" &&
      this.heads.includes(i.id) &&
      this.volume.lsn === 0 &&
      this.heads.every((h) => this.cloud.ec2.get(h)?.state === "running")
    )
      this.writeBurst(HEAD_WRITES.beforeFailure);
    if (this.heads.includes(i.id) && (i.state === "stopped" || i.state === "terminated" || i.state === "stopping")) {
      if (this.phase === "normal" || this.phase === "serving" || this.phase === "degraded") this.trigger(i);
      return;
    }
    if (this.retired.has(i.id) && i.state === "running") {
      this.retired.delete(i.id);
      // The old head node wakes up believing it is primary: the fence refuses what it sends.
      const epoch = this.epochOf.get(i.id) ?? 0;
      if (epoch < this.volume.epoch) {
        const w = this.volume.write(i.id, epoch, 1, this.reachable);
        this.note("stale-write", `head=${i.id} epoch=${epoch} ${w.ok ? "accepted" : `refused=${w.reason}`}`, { accepted: w.ok });
      }
      if (this.resumeInPlace) {
        // Nothing replaced it: the old primary serves again where it was.
        this.heads.push(i.id);
        this.attachVolume();
        if (this.phase === "failed") this.finish("serving", `primary ${i.id} back in ${i.az} after a failed failover`);
        return;
      }
      // The old primary is back; its zone becomes the contingency, no automatic failback.
      this.cloud.ec2.stop(i.id, { Code: "Client.UserInitiatedShutdown", Message: "Roles swapped after a failover" });
      this.cloud.ctx.env.sometimes("contingency: roles swapped after a failover", true);
      this.note("roles-swapped", `old=${i.id} az=${i.az} now contingency; no automatic failback`, { az: i.az });
      this.redesignate(i);
      return;
    }
    // A member of the spot pool running in the designated zone: a lease on the designated capacity.
    if (
      i.state === "running" &&
      from === "pending" &&
      i.group === this.svc.spotPool &&
      i.az === this.pool.az &&
      i.type === this.pool.type
    ) {
      if (this.pool.leases().some((l) => l.instanceId === i.id)) return;
      const res = this.market.bid(this.pool, `asg:${this.svc.spotPool}`, this.svc.poolBidMicros, this.cloud.ctx.nowMs, this.noticeMs());
      if (!res.ok) {
        if (i.reservationId !== undefined && i.reservationId === this.svc.designatedReservationId) {
          // A spot request below the price (or beyond the designation) is not fulfilled on designated
          // capacity: the instance goes at once, so nothing but leases ever runs there.
          this.note("spot-refused", `instance=${i.id} reason=${res.reason}`);
          this.cloud.ec2.revokeSpotNow(i.id, res.reason);
          return;
        }
        this.general.add(i.id);
        this.note("spot-general", `instance=${i.id} reason=${res.reason}`);
        return;
      }
      res.lease.instanceId = i.id;
      this.leased(res.lease);
      return;
    }
    if (i.state === "terminated") {
      const lease = this.leaseOn(i.id, (l) => l.state !== "ended");
      if (!lease || !this.handles(lease)) return;
      const pool = this.poolOf(lease);
      if (lease.state === "active" && !this.leaving.has(lease.id)) pool.revoke(lease.id, "interrupted", this.cloud.ctx.nowMs);
      pool.endLease(lease.id);
      this.ledger.close(`lease:${lease.id}`, this.cloud.ctx.nowMs);
      this.endedRow(lease);
      this.note("lease-ended", `lease=${lease.id} instance=${i.id} reason=${lease.reason}`, {
        leaseId: lease.id,
        instanceId: i.id,
        revokedAtMs: lease.revokedAtMs,
        noticeMs: lease.noticeMs,
      });
      if (this.waiting.delete(lease.id) && this.waiting.size === 0 && this.phase === "reclaiming") {
        this.reclaimedAtMs = this.cloud.ctx.nowMs;
        this.launchReplacement();
      } else if (!this.leaving.delete(lease.id)) this.adoptGeneral();
      return;
    }
  }

  /**
   * The roles swap made real: the old primary's zone becomes the contingency zone. The cloud's
   * designated capacity moves there (a new block; the one beside the new primary is no longer
   * designated and keeps running it as its primary capacity), the old primary's reservation is
   * released, the leases left beside the new primary are revoked with their notice, and a new pool in
   * the old zone is designated for the service, leased out and billed like the first. Only where the
   * service's designated block is its own (a block shared with other services, or a lent reservation,
   * stays where it was, and the trace says why).
   */
  private redesignate(old: InstanceRecord): void {
    const from = this.pool;
    const skip = (why: string) => this.note("redesignate-skipped", `az=${old.az} reason=${why}`);
    // A transient refusal: the swap asks again later, as an operator would, while the designation is still in `from`.
    const retry = () => {
      const ms = Math.max(1, Math.floor(REDESIGNATE_RETRY_MS / this.cloud.profile.scenarioTimeDivisor));
      // In the background: a zone that never has room does not keep the run going.
      this.cloud.ctx.env.timers.after(
        ms,
        `contingency-redesignate ${this.svc.service}`,
        () => {
          if (this.pool === from) this.redesignate(old);
        },
        { background: true },
      );
    };
    if (this.mutants.noRedesignate) return;
    if (this.phase !== "serving" && this.phase !== "degraded") {
      skip(`a failover is under way (${this.phase})`);
      if (this.phase !== "failed") retry();
      return;
    }
    const heads = this.heads.map((h) => this.cloud.ec2.get(h));
    if (heads.length === 0 || heads.some((h) => h?.az !== from.az || h.state !== "running")) {
      skip(`the service does not run in ${from.az}`);
      return;
    }
    const blockId = this.svc.designatedReservationId;
    if (this.svc.lentReservationId !== undefined || blockId === undefined) {
      skip("no designated block of the mock cloud");
      return;
    }
    if (from.designations.length !== 1) {
      skip(`pool ${from.az}/${from.type} is shared with other services`);
      return;
    }
    const moved = this.cloud.ec2.moveDesignation(blockId, {
      az: old.az,
      type: from.type,
      count: this.svc.designated,
      owners: [this.principal],
    });
    if (!moved.ok) {
      skip(moved.error.code);
      // The zone has no room yet (it is still recovering).
      if (moved.error.code === "InsufficientInstanceCapacity") retry();
      return;
    }
    this.cloud.ec2.cancelReservation(this.svc.reservationId);
    const to = new ContingencyPool({
      ...from.options,
      az: old.az,
      capacity: this.cloud.ec2.pools.slots(old.az, from.type),
      reserved: this.cloud.ec2.pools.reservations
        .filter((r) => r.az === old.az && r.type === from.type && r.state !== "cancelled" && !r.lent)
        .reduce((n, r) => n + r.total, 0),
    });
    const refused = to.designate({ service: this.svc.service, primaryAz: from.az, count: this.svc.designated });
    if (refused !== undefined) {
      skip(refused);
      return;
    }
    from.undesignate(this.svc.service);
    this.former.push(from);
    this.pool = to;
    this.market.add(to);
    this.svc = { ...this.svc, primaryAz: from.az, reservationId: blockId, designatedReservationId: moved.value.id };
    this.swaps++;
    const now = this.cloud.ctx.nowMs;
    // The designation exists again: the customer pays for it from now.
    this.ledger.open({
      account: `customer:${this.svc.service}`,
      item: `designation:${this.svc.service}`,
      startMs: now,
      microsPerHour: designationMicrosPerHour(this.pricing, this.svc.designated),
    });
    this.note(
      "designated",
      `count=${this.svc.designated} az=${to.az} primary=${from.az} notice=${describeNotice(this.notice)} capacity=${moved.value.id}`,
      { designated: this.svc.designated, az: to.az, primaryAz: from.az },
    );
    // Leases left on the old block sit on the new primary's capacity now: they end with their notice.
    for (const l of from.leases())
      if (l.state === "active" && this.booked.has(l.id)) {
        from.revoke(l.id, "contingency-reclaim", now);
        this.revokeInCloud(l);
      }
  }

  /** A pool member that ran outside the designation (no slot was idle) takes a slot that became idle. */
  private adoptGeneral(): void {
    for (const id of [...this.general]) {
      if (this.pool.count("idle") === 0) return;
      const i = this.cloud.ec2.get(id);
      this.general.delete(id);
      if (i?.state !== "running" || i.interruption) continue;
      const res = this.market.bid(this.pool, `asg:${this.svc.spotPool}`, this.svc.poolBidMicros, this.cloud.ctx.nowMs, this.noticeMs());
      if (!res.ok) return;
      res.lease.instanceId = id;
      this.leased(res.lease);
    }
  }

  private leased(l: Lease): void {
    this.booked.add(l.id);
    this.ledger.open({
      account: `tenant:${l.lessee}`,
      item: `lease:${l.id}`,
      ...(l.instanceId !== undefined ? { instanceId: l.instanceId } : {}),
      startMs: this.cloud.ctx.nowMs,
      microsPerHour: this.mutants.leaseAtBid ? l.bidMicros : this.market.price(this.pool.az, this.pool.type),
    });
    const slot = this.pool.slotName(l);
    this.note(
      "leased",
      `lease=${l.id} lessee=${l.lessee} bid=${l.bidMicros} instance=${l.instanceId}${slot ? ` slot=${slot}` : ""} notice=${l.noticeMs}`,
      {
        leaseId: l.id,
        noticeMs: l.noticeMs,
      },
    );
  }

  private trigger(head: InstanceRecord): void {
    this.t0 = this.cloud.ctx.nowMs;
    this.phase = "detecting";
    for (const id of this.heads) this.retired.add(id);
    this.heads = [];
    this.degradedReason = undefined;
    this.resumeInPlace = false;
    const i3 = this.pool.revocabilityProblems().length === 0;
    this.note("trigger", `head=${head.id} az=${head.az} reason=${head.stateReason?.Code ?? head.state}`, {
      az: head.az,
      bound: this.bound(),
      i3,
    });
    this.after(this.timing.detectMs, "detect", () => this.detected(head));
  }

  private detected(head: InstanceRecord): void {
    const zoneUp = this.cloud.zones.isPowered(head.az);
    this.cloud.ctx.env.sometimes("contingency: a node-only failover in the healthy primary zone", zoneUp);
    if (zoneUp) {
      // A node-only failure: the zone is healthy, so the replacement starts there, in the reservation.
      this.setPhase("starting", `same-zone az=${head.az}`, { az: head.az, path: "same-zone", zoneHealthy: zoneUp });
      const r = this.cloud.ec2.launch({
        type: this.svc.type,
        az: head.az,
        count: this.svc.count,
        reservation: head.reservationId ? { id: head.reservationId } : "open",
        principal: this.principal,
      });
      if (r.ok) {
        this.starting(r.value, head.az);
        return;
      }
    }
    this.reclaim();
  }

  private reclaim(n = this.svc.count): void {
    this.setPhase("reclaiming", `pool=${this.svc.spotPool} az=${this.pool.az}`);
    const now = this.cloud.ctx.nowMs;
    // No new leases on the capacity being taken back.
    this.cloud.autoScaling.setDesired(this.svc.spotPool, Math.max(0, this.svc.designated - n));
    const r = this.pool.reclaimFor(this.svc.service, n, now, this.random);
    if (r.short > 0) this.degradedReason = `${r.short} designated instance(s) lost in ${this.pool.az}`;
    this.revoked = [...r.revoked];
    this.revokedAtMs = now;
    this.reclaimedAtMs = now;
    this.cloud.ctx.env.sometimes("contingency: a failover revoked a lease on its designated capacity", r.revoked.length > 0);
    if (this.mutants.skipRevoke) {
      this.revoked = [];
      this.waiting = new Set();
      this.launchReplacement();
      return;
    }
    this.waiting = new Set(r.revoked.map((l) => l.id));
    for (const l of r.revoked) this.revokeInCloud(l);
    // A lease without notice may have ended inside revokeInCloud, which already launched.
    if (this.waiting.size === 0 && this.phase === "reclaiming") this.launchReplacement();
  }

  /** The cloud side of a revocation: AWS's 2-minute warning, no warning at all, or N minutes then the end. */
  private revokeInCloud(l: Lease): void {
    const id = l.instanceId;
    this.noteRevoke(l);
    if (id === undefined) return;
    const { ec2 } = this.cloud;
    const end = () => ec2.terminate(id, { Code: "Server.SpotInstanceTermination", Message: `Contingency lease revoked (${l.reason})` });
    if (l.noticeMs === this.cloud.profile.spotInterruptionNoticeMs) {
      if (!ec2.interruptSpot(id, "capacity")) end();
    } else if (l.noticeMs === 0) {
      if (!ec2.revokeSpotNow(id, l.reason ?? "contingency-reclaim")) end();
    } else this.cloud.ctx.env.timers.after(l.noticeMs, `contingency-notice ${l.id}`, end);
  }

  private noteRevoke(l: Lease): void {
    this.note("revoke", `lease=${l.id} instance=${l.instanceId} reason=${l.reason} notice=${l.noticeMs}`, {
      leaseId: l.id,
      instanceId: l.instanceId,
      noticeMs: l.noticeMs,
      reason: l.reason,
    });
  }

  private launchReplacement(): void {
    if (this.supplementing !== undefined) {
      this.launchSupplement(this.supplementing);
      return;
    }
    const want = this.svc.count;
    // The designated capacity first; then the zone's general capacity, then another zone (both degraded).
    const attempts = [
      { az: this.pool.az, designated: true },
      ...(Object.keys(this.designatedCapacity()).length > 0 ? [{ az: this.pool.az, designated: false }] : []),
      ...this.regionZones()
        .filter((z) => z !== this.pool.az && z !== this.svc.primaryAz)
        .map((az) => ({ az, designated: false })),
    ];
    for (const { az, designated } of attempts) {
      const r = this.cloud.ec2.launch({
        type: this.svc.type,
        az,
        count: want,
        principal: this.principal,
        ...(designated ? this.designatedCapacity() : {}),
      });
      if (!r.ok) continue;
      if (az === this.pool.az) {
        this.cloud.ctx.env.sometimes(
          "contingency: a second failover launched into the re-designated old primary's capacity",
          designated && this.swaps > 0,
        );
        for (const i of r.value)
          if (!designated || !this.pool.activate(this.svc.service, i.id))
            this.degradedReason ??= `instance ${i.id} runs on general capacity of ${az}`;
        // The designation is used now: the customer pays the activation rate instead.
        const now = this.cloud.ctx.nowMs;
        this.ledger.close(`designation:${this.svc.service}`, now);
        for (const i of r.value) this.billActivation(i.id, now);
      } else {
        this.pool.release(this.svc.service);
        this.degradedReason = `no capacity in ${this.pool.az}; the replacement runs in ${az}`;
      }
      this.setPhase("starting", `az=${az} instances=${r.value.map((i) => i.id).join(",")}`, {
        az,
        path: az === this.pool.az ? "contingency" : "fallback",
      });
      this.starting(r.value, az);
      return;
    }
    this.pool.release(this.svc.service);
    this.finish("failed", `no zone could launch ${want}x${this.svc.type} (InsufficientInstanceCapacity)`);
  }

  private starting(instances: readonly InstanceRecord[], az: string): void {
    this.heads = instances.map((i) => i.id);
    const pending = new Set(this.heads);
    const { ec2 } = this.cloud;
    ec2.onStateChange((i) => {
      if (!pending.has(i.id) || this.phase !== "starting") return;
      if (i.state === "running") {
        pending.delete(i.id);
        if (pending.size === 0) this.attach(az);
      } else if (i.state === "terminated" || i.state === "stopped") this.finish("failed", `replacement ${i.id} ${i.state} while starting`);
    });
  }

  private attach(az: string): void {
    this.launchedAtMs = this.cloud.ctx.nowMs;
    this.setPhase("attaching", `az=${az}`);
    this.after(this.timing.attachMs, "attach", () => {
      this.attachVolume();
      this.note("redirect", `endpoint -> ${this.heads.join(",")}`);
      const degraded = this.degradedReason !== undefined;
      this.finish(degraded ? "degraded" : "serving", degraded ? (this.degradedReason as string) : `az=${az}`);
      this.writeBurst(HEAD_WRITES.afterFailover);
      if (this.revoked.length > 0 || az === this.pool.az) this.pushReclaimRow();
    });
  }

  private finish(phase: "serving" | "degraded" | "failed", detail: string): void {
    this.phase = phase;
    if (phase === "failed") this.resumeInPlace = true;
    this.note(phase, detail, { t0: this.t0, atMs: this.cloud.ctx.nowMs });
  }

  private setPhase(phase: FailoverPhase, detail: string, data?: Record<string, unknown>): void {
    this.phase = phase;
    this.note(phase, detail, data);
  }

  private after(d: Duration, label: string, f: () => void): void {
    const ms = this.cloud.ctx.draw(this.random, d);
    this.cloud.ctx.env.timers.after(ms, `contingency-${label} ${this.svc.service}`, f);
  }

  private note(what: string, detail: string, data?: Record<string, unknown>): void {
    this.cloud.ctx.note("contingency", this.svc.service, `${what} ${detail}`, { what, service: this.svc.service, ...data });
  }
}

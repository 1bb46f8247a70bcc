/**
 * The contingency pool of one (zone, instance type): capacity *designated* for services
 * whose primary runs in another zone (count mode: "N on this pool", no specific instances), leased
 * out to other tenants while unused, and taken back when a trigger needs it.
 *
 * Each designated slot is in exactly one state: `idle` (unused contingency, may be leased),
 * `leased`, `revoking` (the lease got its notice and ends at `endAtMs`), `claimed` (promised to a
 * failover, waiting for its lease to end or for the launch), `activated` (runs the replacement), or
 * `failed` (capacity lost to a fault). A slot is activated only once its lease has ended.
 *
 * Pure: time comes in as arguments and ties are broken by the caller's seeded stream, so the pool
 * runs the same in a unit test, in the simulator and in a real controller.
 */
import type { Random } from "../sim/ports";

export type ContingencySlotState = "idle" | "leased" | "revoking" | "claimed" | "activated" | "failed";

export interface Lease {
  readonly id: string;
  readonly lessee: string;
  readonly bidMicros: number;
  readonly startMs: number;
  /** Warning the lessee gets before the lease ends (per the pool's notice policy when it was granted; only ever lowered). */
  noticeMs: number;
  state: "active" | "revoking" | "ended";
  /** The cloud instance the lessee runs on the slot, once known. */
  instanceId?: string;
  revokedAtMs?: number;
  reason?: "contingency-reclaim" | "outbid" | "capacity-lost" | "interrupted";
  endAtMs?: number;
  readonly slot: number;
}

interface Slot {
  readonly index: number;
  state: ContingencySlotState;
  lease?: Lease;
  /** The service a claimed or activated slot serves. */
  service?: string;
  instanceId?: string;
  /** Named mode: the designation that owns the slot, and the instance or host it stands for. */
  readonly owner?: string;
  readonly name?: string;
}

export interface Designation {
  /** The service (topology) the capacity is designated for. */
  readonly service: string;
  /** Its primary zone: a failure of that zone triggers this designation. */
  readonly primaryAz: string;
  readonly count: number;
  /**
   * Named mode: the specific instances (or hosts) designated, `count` of them. Their slots serve
   * this service only, and revocability holds for this designation alone; without it (count mode) the
   * service gets any N of the pool's unnamed slots.
   */
  readonly instances?: readonly string[];
}

export interface PoolOptions {
  readonly az: string;
  readonly type: string;
  /** Minimum spot bid on this contingency, micro-dollars per hour. */
  readonly minBidMicros: number;
  /** Longest notice a lease on contingency may carry; 0 when leases end without warning, 120 s for AWS spot. */
  readonly maxNoticeMs: number;
  /**
   * Instances of this type the zone has, and how many are reserved there, for the sharing bound (several
   * services designating in one zone).
   * @default - unbounded: only the designations themselves bound the pool
   */
  readonly capacity?: number;
  readonly reserved?: number;
}

export type LeaseRefusal = "below-price" | "below-minimum" | "no-idle-capacity" | "notice-too-long";
export type LeaseResult = { readonly ok: true; readonly lease: Lease } | { readonly ok: false; readonly reason: LeaseRefusal };

/** What a trigger got: idle slots claimed at once, and the leases it had to revoke for the rest. */
export interface Reclaim {
  readonly fromIdle: number;
  readonly revoked: readonly Lease[];
  /** Slots it could not find at all (capacity lost): the failover will be degraded or fail. */
  readonly short: number;
}

export class ContingencyPool {
  readonly designations: Designation[] = [];
  private readonly slots: Slot[] = [];
  private nextLease = 1;

  constructor(readonly options: PoolOptions) {
    if (!Number.isSafeInteger(options.minBidMicros) || options.minBidMicros < 0)
      throw new RangeError(`minBidMicros must be whole micro-dollars ≥ 0, got ${options.minBidMicros}`);
  }

  get az(): string {
    return this.options.az;
  }

  get type(): string {
    return this.options.type;
  }

  /** Σ N(d): how many instances the pool must be able to hand over. */
  designated(): number {
    return this.designations.reduce((n, d) => n + d.count, 0);
  }

  /**
   * Designates `count` instances for a service. Refused (a sentence) when the contingency zone
   * is the service's primary zone, or when one zone's failure would trigger more designations
   * here than the zone has unreserved capacity (the sharing bound).
   */
  designate(d: Designation): string | undefined {
    if (!Number.isSafeInteger(d.count) || d.count < 1) return `designation of ${d.service}: count must be ≥ 1, got ${d.count}`;
    if (d.instances !== undefined && d.instances.length !== d.count)
      return `designation of ${d.service}: named mode lists ${d.instances.length} instance(s) for a count of ${d.count}`;
    const taken = d.instances?.find((id) => this.slots.some((s) => s.name === id));
    if (taken !== undefined) return `designation of ${d.service}: ${taken} is already designated for another service`;
    if (d.primaryAz === this.az) return `designation of ${d.service}: the contingency zone ${this.az} is its primary zone`;
    const cap = this.options.capacity;
    if (cap !== undefined) {
      const sameFailure = this.designations.filter((x) => x.primaryAz === d.primaryAz).reduce((n, x) => n + x.count, 0) + d.count;
      const room = cap - (this.options.reserved ?? 0);
      if (sameFailure > room)
        return `designation of ${d.service}: a failure of ${d.primaryAz} would trigger ${sameFailure} designated in ${this.az}, which has ${room} unreserved`;
    }
    this.designations.push(d);
    for (let k = 0; k < d.count; k++) {
      const name = d.instances?.[k];
      this.slots.push({ index: this.slots.length, state: "idle", ...(name !== undefined ? { owner: d.service, name } : {}) });
    }
    return undefined;
  }

  /**
   * The service's designation leaves this pool (moved to another zone by a roles swap): its slots stay
   * for what still runs on them, and revocability no longer counts it.
   */
  undesignate(service: string): void {
    const k = this.designations.findIndex((d) => d.service === service);
    if (k >= 0) this.designations.splice(k, 1);
  }

  /** Named mode: the instance or host a lease's slot stands for. */
  slotName(lease: Lease): string | undefined {
    return this.slots[lease.slot]?.name;
  }

  /** The service a lease's slot is claimed for (a failover waiting for the lease to end), if any. */
  claimOf(lease: Lease): string | undefined {
    return this.slots[lease.slot]?.service;
  }

  /** Whether `service` designated named instances (its slots are its own). */
  isNamed(service: string): boolean {
    return this.designations.some((d) => d.service === service && d.instances !== undefined);
  }

  count(state: ContingencySlotState): number {
    return this.slots.filter((s) => s.state === state).length;
  }

  leases(): Lease[] {
    return this.slots.flatMap((s) => (s.lease ? [s.lease] : []));
  }

  lease(id: string): Lease | undefined {
    return this.leases().find((l) => l.id === id);
  }

  /**
   * A tenant bids for unused contingency: granted when the bid is at least the current
   * price (equal counts) and at least the minimum bid, on an idle slot, with a notice the policy allows.
   */
  bid(lessee: string, bidMicros: number, priceMicros: number, nowMs: number, noticeMs: number): LeaseResult {
    if (bidMicros < this.options.minBidMicros) return { ok: false, reason: "below-minimum" };
    if (bidMicros < priceMicros) return { ok: false, reason: "below-price" };
    if (noticeMs > this.options.maxNoticeMs) return { ok: false, reason: "notice-too-long" };
    const slot = this.slots.find((s) => s.state === "idle");
    if (!slot) return { ok: false, reason: "no-idle-capacity" };
    const lease: Lease = {
      id: `lease-${this.nextLease++}`,
      lessee,
      bidMicros,
      startMs: nowMs,
      noticeMs,
      state: "active",
      slot: slot.index,
    };
    slot.state = "leased";
    slot.lease = lease;
    return { ok: true, lease };
  }

  /** A downgrade of an active lease to less notice (the caller refuses upgrades). */
  renotice(leaseId: string, noticeMs: number): void {
    const lease = this.lease(leaseId);
    if (lease?.state !== "active") throw new RangeError(`lease ${leaseId} is not active`);
    if (noticeMs > lease.noticeMs) throw new RangeError(`lease ${leaseId}: notice only goes down (${lease.noticeMs} → ${noticeMs} ms)`);
    lease.noticeMs = noticeMs;
  }

  /** The lease enters `revoking` (outbid, reclaimed for a failover): its notice starts now, it ends at `endAtMs`. */
  revoke(leaseId: string, reason: NonNullable<Lease["reason"]>, nowMs: number): Lease {
    const lease = this.lease(leaseId);
    if (lease?.state !== "active") throw new RangeError(`lease ${leaseId} is not active`);
    const slot = this.slots[lease.slot] as Slot;
    lease.state = "revoking";
    lease.revokedAtMs = nowMs;
    lease.reason = reason;
    lease.endAtMs = nowMs + lease.noticeMs;
    if (slot.state === "leased") slot.state = "revoking";
    return lease;
  }

  /** The lease is over (its notice ran out, or the lessee left): the slot returns to contingency or to the claim. */
  endLease(leaseId: string): Lease {
    const lease = this.lease(leaseId);
    if (lease === undefined || lease.state === "ended") throw new RangeError(`lease ${leaseId} has already ended`);
    const slot = this.slots[lease.slot] as Slot;
    lease.state = "ended";
    delete slot.lease;
    if (slot.state !== "failed") slot.state = slot.service !== undefined ? "claimed" : "idle";
    return lease;
  }

  /** Slots a trigger is still waiting for: claimed ones whose lease has not ended. */
  pendingFor(service: string): number {
    return this.slots.filter((s) => s.service === service && s.lease !== undefined).length;
  }

  /**
   * A trigger for `service` needs `n` instances: idle slots are claimed first, then the
   * fewest leases are revoked — lowest bid first, then oldest, the seeded stream breaking exact
   * ties. With `revokeAll`, every lease of the pool is revoked.
   */
  reclaimFor(service: string, n: number, nowMs: number, random: Random, revokeAll = false): Reclaim {
    // Named mode takes its own slots only; count mode any unnamed slot (another service's named
    // slots are never its to take).
    const named = this.isNamed(service);
    const usable = (s: Slot) => (named ? s.owner === service : s.owner === undefined);
    let fromIdle = 0;
    for (const s of this.slots) {
      if (fromIdle >= n) break;
      if (s.state === "idle" && usable(s)) {
        s.state = "claimed";
        s.service = service;
        fromIdle++;
      }
    }
    const candidates = this.slots.filter((s) => s.state === "leased" && s.lease !== undefined && usable(s));
    // Seeded order first, then a stable sort: exact ties keep the seeded order.
    random.shuffle(candidates);
    candidates.sort(
      (a, b) => (a.lease as Lease).bidMicros - (b.lease as Lease).bidMicros || (a.lease as Lease).startMs - (b.lease as Lease).startMs,
    );
    const take = revokeAll ? candidates.length : Math.min(candidates.length, n - fromIdle);
    const revoked: Lease[] = [];
    for (const s of candidates.slice(0, take)) {
      if (revoked.length < n - fromIdle) s.service = service;
      revoked.push(this.revoke((s.lease as Lease).id, "contingency-reclaim", nowMs));
    }
    const claimed = fromIdle + Math.min(revoked.length, n - fromIdle);
    return { fromIdle, revoked, short: n - claimed };
  }

  /** A claimed slot whose lease has ended runs the service's replacement (never while leased). */
  activate(service: string, instanceId: string): boolean {
    const slot = this.slots.find((s) => s.state === "claimed" && s.service === service);
    if (!slot) return false;
    slot.state = "activated";
    slot.instanceId = instanceId;
    return true;
  }

  /** Releases a service's claimed slots it will not use (a failover that ended elsewhere). */
  release(service: string): void {
    for (const s of this.slots)
      if (s.service === service && s.state === "claimed") {
        s.state = "idle";
        delete s.service;
      }
  }

  /**
   * Capacity lost to a fault (capacity shrink): idle slots go first, then leased ones (whose
   * lease ends at once, reason `capacity-lost`). Returns the leases that lost their slot (one
   * entry per lost slot; `undefined` for a slot that held none).
   */
  shrink(k: number, nowMs: number): (Lease | undefined)[] {
    const lost: (Lease | undefined)[] = [];
    for (const want of ["idle", "leased", "revoking", "claimed"] as const)
      for (const s of this.slots) {
        if (lost.length >= k) return lost;
        if (s.state !== want) continue;
        const lease = s.lease;
        if (lease) {
          if (lease.state === "active") this.revoke(lease.id, "capacity-lost", nowMs);
          lease.endAtMs = nowMs;
          this.endLease(lease.id);
        }
        s.state = "failed";
        lost.push(lease);
      }
    return lost;
  }

  /** Slots a failover could still get: not failed, and not holding a lease with more notice than allowed. */
  revocable(owner?: string): number {
    return this.slots.filter((s) => s.owner === owner && s.state !== "failed" && (!s.lease || s.lease.noticeMs <= this.options.maxNoticeMs))
      .length;
  }

  /**
   * Revocability for this pool; empty when it holds. Count mode: Σ N(d) over the count designations ≤ the
   * unnamed slots that are idle, revocably leased, revoking, claimed or activated. Named mode:
   * the same for each designation over its own slots.
   */
  revocabilityProblems(): string[] {
    const out: string[] = [];
    const counted = this.designations.filter((d) => d.instances === undefined);
    const n = counted.reduce((k, d) => k + d.count, 0);
    const have = this.revocable();
    const states = (owner?: string) =>
      (["idle", "leased", "revoking", "claimed", "activated", "failed"] as const)
        .map((st) => `${st} ${this.slots.filter((s) => s.owner === owner && s.state === st).length}`)
        .join(", ");
    if (n > 0 && have < n) out.push(`pool ${this.az}/${this.type}: ${n} designated but only ${have} revocable (${states()})`);
    for (const d of this.designations) {
      if (d.instances === undefined) continue;
      const mine = this.revocable(d.service);
      if (mine < d.count)
        out.push(
          `pool ${this.az}/${this.type}: ${d.count} named for ${d.service} (${d.instances.join(", ")}) but only ${mine} revocable (${states(d.service)})`,
        );
    }
    return out;
  }

  /** Each slot of this pool in one consistent state, never activated while leased; empty when they hold. */
  partitionProblems(): string[] {
    const out: string[] = [];
    const instances = new Set<string>();
    for (const s of this.slots) {
      const where = `pool ${this.az}/${this.type} slot ${s.index}`;
      const leaseState = s.lease?.state;
      if ((s.state === "leased") !== (leaseState === "active")) out.push(`${where} is ${s.state} with lease state ${leaseState ?? "none"}`);
      if (s.state === "revoking" && leaseState !== "revoking") out.push(`${where} is revoking without a revoking lease`);
      if (s.state === "activated" && s.lease) out.push(`${where} is activated while lease ${s.lease.id} is ${s.lease.state}`);
      for (const id of [s.instanceId, s.lease?.instanceId])
        if (id !== undefined) {
          if (instances.has(id)) out.push(`${where}: instance ${id} is counted twice`);
          instances.add(id);
        }
    }
    return out;
  }
}

/**
 * Per-zone capacity: each (zone, instance type) pool has a finite number of slots. A slot is held
 * by an active capacity reservation (all of its count, used or not), by an instance running
 * outside any reservation (on-demand or spot, from `pending` until it is `stopped` or
 * `terminated`), and by nothing else: an instance inside a reservation uses the reservation's slot.
 * So nothing is counted twice, and a stopped instance gives its slot back (starting it again may
 * fail with InsufficientInstanceCapacity, as on EC2).
 */
import type { CapacityReservation, InstanceStateName, Tag } from "../api/ec2-types";

export interface CapacityOptions {
  /**
   * Slots in each (zone, instance type) pool not listed in `pools`.
   * @default 32
   */
  readonly slotsPerPool: number;
  /**
   * Slots of specific pools, keyed `<zone>/<instance type>`, e.g. `{ "us-east-1b/r6g.large": 2 }`.
   * @default - every pool has `slotsPerPool`
   */
  readonly pools: Readonly<Record<string, number>>;
}

export const CAPACITY_DEFAULTS: CapacityOptions = { slotsPerPool: 32, pools: {} };

export interface ReservationRecord {
  readonly id: string;
  readonly type: string;
  readonly platform: string;
  readonly az: string;
  readonly total: number;
  readonly criteria: "open" | "targeted";
  state: "pending" | "active" | "cancelled";
  readonly tags: readonly Tag[];
  readonly address?: string;
  /** Lent out as interruptible capacity (iODCR): spot launches may run in its unused part. */
  lent?: boolean;
  /**
   * Designated capacity: only launches by these principals may run in it on demand (spot launches
   * may still lease its unused part when it is lent). A launch by anyone else is refused, so a
   * failover that did not take its capacity back finds none.
   */
  readonly designatedFor?: readonly string[];
}

/** What the pools need to know about an instance. */
export interface SlotHolder {
  readonly type: string;
  readonly az: string;
  readonly state: InstanceStateName;
  readonly reservationId?: string;
  readonly lifecycle: "on-demand" | "spot";
}

/** Who a contingency service's failover launches as: the principal its designated capacity admits on demand. */
export function contingencyPrincipal(service: string): string {
  return `contingency:${service}`;
}

const HOLDS_SLOT: ReadonlySet<InstanceStateName> = new Set(["pending", "running", "stopping", "shutting-down"]);

export function holdsSlot(i: SlotHolder): boolean {
  return HOLDS_SLOT.has(i.state);
}

export class CapacityPools {
  readonly reservations: ReservationRecord[] = [];

  constructor(
    private readonly options: CapacityOptions,
    /** The instances of one pool (every instance when no pool is given). */
    private readonly instances: (pool?: { readonly az: string; readonly type: string }) => Iterable<SlotHolder>,
  ) {
    if (!Number.isSafeInteger(options.slotsPerPool) || options.slotsPerPool < 0)
      throw new RangeError(`capacity.slotsPerPool must be an integer ≥ 0, got ${options.slotsPerPool}`);
    for (const [k, v] of Object.entries(options.pools))
      if (!/^[^/]+\/[^/]+$/.test(k) || !Number.isSafeInteger(v) || v < 0)
        throw new RangeError(`capacity.pools["${k}"]: keys are "<zone>/<instance type>" and values integers ≥ 0, got ${v}`);
  }

  slots(az: string, type: string): number {
    return this.options.pools[`${az}/${type}`] ?? this.options.slotsPerPool;
  }

  /** Slots of the pool that nothing holds. */
  free(az: string, type: string): number {
    let held = 0;
    for (const r of this.reservations) if (r.az === az && r.type === type && r.state !== "cancelled") held += r.total;
    for (const i of this.instances({ az, type })) if (i.reservationId === undefined && holdsSlot(i)) held++;
    return this.slots(az, type) - held;
  }

  /** Instances of a reservation that hold its slots. */
  used(r: ReservationRecord): number {
    let n = 0;
    for (const i of this.instances(r)) if (i.reservationId === r.id && holdsSlot(i)) n++;
    return n;
  }

  available(r: ReservationRecord): number {
    return r.state === "active" ? r.total - this.used(r) : 0;
  }

  /** Open, active reservations a launch of `type` in `az` may use, oldest first. */
  openReservations(az: string, type: string): ReservationRecord[] {
    return this.reservations.filter((r) => r.az === az && r.type === type && r.state === "active" && r.criteria === "open");
  }

  describe(r: ReservationRecord): CapacityReservation {
    return {
      CapacityReservationId: r.id,
      InstanceType: r.type,
      InstancePlatform: r.platform,
      AvailabilityZone: r.az,
      TotalInstanceCount: r.total,
      AvailableInstanceCount: this.available(r),
      InstanceMatchCriteria: r.criteria,
      State: r.state,
      Tags: r.tags,
    };
  }

  /** Every broken accounting rule, as sentences (empty when the books balance). */
  problems(): string[] {
    const out: string[] = [];
    const pools = new Set<string>();
    for (const r of this.reservations) pools.add(`${r.az}/${r.type}`);
    for (const i of this.instances()) if (holdsSlot(i)) pools.add(`${i.az}/${i.type}`);
    for (const p of [...pools].sort()) {
      const [az = "", type = ""] = p.split("/");
      const free = this.free(az, type);
      if (free < 0) out.push(`pool ${p} holds ${this.slots(az, type) - free} slots but has ${this.slots(az, type)}`);
    }
    for (const r of this.reservations)
      if (r.state !== "cancelled" && this.used(r) > r.total)
        out.push(`reservation ${r.id} runs ${this.used(r)} instances but reserves ${r.total}`);
    return out;
  }
}

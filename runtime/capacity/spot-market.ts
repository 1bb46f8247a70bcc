/**
 * The spot market over contingency pools: an hourly price per (zone, type)
 * from a seeded model, bids checked against it and the pool's minimum bid, and outbid leases
 * revoked in the same step the price passes them. Pure: the caller passes time and the stream.
 */
import type { Random } from "../sim/ports";
import type { ContingencyPool, Lease, LeaseResult } from "./contingency-pool";

export interface PriceModel {
  /** Starting price, micro-dollars per instance-hour. */
  readonly baseMicros: number;
  /** Largest change per step, micro-dollars; 0 keeps the price fixed. */
  readonly stepMaxMicros: number;
  /** Bounds the walk never leaves. */
  readonly floorMicros: number;
  readonly ceilingMicros: number;
}

/** r6g.large-like: about $0.04/h, moving at most $0.005 a step, never above $0.05 (the default minimum bid). */
export const DEFAULT_PRICE_MODEL: PriceModel = { baseMicros: 40_000, stepMaxMicros: 5_000, floorMicros: 30_000, ceilingMicros: 50_000 };

export class SpotMarket {
  private readonly prices = new Map<string, number>();
  /** Every price a pool had, from when: the market's own record, which billing is judged against. */
  private readonly history = new Map<string, { readonly atMs: number; readonly priceMicros: number }[]>();

  private readonly pools: ContingencyPool[];

  constructor(
    pools: readonly ContingencyPool[],
    private readonly model: PriceModel,
    private readonly random: Random,
  ) {
    if (model.floorMicros > model.baseMicros || model.baseMicros > model.ceilingMicros)
      throw new RangeError("the price model needs floor ≤ base ≤ ceiling");
    this.pools = [...pools];
  }

  /** A pool made during the run (designated capacity moved by a roles swap) joins the market. */
  add(pool: ContingencyPool): void {
    if (!this.pools.includes(pool)) this.pools.push(pool);
  }

  price(az: string, type: string): number {
    return this.prices.get(`${az}/${type}`) ?? this.model.baseMicros;
  }

  /**
   * The prices a pool had at `atMs`: the one in effect just before, and any set at that very
   * millisecond (a lease granted in the same step as a price move may carry either).
   */
  pricesAt(az: string, type: string, atMs: number): number[] {
    let before = this.model.baseMicros;
    const at: number[] = [];
    for (const h of this.history.get(`${az}/${type}`) ?? [])
      if (h.atMs < atMs) before = h.priceMicros;
      else if (h.atMs === atMs) at.push(h.priceMicros);
    return [before, ...at];
  }

  /** A bid on a pool at the current price. */
  bid(pool: ContingencyPool, lessee: string, bidMicros: number, nowMs: number, noticeMs: number): LeaseResult {
    return pool.bid(lessee, bidMicros, this.price(pool.az, pool.type), nowMs, noticeMs);
  }

  /**
   * Sets a pool's price; every active lease bidding below it enters `revoking` in this same step
   * (the bid rule). Returns the leases revoked.
   */
  setPrice(az: string, type: string, priceMicros: number, nowMs: number): Lease[] {
    this.prices.set(`${az}/${type}`, priceMicros);
    const past = this.history.get(`${az}/${type}`);
    if (past) past.push({ atMs: nowMs, priceMicros });
    else this.history.set(`${az}/${type}`, [{ atMs: nowMs, priceMicros }]);
    const revoked: Lease[] = [];
    for (const pool of this.pools)
      if (pool.az === az && pool.type === type)
        for (const l of pool.leases())
          if (l.state === "active" && l.bidMicros < priceMicros) revoked.push(pool.revoke(l.id, "outbid", nowMs));
    return revoked;
  }

  /** One step of the seeded walk for every pool's price. */
  step(nowMs: number): Lease[] {
    const revoked: Lease[] = [];
    const seen = new Set<string>();
    for (const pool of this.pools) {
      const key = `${pool.az}/${pool.type}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const { stepMaxMicros: m, floorMicros: lo, ceilingMicros: hi } = this.model;
      const next = Math.min(hi, Math.max(lo, this.price(pool.az, pool.type) + this.random.between(-m, m)));
      revoked.push(...this.setPrice(pool.az, pool.type, next, nowMs));
    }
    return revoked;
  }
}

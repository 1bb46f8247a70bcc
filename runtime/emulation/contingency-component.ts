/**
 * Contingency capacity in every emulation (wired to the mock cloud). For each service the
 * plan tags — an `aws_ec2_capacity_reservation` with `resilience:role = primary-capacity` and an
 * Auto Scaling group with `resilience:role = contingency`, both with the same `resilience:topology`
 * (what `ContingencyCapacity` writes) — a manager runs the head node on the reservation, books the
 * group's spot members as leases on the designated capacity (its `max_size`), and fails the
 * service over onto that capacity when the head node is lost. Plans without such a pair attach
 * nothing, so the component costs other runs nothing; with one it adds a handful of events (an
 * hourly price step, the failover's own steps), never a per-tick workload.
 */

import { microsPerHour } from "../capacity/billing";
import { type CapacityTiming, ContingencyManager } from "../capacity/contingency-manager";
import { ContingencyPool } from "../capacity/contingency-pool";
import { type ContingencyPricing, DEFAULT_PRICING, Ledger } from "../capacity/ledger";
import { contingencyMutants } from "../capacity/mutants";
import { NOTICE, type NoticePolicy, noticeMs } from "../capacity/notice-policy";
import { DEFAULT_PRICE_MODEL, type PriceModel, SpotMarket } from "../capacity/spot-market";
import {
  bidRule,
  billing,
  boundedRecovery,
  type DeterminismChecker,
  designatedCapacityUsed,
  determinism,
  durability,
  fencing,
  headNodeStarted,
  noDoubleCount,
  noticeBeforeReclaim,
  reservationsHonoured,
  revocable,
  separation,
  sharing,
  singleWriter,
} from "../checkers/contingency-capacity";
import { contingencyPrincipal, holdsSlot } from "../cloud/ec2/capacity-pools";
import type { MockCloud } from "../cloud/mock-cloud";
import type { DurationRange } from "../cloud/timing-profile";
import type { AutoScalingGroupNode, CapacityReservationNode, ContingencyDesignationNode } from "../plan/topology-infrastructure";
import type { ComponentDefinition, EmulationContext } from "../scenarios/registry";
import type { SimEnv } from "../sim/simulation";

/** Scenarios whose fault this component performs itself (FIS has no action for them). */
const ACTED_SCENARIOS = ["spot-price-spike", "contingency-supplement", "lease-downgrade"];
/** How long a spot price spike lasts, realistic ms. */
const SPIKE_MS = 30 * 60_000;

const SECOND = 1_000;
const HOUR = 3_600_000;

/** Realistic timings; divided by the profile's divisor like every other duration. */
export const CAPACITY_TIMING: CapacityTiming = {
  // Three missed probes 10 s apart at best, three at 30 s at worst: our choice, see docs/design/0002-contingency-capacity.md.
  detectMs: { minMs: 10 * SECOND, maxMs: 30 * SECOND },
  // Opening the volume and the storage nodes; the head node holds no durable state (M14).
  attachMs: { minMs: 5 * SECOND, maxMs: 15 * SECOND },
};

export interface ContingencyOptions {
  /**
   * Notice a lease on designated capacity gets before it ends.
   * @default NOTICE.awsSpot - the EC2 spot interruption warning, 120 s before reclaim
   */
  readonly notice?: NoticePolicy;
  /** @default DEFAULT_PRICE_MODEL */
  readonly priceModel?: PriceModel;
  /** @default CAPACITY_TIMING */
  readonly timing?: CapacityTiming;
  /** Realistic ms between price steps. @default 1 hour */
  readonly priceStepMs?: number;
  /** Prices of the designation, the activation and the reserved rate (contingency/billing-matches-usage). @default DEFAULT_PRICING */
  readonly pricing?: ContingencyPricing;
  /**
   * Digests of a reference run's contingency lines (from `ContingencyHandle.determinism`): contingency/replays-byte-for-byte
   * then names the first line that differs.
   * @default - none: contingency/replays-byte-for-byte checks only that every line is replayable
   */
  readonly determinismReference?: readonly string[];
  /** Called once the managers run (tests place bids and faults here). */
  readonly onAttach?: (h: ContingencyHandle) => void;
}

/** What a test (or the report) sees of the component in one run. */
export interface ContingencyHandle {
  readonly env: SimEnv;
  readonly cloud: MockCloud;
  readonly managers: readonly ContingencyManager[];
  readonly market: SpotMarket;
  /** The run's bill. */
  readonly ledger: Ledger;
  readonly determinism: DeterminismChecker;
}

interface Pair {
  readonly service: string;
  readonly designation: ContingencyDesignationNode;
  readonly reservation: CapacityReservationNode;
  readonly pool: AutoScalingGroupNode;
}

/**
 * The plan's designations with their primary reservation and spot pool, in plan order. The
 * designation (count, mode, named instances) comes from the plan (`contingencyDesignations`), which
 * the loader already checked against the pool; a designation without a primary reservation tagged
 * for its service has nothing to fail over and is left out.
 */
export function contingencyPairs(ctx: Pick<EmulationContext, "topology">): Pair[] {
  const out: Pair[] = [];
  for (const d of ctx.topology.contingencyDesignations) {
    const pool = ctx.topology.autoScalingGroups.find((g) => g.address === d.pool);
    const reservation = ctx.topology.capacityReservations.find((r) => r.role === "primary-capacity" && r.topology === d.topology);
    if (pool && reservation) out.push({ service: d.topology, designation: d, reservation, pool });
  }
  return out;
}

/**
 * Instances reserved in a zone for a type, except reservations lent out as contingency (those are
 * the designation's own capacity, not taken from it): the `reserved(z)` of contingency/shared-zone-fits-each-failure.
 */
function reservedIn(cloud: MockCloud, az: string, type: string): number {
  return cloud.ec2.pools.reservations
    .filter((r) => r.az === az && r.type === type && r.state !== "cancelled" && !r.lent)
    .reduce((n, r) => n + r.total, 0);
}

/** Dollars per hour as written in a plan ("0.05") → micro-dollars; no price means no cap. */
function bidMicros(price: string | undefined): number {
  const n = price === undefined ? Number.NaN : Number(price);
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 1_000_000) : Number.MAX_SAFE_INTEGER;
}

function scaled(d: DurationRange, divisor: number): DurationRange {
  const ms = (v: number) => (v === 0 ? 0 : Math.max(1, Math.floor(v / divisor)));
  return { minMs: ms(d.minMs), maxMs: ms(d.maxMs) };
}

export function contingencyComponent(options: ContingencyOptions = {}): ComponentDefinition {
  return {
    name: "contingency-capacity",
    description: "designated capacity leased out as spot, revoked and activated when the primary zone fails",
    attach(ctx) {
      const pairs = contingencyPairs(ctx);
      if (pairs.length === 0) {
        ctx.notRun("the plan holds no contingency designation with both its spot pool and its service's primary capacity reservation");
        return;
      }
      const { cloud, env, profile } = ctx;
      for (const pair of pairs) {
        const d = pair.designation;
        const zones = [d.primaryAvailabilityZone, d.contingencyAvailabilityZone];
        const ids = [
          pair.reservation.address,
          pair.pool.address,
          ...[pair.reservation.address, pair.pool.address].flatMap((a) => (ctx.ids.has(a) ? [ctx.ids.get(a) as string] : [])),
        ];
        ctx.model({
          resource: pair.reservation.address,
          component: "contingency-capacity",
          what: `contingency capacity of ${pair.service}: head node on the reservation, designated capacity in ${d.contingencyAvailabilityZone} leased as spot by ${pair.pool.address}`,
          ids,
          zones,
          // These scenarios act on the service itself (the component strikes it at their start).
          scenarios: ACTED_SCENARIOS,
          // The service's head nodes and the pool's spot instances are launched during the run.
          owns: (id) => {
            const i = cloud.ec2.get(id);
            return i !== undefined && i.type === d.instanceType && zones.includes(i.az);
          },
        });
      }
      // A service the run could not start is a failed run, never a silent pass (registered only then,
      // so runs whose services all start list the same invariants as before).
      const notStarted: string[] = [];
      const reportNotStarted = () => {
        if (notStarted.length) ctx.sim.checkers.add(headNodeStarted(notStarted));
      };
      const divisor = profile.scenarioTimeDivisor;
      const base = options.timing ?? CAPACITY_TIMING;
      const timing: CapacityTiming = { detectMs: scaled(base.detectMs, divisor), attachMs: scaled(base.attachMs, divisor) };
      const notice = options.notice ?? NOTICE.awsSpot;
      const random = env.random.fork("contingency");
      // One pool per (zone, type): services designating in the same zone share it, bounded by contingency/shared-zone-fits-each-failure.
      const byKey = new Map<string, ContingencyPool>();
      const managed: { pair: Pair; pool: ContingencyPool; lentReservationId?: string }[] = [];
      for (const pair of pairs) {
        const d = pair.designation;
        const reservationId = ctx.ids.get(pair.reservation.address);
        if (reservationId === undefined) {
          notStarted.push(
            `${pair.service}: its primary reservation ${pair.reservation.address} (${pair.reservation.instanceCount} × ${pair.reservation.instanceType} in ${pair.reservation.availabilityZone ?? "the first zone"}) could not be created, so the head node has nowhere to run`,
          );
          continue;
        }
        const lent = d.reservation !== undefined ? ctx.ids.get(d.reservation) : undefined;
        if (lent !== undefined) cloud.ec2.lendReservation(lent);
        const key = `${d.contingencyAvailabilityZone}/${d.instanceType}`;
        const pool =
          byKey.get(key) ??
          new ContingencyPool({
            az: d.contingencyAvailabilityZone,
            type: d.instanceType,
            minBidMicros: microsPerHour(d.minimumBidPerHour),
            maxNoticeMs: noticeMs(notice, profile.spotInterruptionNoticeMs),
            capacity: cloud.ec2.pools.slots(d.contingencyAvailabilityZone, d.instanceType),
            reserved: reservedIn(cloud, d.contingencyAvailabilityZone, d.instanceType),
          });
        const refused = pool.designate({
          service: pair.service,
          primaryAz: d.primaryAvailabilityZone,
          count: d.designatedCount,
          ...(d.designatedInstances ? { instances: d.designatedInstances } : {}),
        });
        if (refused) {
          cloud.ctx.note("contingency", pair.service, `not-designated ${refused}`);
          notStarted.push(
            `${pair.service}: its designation of ${d.designatedCount} × ${d.instanceType} in ${d.contingencyAvailabilityZone} was refused (${refused})`,
          );
          continue;
        }
        byKey.set(key, pool);
        managed.push({ pair, pool, ...(lent !== undefined ? { lentReservationId: lent } : {}) });
      }
      if (managed.length === 0) {
        reportNotStarted();
        return;
      }
      const pools = [...byKey.values()];
      // Designated capacity is finite slots of the mock cloud (made from the plan's designations,
      // before the spot pools launch), held for the services that designated them: a failover that
      // does not take them back from the lessees finds none.
      const designatedIn = new Map<ContingencyPool, string>();
      for (const pool of pools) {
        const owners = managed.filter((m) => m.pool === pool).map((m) => contingencyPrincipal(m.pair.service));
        const block = cloud.ec2.pools.reservations.find(
          (r) => r.az === pool.az && r.type === pool.type && r.state === "active" && owners.some((o) => r.designatedFor?.includes(o)),
        );
        if (block) designatedIn.set(pool, block.id);
      }
      const mutants = contingencyMutants(ctx.mutants);
      const market = new SpotMarket(pools, options.priceModel ?? DEFAULT_PRICE_MODEL, random.fork("market"));
      const ledger = new Ledger();
      const managers = managed.map(
        ({ pair, pool, lentReservationId }) =>
          new ContingencyManager(
            cloud,
            {
              service: pair.service,
              type: pool.type,
              primaryAz: pair.designation.primaryAvailabilityZone,
              reservationId: ctx.ids.get(pair.reservation.address) as string,
              count: pair.reservation.instanceCount,
              designated: pair.designation.designatedCount,
              ...(lentReservationId !== undefined ? { lentReservationId } : {}),
              ...(lentReservationId === undefined && designatedIn.has(pool)
                ? { designatedReservationId: designatedIn.get(pool) as string }
                : {}),
              spotPool: ctx.ids.get(pair.pool.address) ?? pair.pool.address,
              poolBidMicros: bidMicros(pair.pool.mixed?.spotMaxPrice),
            },
            pool,
            market,
            notice,
            timing,
            random.fork(pair.service),
            ledger,
            options.pricing ?? DEFAULT_PRICING,
            mutants,
          ),
      );
      // The pools as they stand: a roles swap adds one in the old primary's zone.
      const livePools = (): readonly ContingencyPool[] => [...new Set(managers.flatMap((m) => m.pools()))];
      const stepMs = Math.max(1, Math.floor((options.priceStepMs ?? HOUR) / divisor));
      const determinismChecker = determinism(options.determinismReference);
      env.timers.every(
        stepMs,
        "contingency-price-step",
        () => {
          const revoked = market.step(env.clock.nowMs());
          for (const m of managers) m.revokeOutbid(revoked);
        },
        { background: true },
      );
      ctx.sim.checkers
        .add(
          noDoubleCount(livePools, (id) => {
            const i = cloud.ec2.get(id);
            return i ? { lifecycle: i.lifecycle, holdsSlot: holdsSlot(i) } : undefined;
          }),
        )
        .add(
          reservationsHonoured(livePools, (id) => {
            const i = cloud.ec2.get(id);
            return i && { ...i, lentReservation: i.reservationId !== undefined && cloud.ec2.isLent(i.reservationId) };
          }),
        )
        .add(revocable(livePools))
        .add(
          bidRule(livePools, (az, type) => market.price(az, type), {
            holdsSlot: (id) => {
              const i = cloud.ec2.get(id);
              return i !== undefined && holdsSlot(i);
            },
            terminateMaxMs: profile.ec2TerminateMs.maxMs,
            nowMs: () => env.clock.nowMs(),
          }),
        )
        .add(noticeBeforeReclaim())
        .add(singleWriter(() => managers.map((m) => ({ service: m.svc.service, copies: () => m.volume.copyRecords() }))))
        .add(boundedRecovery())
        .add(durability())
        .add(fencing())
        .add(
          separation(livePools, {
            designatedZoneOf: (service) => {
              const owner = contingencyPrincipal(service);
              const blocks = cloud.ec2.pools.reservations.filter(
                (r) => r.state === "active" && r.designatedFor?.length === 1 && r.designatedFor[0] === owner,
              );
              return blocks.length === 1 ? blocks[0]?.az : undefined;
            },
            servingZonesOf: (service) =>
              (managers.find((m) => m.svc.service === service)?.headIds() ?? []).flatMap((id) => {
                const i = cloud.ec2.get(id);
                return i?.state === "running" ? [i.az] : [];
              }),
          }),
        )
        .add(sharing(livePools, (az, type) => ({ capacity: cloud.ec2.pools.slots(az, type), reserved: reservedIn(cloud, az, type) })))
        .add(
          billing(() => [ledger], {
            instance: (id) => cloud.ec2.get(id),
            pricesAt: (az, type, atMs) => market.pricesAt(az, type, atMs),
          }),
        )
        .add(
          designatedCapacityUsed({
            capacityOf: (service) => {
              const m = managers.find((x) => x.svc.service === service);
              const id = m?.svc.lentReservationId ?? m?.svc.designatedReservationId;
              const r = id === undefined ? undefined : cloud.ec2.pools.reservations.find((x) => x.id === id);
              return r && { id: r.id, az: r.az, type: r.type };
            },
            onDemandIn: (id, sinceMs) =>
              cloud.ec2
                .list()
                .filter((i) => i.reservationId === id && i.lifecycle === "on-demand" && holdsSlot(i) && i.launchTimeMs >= sinceMs).length,
          }),
        )
        .add(determinismChecker);
      // Checkers first, so they see the managers' first lines (the head node attaching at 0 ms).
      for (const m of managers) {
        m.start();
        if (m.headNotStarted !== undefined)
          notStarted.push(
            `${m.svc.service}: its head node (${m.svc.count} × ${m.svc.type} on reservation ${m.svc.reservationId} in ${m.svc.primaryAz}) did not start (${m.headNotStarted})`,
          );
      }
      reportNotStarted();
      const priceModel = options.priceModel ?? DEFAULT_PRICE_MODEL;
      const strike = (): void => {
        const now = env.clock.nowMs();
        if (ctx.scenario === "spot-price-spike") {
          // Above every bid on the pool: each lease is outbid in this step; the price falls back after the spike.
          for (const pool of pools) {
            const top = Math.max(market.price(pool.az, pool.type), ...pool.leases().map((l) => l.bidMicros));
            const revoked = market.setPrice(pool.az, pool.type, top + Math.max(1, Math.floor(top / 2)), now);
            for (const m of managers) m.revokeOutbid(revoked);
            env.timers.after(Math.max(1, Math.floor(SPIKE_MS / divisor)), "contingency-price-spike-end", () =>
              market.setPrice(pool.az, pool.type, priceModel.baseMicros, env.clock.nowMs()),
            );
          }
        } else if (ctx.scenario === "contingency-supplement") managers[0]?.supplement("performance");
        else if (ctx.scenario === "lease-downgrade")
          for (const m of managers)
            for (const l of m.pool.leases())
              if (l.state === "active") {
                // An upgrade is refused on designated capacity; the downgrade to no notice goes through.
                m.changeLease(l.id, { reserved: true });
                m.changeLease(l.id, { noticeMs: 0, priceMicros: Math.floor((market.price(m.pool.az, m.pool.type) * 3) / 4) });
              }
      };
      if (ACTED_SCENARIOS.includes(ctx.scenario)) ctx.sim.at(ctx.startAtMs, `contingency/${ctx.scenario}`, strike);
      options.onAttach?.({ env, cloud, managers, market, ledger, determinism: determinismChecker });
      ctx.contribute("contingency-capacity", () => ({
        revocations: managers.flatMap((m) => {
          const pool = managed.find((x) => x.pair.service === m.svc.service)?.pair.pool.address;
          return m.rows.map((r) => (pool ? { resource: pool, ...r } : r));
        }),
      }));
    },
  };
}

/** The component `emulate` attaches by default: AWS spot notice, the default price model. */
export const CONTINGENCY_COMPONENT: ComponentDefinition = contingencyComponent();

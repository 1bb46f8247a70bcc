/**
 * Chaos: random faults during the fault phase, each kind a Poisson process with its own stream
 * (`chaos/<kind>`), so switching one kind on or off leaves the others' timing untouched.
 *
 * Fault model (what it injects; what it promises is recoverable):
 * - crashes of single actors (process or power, by `powerLossRatio`), each restarting after a
 *   seeded delay; never more than `actorsDownMax` actors down at once, so a system sized to
 *   tolerate that many failures is never asked the impossible;
 * - partitions isolating one actor or one whole zone, both ways or one way, healing after a seeded
 *   duration;
 * - zone power outages, one zone at a time (a region survives the loss of one zone, not two);
 * - slow links between a zone and the rest; disk stalls on one actor's disk.
 * Exempt actors (`chaos.exempt(name)`: workload drivers, external services) are never picked
 * one by one; zone-wide faults still hit them, so give such actors a zone of their own.
 * Every sampled delay and duration is capped at `faultDurationMsMax`. Chaos stops when the quiet
 * phase begins.
 */
import type { ActorTable } from "./actor-table";
import type { Faults } from "./faults";
import type { Kernel } from "./kernel";
import type { SeededRandom } from "./random";
import { assertRatio, type Ratio } from "./ratio";
import type { SimActor } from "./sim-actor";

export interface ChaosOptions {
  /**
   * Mean time between random actor crashes; 0 switches them off.
   * @default 0
   */
  readonly crashIntervalMsMean: number;
  /**
   * Share of random crashes that are power losses (unsynced writes at risk), not process crashes.
   * @default 1/2
   */
  readonly powerLossRatio: Ratio;
  /**
   * Mean time a randomly crashed actor stays down.
   * @default 5000
   */
  readonly restartDelayMsMean: number;
  /**
   * Random crashes never leave more than this many actors down at once.
   * @default 1
   */
  readonly actorsDownMax: number;
  /**
   * Mean time between random partitions; 0 switches them off.
   * @default 0
   */
  readonly partitionIntervalMsMean: number;
  /**
   * Mean duration of a random partition.
   * @default 10000
   */
  readonly partitionDurationMsMean: number;
  /**
   * Share of partitions that cut off a whole zone (the rest cut off one actor).
   * @default 1/2
   */
  readonly zonePartitionRatio: Ratio;
  /**
   * Share of partitions that are one-way (the isolated side can still send).
   * @default 1/4
   */
  readonly oneWayRatio: Ratio;
  /**
   * Mean time between zone power outages; 0 switches them off.
   * @default 0
   */
  readonly zoneOutageIntervalMsMean: number;
  /**
   * Mean duration of a zone power outage.
   * @default 60000
   */
  readonly zoneOutageDurationMsMean: number;
  /**
   * Mean time between slow-link episodes (a zone's traffic to the rest slowed); 0 switches them off.
   * @default 0
   */
  readonly slowIntervalMsMean: number;
  /**
   * Mean duration of a slow-link episode.
   * @default 10000
   */
  readonly slowDurationMsMean: number;
  /**
   * Mean latency added during a slow-link episode.
   * @default 200
   */
  readonly slowExtraLatencyMsMean: number;
  /**
   * Mean time between disk stalls; 0 switches them off.
   * @default 0
   */
  readonly diskStallIntervalMsMean: number;
  /**
   * Mean duration of a disk stall.
   * @default 2000
   */
  readonly diskStallDurationMsMean: number;
  /**
   * Cap on every sampled interval, duration and delay.
   * @default 3600000 (one hour)
   */
  readonly faultDurationMsMax: number;
}

export const CHAOS_DEFAULTS: ChaosOptions = {
  crashIntervalMsMean: 0,
  powerLossRatio: { numerator: 1, denominator: 2 },
  restartDelayMsMean: 5_000,
  actorsDownMax: 1,
  partitionIntervalMsMean: 0,
  partitionDurationMsMean: 10_000,
  zonePartitionRatio: { numerator: 1, denominator: 2 },
  oneWayRatio: { numerator: 1, denominator: 4 },
  zoneOutageIntervalMsMean: 0,
  zoneOutageDurationMsMean: 60_000,
  slowIntervalMsMean: 0,
  slowDurationMsMean: 10_000,
  slowExtraLatencyMsMean: 200,
  diskStallIntervalMsMean: 0,
  diskStallDurationMsMean: 2_000,
  faultDurationMsMax: 3_600_000,
};

export function checkChaosOptions(o: ChaosOptions): void {
  for (const k of ["powerLossRatio", "zonePartitionRatio", "oneWayRatio"] as const) assertRatio(o[k], `chaos.${k}`);
  for (const [k, v] of Object.entries(o))
    if (typeof v === "number" && (!Number.isSafeInteger(v) || v < 0)) throw new RangeError(`chaos.${k} must be an integer ≥ 0, got ${v}`);
}

export class Chaos {
  private stopped = false;
  private started = false;
  private readonly exempted = new Set<string>();

  constructor(
    private readonly options: ChaosOptions,
    private readonly kernel: Kernel,
    private readonly actors: ActorTable,
    private readonly faults: Faults,
    private readonly random: SeededRandom,
  ) {}

  /** Never pick `actorName` for single-actor faults (zone-wide faults still apply). */
  exempt(actorName: string): void {
    this.exempted.add(actorName);
  }

  /** Starts every enabled fault process (idempotent; the first run call does it). */
  start(): void {
    if (this.started) return;
    this.started = true;
    const o = this.options;
    this.process("crash", o.crashIntervalMsMean, (r) => this.crash(r));
    this.process("partition", o.partitionIntervalMsMean, (r) => this.partition(r));
    this.process("zone-outage", o.zoneOutageIntervalMsMean, (r) => this.zoneOutage(r));
    this.process("slow", o.slowIntervalMsMean, (r) => this.slow(r));
    this.process("disk-stall", o.diskStallIntervalMsMean, (r) => this.diskStall(r));
  }

  stop(): void {
    this.stopped = true;
  }

  private process(kind: string, meanMs: number, inject: (r: SeededRandom) => void): void {
    if (meanMs === 0) return;
    const r = this.random.fork(kind);
    const next = (): void => {
      // Background: pending chaos must not keep `runUntilQuiet` from returning.
      this.kernel.internal(
        1 + r.exponentialMs(meanMs, this.options.faultDurationMsMax),
        `chaos ${kind}`,
        () => {
          if (this.stopped) return;
          inject(r);
          next();
        },
        true,
      );
    };
    next();
  }

  private duration(r: SeededRandom, meanMs: number): number {
    return 1 + r.exponentialMs(meanMs, this.options.faultDurationMsMax);
  }

  private candidates(filter: (a: SimActor) => boolean): SimActor[] {
    return this.actors.list.filter((a) => !a.retired && !this.exempted.has(a.name) && filter(a));
  }

  private crash(r: SeededRandom): void {
    const o = this.options;
    const down = this.actors.list.filter((a) => !a.up && !a.retired).length;
    const up = this.candidates((a) => a.up);
    if (down >= o.actorsDownMax || up.length === 0) return;
    const target = r.pick(up);
    const kind = r.chance(o.powerLossRatio) ? "power" : "process";
    this.faults.crash(target.name, { kind, restartAfterMs: this.duration(r, o.restartDelayMsMean) });
  }

  private partition(r: SeededRandom): void {
    const o = this.options;
    const forMs = this.duration(r, o.partitionDurationMsMean);
    const oneWay = r.chance(o.oneWayRatio);
    if (r.chance(o.zonePartitionRatio)) {
      const zones = this.zones();
      if (zones.length > 1) this.faults.isolate({ zone: r.pick(zones) }, { forMs, oneWay });
      return;
    }
    const all = this.candidates(() => true);
    if (all.length > 0) this.faults.isolate({ actors: [r.pick(all).name] }, { forMs, oneWay });
  }

  private zoneOutage(r: SeededRandom): void {
    if (this.actors.downZones().length > 0) return;
    const zones = this.zones();
    if (zones.length > 1) this.faults.powerLoss(r.pick(zones), { forMs: this.duration(r, this.options.zoneOutageDurationMsMean) });
  }

  private slow(r: SeededRandom): void {
    const zones = this.zones();
    if (zones.length < 2) return;
    const zone = r.pick(zones);
    const others = zones.filter((z) => z !== zone);
    const extraLatencyMs = 1 + r.exponentialMs(this.options.slowExtraLatencyMsMean, this.options.faultDurationMsMax);
    const forMs = this.duration(r, this.options.slowDurationMsMean);
    for (const other of others) this.faults.slow({ zone }, { zone: other }, { extraLatencyMs, forMs });
  }

  private diskStall(r: SeededRandom): void {
    const withDisks = this.candidates((a) => a.disks.size > 0);
    if (withDisks.length === 0) return;
    const actor = r.pick(withDisks);
    this.faults.stallDisk(actor.name, r.pick([...actor.disks.keys()]), { forMs: this.duration(r, this.options.diskStallDurationMsMean) });
  }

  /** Zones of the actors chaos may touch, in first-spawn order. */
  private zones(): string[] {
    return [...new Set(this.candidates(() => true).map((a) => a.zone))];
  }
}

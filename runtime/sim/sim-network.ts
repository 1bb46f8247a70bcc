/**
 * The simulated network between actors.
 *
 * Model: each message is delivered once, late, or never. Latency is `min + Exp(mean − min)`,
 * capped at `latencyMsMax`, drawn per message from the sender's stream (`network/<sender>`), with
 * separate figures inside a zone and across zones (AWS: sub-millisecond vs ~1–2 ms). Random
 * latency reorders messages, as UDP or independent TCP connections would. A message is lost with
 * `lossRatio`, duplicated with `duplicateRatio` (a retransmission whose original was not lost), and
 * dropped when a partition separates sender and receiver at send time or at arrival time (a
 * partition that starts while a message is in flight cuts it). Slow-link faults add latency. Each
 * actor has a bounded inbox: messages beyond `inFlightPerActorMax` in flight to it are dropped.
 * A message to an actor that is down when it arrives is dropped; one that arrives after a restart
 * is delivered to the new incarnation (connectionless, like a datagram to a rebooted host).
 */
import type { Kernel } from "./kernel";
import { assertRatio, type Ratio } from "./ratio";
import type { SimActor } from "./sim-actor";
import { EventKind, type SimEvent } from "./sim-event";

export interface NetworkOptions {
  /**
   * Minimum one-way latency between two actors in the same zone.
   * @default 0 (same-zone hops in AWS take well under a millisecond)
   */
  readonly latencyMsMin: number;
  /**
   * Mean one-way latency in the same zone (≥ the minimum).
   * @default 1
   */
  readonly latencyMsMean: number;
  /**
   * Minimum one-way latency between zones.
   * @default 1
   */
  readonly crossZoneLatencyMsMin: number;
  /**
   * Mean one-way latency between zones.
   * @default 2
   */
  readonly crossZoneLatencyMsMean: number;
  /**
   * Cap on any sampled latency, before slow-link faults add to it.
   * @default 1000
   */
  readonly latencyMsMax: number;
  /**
   * Chance that a message is lost.
   * @default 0/1
   */
  readonly lossRatio: Ratio;
  /**
   * Chance that a message is delivered twice (with independent latencies).
   * @default 0/1
   */
  readonly duplicateRatio: Ratio;
  /**
   * Messages in flight to one actor before further ones are dropped (`reason=overflow`).
   * @default 100000
   */
  readonly inFlightPerActorMax: number;
}

export const NETWORK_DEFAULTS: NetworkOptions = {
  latencyMsMin: 0,
  latencyMsMean: 1,
  crossZoneLatencyMsMin: 1,
  crossZoneLatencyMsMean: 2,
  latencyMsMax: 1000,
  lossRatio: { numerator: 0, denominator: 1 },
  duplicateRatio: { numerator: 0, denominator: 1 },
  inFlightPerActorMax: 100_000,
};

export function checkNetworkOptions(o: NetworkOptions): void {
  assertRatio(o.lossRatio, "network.lossRatio");
  assertRatio(o.duplicateRatio, "network.duplicateRatio");
  for (const [k, min, mean] of [
    ["latency", o.latencyMsMin, o.latencyMsMean],
    ["crossZoneLatency", o.crossZoneLatencyMsMin, o.crossZoneLatencyMsMean],
  ] as const)
    if (!Number.isSafeInteger(min) || min < 0 || mean < min || mean > o.latencyMsMax)
      throw new RangeError(`network.${k}MsMin/Mean: need integers 0 ≤ min ≤ mean ≤ latencyMsMax, got ${min}/${mean}/${o.latencyMsMax}`);
}

/** Which actors a fault rule applies to. */
export type ActorPredicate = (a: SimActor) => boolean;

/** Messages from a `from` actor to a `to` actor are cut (and back, unless one-way). */
export interface Cut {
  readonly from: ActorPredicate;
  readonly to: ActorPredicate;
  readonly oneWay: boolean;
}

/** Messages between matching actors take `extraMs` longer. */
export interface Slowdown {
  readonly from: ActorPredicate;
  readonly to: ActorPredicate;
  readonly extraMs: number;
}

export class SimNetwork {
  private cuts: Cut[] = [];
  private slowdowns: Slowdown[] = [];

  constructor(
    private readonly kernel: Kernel,
    private readonly options: NetworkOptions,
    private readonly actors: ReadonlyMap<string, SimActor>,
    private readonly describe: (message: unknown) => string,
  ) {}

  addCut(c: Cut): void {
    this.cuts = [...this.cuts, c];
  }

  removeCut(c: Cut): void {
    this.cuts = this.cuts.filter((x) => x !== c);
  }

  addSlowdown(s: Slowdown): void {
    this.slowdowns = [...this.slowdowns, s];
  }

  removeSlowdown(s: Slowdown): void {
    this.slowdowns = this.slowdowns.filter((x) => x !== s);
  }

  /** Called by an actor incarnation's Network port. */
  send(from: SimActor, incarnation: number, to: string, message: unknown): void {
    if (!from.up || from.incarnation !== incarnation) return; // a dead incarnation sends nothing
    const target = this.actors.get(to);
    if (target === undefined) throw new RangeError(`${from.name} sent a message to "${to}", which was never spawned`);
    const o = this.options;
    const rnd = from.netRandom;
    if (target.retired) {
      this.dropAtSend(from, target, message, "retired");
      return;
    }
    if (rnd.chance(o.lossRatio)) {
      this.dropAtSend(from, target, message, "loss");
      return;
    }
    if (this.isCut(from, target)) {
      this.dropAtSend(from, target, message, "partition");
      return;
    }
    const copies = rnd.chance(o.duplicateRatio) ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      if (target.inFlight >= o.inFlightPerActorMax) {
        this.dropAtSend(from, target, message, "overflow");
        return;
      }
      target.inFlight++;
      const delay = this.latency(from, target);
      this.kernel.schedule(EventKind.Deliver, this.kernel.nowMs + delay, target, "", null, 0, false, message, from.name);
    }
  }

  /** Runs a due delivery event. */
  deliver(e: SimEvent): void {
    const target = e.owner as SimActor;
    target.inFlight--;
    const from = this.actors.get(e.from) as SimActor;
    const kernel = this.kernel;
    if (!target.up || target.behavior === null) {
      this.dropAtArrival(target, e, target.retired ? "retired" : "down");
      return;
    }
    if (this.cuts.length > 0 && this.isCut(from, target)) {
      this.dropAtArrival(target, e, "partition");
      return;
    }
    if (kernel.recording) kernel.emit("recv", target.name, `from=${e.from} ${this.describe(e.message)}`, e);
    target.behavior.receive(e.message, e.from);
  }

  private latency(from: SimActor, to: SimActor): number {
    const o = this.options;
    const same = from.zone === to.zone;
    const min = same ? o.latencyMsMin : o.crossZoneLatencyMsMin;
    const mean = same ? o.latencyMsMean : o.crossZoneLatencyMsMean;
    let ms = min + from.netRandom.exponentialMs(mean - min, o.latencyMsMax - min);
    for (const s of this.slowdowns) if (s.from(from) && s.to(to)) ms += s.extraMs;
    return ms;
  }

  private isCut(from: SimActor, to: SimActor): boolean {
    for (const c of this.cuts) {
      if (c.from(from) && c.to(to)) return true;
      if (!c.oneWay && c.from(to) && c.to(from)) return true;
    }
    return false;
  }

  private dropAtSend(from: SimActor, to: SimActor, message: unknown, reason: string): void {
    const kernel = this.kernel;
    if (kernel.recording) kernel.emit("drop", from.name, `to=${to.name} ${this.describe(message)} reason=${reason}`);
  }

  private dropAtArrival(to: SimActor, e: SimEvent, reason: string): void {
    const kernel = this.kernel;
    if (kernel.recording) kernel.emit("drop", e.from, `to=${to.name} ${this.describe(e.message)} reason=${reason}`);
  }
}

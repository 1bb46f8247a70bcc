import type { Kernel } from "./kernel";
import type { ActorContext, Buggify, Clock, Disk, DiskGeometry, Network, Sometimes, Timers, Trace } from "./ports";
import type { SeededRandom } from "./random";
import type { SimActor } from "./sim-actor";
import { type DiskOptions, GEOMETRY_DEFAULTS, SimDisk } from "./sim-disk";
import type { SimNetwork } from "./sim-network";
import { SimTimers } from "./sim-timers";
import { SimTrace } from "./sim-trace";

/** The shared services an actor context is built from. */
export interface ContextServices {
  readonly kernel: Kernel;
  readonly clock: Clock;
  readonly network: SimNetwork;
  readonly buggify: Buggify;
  readonly sometimes: Sometimes;
  readonly diskOptions: DiskOptions;
  /** `disk`: parent of every disk's stream (`disk/<actor>/<name>`). */
  readonly diskRandom: SeededRandom;
}

/** The ports of one incarnation of a simulated actor. */
export class SimActorContext implements ActorContext<unknown> {
  readonly incarnation: number;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly network: Network<unknown>;
  readonly trace: Trace;
  readonly buggify: Buggify;
  readonly sometimes: Sometimes;

  constructor(
    readonly self: SimActor,
    private readonly services: ContextServices,
  ) {
    const incarnation = self.incarnation;
    this.incarnation = incarnation;
    this.clock = services.clock;
    this.timers = new SimTimers(services.kernel, self, incarnation);
    const network = services.network;
    this.network = { send: (to, message) => network.send(self, incarnation, to, message) };
    this.trace = new SimTrace(services.kernel, self.name);
    this.buggify = services.buggify;
    this.sometimes = services.sometimes;
  }

  get random() {
    return this.self.random;
  }

  disk(name: string, geometry?: DiskGeometry): Disk {
    const disks = this.self.disks;
    const g = { ...GEOMETRY_DEFAULTS, ...geometry };
    const existing = disks.get(name);
    if (existing) {
      if (existing.sectorSizeBytes !== g.sectorSizeBytes || existing.sectorCount !== g.sectorCount)
        throw new RangeError(`disk "${name}" of ${this.self.name} was opened with another geometry; open it with the same one each time`);
      return existing;
    }
    if (!Number.isSafeInteger(g.sectorSizeBytes) || g.sectorSizeBytes < 2 || !Number.isSafeInteger(g.sectorCount) || g.sectorCount < 1)
      throw new RangeError(`disk "${name}": sectorSizeBytes must be an integer ≥ 2 and sectorCount ≥ 1`);
    const disk = new SimDisk(
      this.services.kernel,
      this.self,
      name,
      g,
      this.services.diskOptions,
      this.services.diskRandom.fork(this.self.name).fork(name),
    );
    disks.set(name, disk);
    return disk;
  }
}

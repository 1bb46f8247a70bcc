/**
 * The Env port in the real world: wall clock, Node timers, files with fsync, and an in-process
 * network (a message is delivered on a later turn of the event loop, never lost). BUGGIFY never
 * fires; `sometimes` still counts, so a real run can report coverage too. A subsystem written
 * against `Env` runs unchanged here and in the simulator.
 */
import { randomInt } from "node:crypto";
import { join } from "node:path";
import { Coverage, type CoverageRecord } from "../sim/coverage";
import type { ActorBehavior, ActorContext, ActorRef, ActorSpec, Disk, DiskGeometry, Env, Network, Trace } from "../sim/ports";
import { SEED_MAX, SeededRandom } from "../sim/random";
import { RealClock } from "./real-clock";
import { RealDisk } from "./real-disk";
import { RealTimers } from "./real-timers";

export interface RealEnvOptions {
  /**
   * Root seed of the random streams (real mode still draws from seeded streams, so a run logs its seed).
   * @default - a fresh random seed, readable as `env.seed`
   */
  readonly seed?: number;
  /**
   * Folder for actors' disks (`<dataDir>/<actor>/<disk>.disk`).
   * @default - none: opening a disk throws, naming this option
   */
  readonly dataDir?: string;
  /**
   * Receives trace lines `<epochMs> <kind> <subject> [detail]`.
   * @default - trace is off (`trace.enabled` is false)
   */
  readonly traceSink?: (line: string) => void;
}

/** A real Env, with the means to shut it down and read its coverage. */
export interface RealEnv extends Env {
  readonly mode: "real";
  readonly seed: number;
  /** Stops every timer and closes every disk. */
  close(): void;
  coverage(): CoverageRecord;
}

class RealTrace implements Trace {
  constructor(
    private readonly sink: ((line: string) => void) | undefined,
    private readonly subject: string,
  ) {}

  get enabled(): boolean {
    return this.sink !== undefined;
  }

  record(kind: string, detail = ""): void {
    this.sink?.(`${Date.now()} ${kind} ${this.subject}${detail ? ` ${detail}` : ""}`);
  }

  scoped(subject: string): Trace {
    return new RealTrace(this.sink, subject);
  }
}

interface RealActor extends ActorRef {
  up: boolean;
  behavior: ActorBehavior<unknown> | undefined;
  readonly timers: RealTimers;
}

export function createRealEnv(options: RealEnvOptions = {}): RealEnv {
  const seed = options.seed ?? randomInt(0, 2 ** 48 - 1);
  if (seed > SEED_MAX) throw new RangeError(`seed must be ≤ ${SEED_MAX}`);
  const root = new SeededRandom(seed);
  const clock = new RealClock();
  const worldTimers = new RealTimers();
  const coverage = new Coverage();
  const actors = new Map<string, RealActor>();
  const disks: RealDisk[] = [];
  const sometimes = (id: string, condition = true) => coverage.note(id, condition);
  const buggify = () => false;

  const openDisk = (actor: string, name: string, geometry?: DiskGeometry): Disk => {
    if (!options.dataDir) throw new Error(`actor ${actor} opened disk "${name}", but createRealEnv was given no dataDir`);
    const disk = new RealDisk(join(options.dataDir, actor, `${name}.disk`), geometry);
    disks.push(disk);
    return disk;
  };

  const env: RealEnv = {
    mode: "real",
    seed,
    clock,
    random: root.fork("app"),
    timers: worldTimers,
    trace: new RealTrace(options.traceSink, "world"),
    buggify,
    sometimes,
    spawn<M>(name: string, spec: ActorSpec<M>): ActorRef {
      if (actors.has(name)) throw new RangeError(`an actor named "${name}" already exists; actor names are unique`);
      const actor: RealActor = { name, zone: spec.zone, up: true, incarnation: 1, behavior: undefined, timers: new RealTimers() };
      actors.set(name, actor);
      const network: Network<M> = {
        send(to, message) {
          const target = actors.get(to);
          if (!target) throw new RangeError(`${name} sent a message to "${to}", which was never spawned`);
          // A later turn of the event loop, as a socket would deliver it; never synchronously re-entrant.
          setImmediate(() => {
            if (target.up) target.behavior?.receive(message, name);
          });
        },
      };
      const openedDisks = new Map<string, Disk>();
      const ctx: ActorContext<M> = {
        self: actor,
        incarnation: 1,
        clock,
        random: root.fork("actor").fork(name),
        timers: actor.timers,
        network,
        trace: new RealTrace(options.traceSink, name),
        buggify,
        sometimes,
        disk(diskName, geometry) {
          let d = openedDisks.get(diskName);
          if (!d) {
            d = openDisk(name, diskName, geometry);
            openedDisks.set(diskName, d);
          }
          return d;
        },
      };
      actor.behavior = spec.boot(ctx) as ActorBehavior<unknown>;
      return actor;
    },
    actor: (name) => actors.get(name),
    retire(name) {
      const a = actors.get(name);
      if (!a) throw new RangeError(`no actor named "${name}" to retire`);
      a.up = false;
      a.behavior = undefined;
      a.timers.cancelAll();
    },
    close() {
      worldTimers.cancelAll();
      for (const a of actors.values()) a.timers.cancelAll();
      for (const d of disks) d.close();
    },
    coverage: () => coverage.record(),
  };
  return env;
}

/**
 * Actor lifecycle: spawn, boot, crash, restart, retire, and zone power. A crash discards the
 * behavior object (volatile state) and, on power loss, applies the disk fault model; a restart
 * boots a new incarnation from `spec.boot`. Actors in a zone without power stay down and boot
 * when the power returns.
 */
import type { Kernel } from "./kernel";
import type { ActorContext, ActorSpec } from "./ports";
import type { SeededRandom } from "./random";
import { SimActor } from "./sim-actor";

/** `process`: the process dies, the host keeps its page cache. `power`: the host loses power. */
export type CrashKind = "process" | "power";

export class ActorTable {
  /** In spawn order: every walk over actors is in this order, so it is deterministic. */
  readonly list: SimActor[] = [];
  private readonly zonesDown = new Set<string>();
  private readonly actorRandom: SeededRandom;
  private readonly netRandom: SeededRandom;

  constructor(
    private readonly kernel: Kernel,
    random: SeededRandom,
    readonly byName: Map<string, SimActor>,
    private readonly contextFor: (actor: SimActor) => ActorContext<unknown>,
  ) {
    this.actorRandom = random.fork("actor");
    this.netRandom = random.fork("network");
  }

  spawn(name: string, spec: ActorSpec<unknown>): SimActor {
    if (name.length === 0 || /\s/.test(name)) throw new RangeError(`actor names are one word (they head trace lines), got "${name}"`);
    if (this.byName.has(name)) throw new RangeError(`an actor named "${name}" already exists; actor names are unique`);
    if (spec.zone.length === 0 || /\s/.test(spec.zone)) throw new RangeError(`actor ${name}: zone must be one word, got "${spec.zone}"`);
    const actor = new SimActor(this.list.length, name, spec.zone, spec, this.actorRandom.fork(name), this.netRandom.fork(name));
    this.byName.set(name, actor);
    this.list.push(actor);
    this.note("spawn", actor, `zone=${actor.zone}`);
    if (this.zonesDown.has(actor.zone)) actor.awaitingPower = true;
    else this.boot(actor);
    return actor;
  }

  isZoneDown(zone: string): boolean {
    return this.zonesDown.has(zone);
  }

  crash(actor: SimActor, kind: CrashKind): void {
    if (!actor.up) return;
    actor.up = false;
    actor.behavior = null;
    let detail = `kind=${kind} incarnation=${actor.incarnation}`;
    if (kind === "power")
      for (const disk of actor.disks.values()) {
        const o = disk.powerLoss();
        detail += ` disk=${disk.name}:lost=${o.lost},torn=${o.torn},kept=${o.kept}`;
      }
    this.note("crash", actor, detail);
  }

  /** Boots a new incarnation, or waits for power if the actor's zone has none. */
  restart(actor: SimActor): void {
    if (actor.up || actor.retired) return;
    if (this.zonesDown.has(actor.zone)) {
      actor.awaitingPower = true;
      return;
    }
    this.boot(actor);
  }

  retire(actor: SimActor): void {
    if (actor.retired) return;
    actor.up = false;
    actor.behavior = null;
    actor.retired = true;
    actor.awaitingPower = false;
    this.note("retire", actor, `incarnation=${actor.incarnation}`);
  }

  /** Cuts a zone's power: every actor in it crashes with `power`; returns how many were up. */
  powerOff(zone: string): number {
    this.zonesDown.add(zone);
    let hit = 0;
    for (const a of this.list)
      if (a.zone === zone && !a.retired) {
        if (a.up) hit++;
        this.crash(a, "power");
        a.awaitingPower = true;
      }
    return hit;
  }

  /** Restores a zone's power; its actors that were waiting boot, in spawn order. */
  powerOn(zone: string): void {
    if (!this.zonesDown.delete(zone)) return;
    for (const a of this.list)
      if (a.zone === zone && a.awaitingPower) {
        a.awaitingPower = false;
        this.boot(a);
      }
  }

  /** Zones without power, in the order they lost it. */
  downZones(): string[] {
    return [...this.zonesDown];
  }

  private boot(actor: SimActor): void {
    actor.incarnation++;
    actor.up = true;
    actor.awaitingPower = false;
    this.note("boot", actor, `incarnation=${actor.incarnation}`);
    actor.behavior = actor.spec.boot(this.contextFor(actor));
  }

  private note(kind: string, actor: SimActor, detail: string): void {
    if (this.kernel.recording) this.kernel.emit(kind, actor.name, detail, actor);
  }
}

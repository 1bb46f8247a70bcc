/**
 * Which simulated actors run on which cloud resources. A subsystem that models the process on an
 * instance (a database engine on an RDS instance, a worker on an EC2 instance) binds its actor to
 * the resource; faults the cloud applies to the resource then reach the actor: a reboot crashes
 * and restarts it, a stop crashes it until the start, a termination retires it, a paused volume
 * stalls the bound disk. Zone power needs no binding: the kernel already crashes every actor of
 * the zone.
 */
import type { SimEnv } from "../sim/simulation";

export class Bindings {
  private readonly actors = new Map<string, string[]>();
  private readonly disks = new Map<string, { actor: string; disk: string }[]>();

  constructor(private readonly env: SimEnv) {}

  /** Runs `actor` on `resourceId` (an instance id, a DB instance identifier, a cache node id). */
  bind(resourceId: string, actor: string): void {
    if (!this.env.actor(actor)) throw new RangeError(`bind: no actor named "${actor}"; spawn it first`);
    this.actors.set(resourceId, [...(this.actors.get(resourceId) ?? []), actor]);
  }

  /** Backs the actor's disk `disk` with volume `volumeId` (pausing the volume's I/O stalls the disk). */
  bindDisk(volumeId: string, actor: string, disk: string): void {
    if (!this.env.actor(actor)) throw new RangeError(`bindDisk: no actor named "${actor}"; spawn it first`);
    this.disks.set(volumeId, [...(this.disks.get(volumeId) ?? []), { actor, disk }]);
  }

  actorsOf(resourceId: string): readonly string[] {
    return this.actors.get(resourceId) ?? [];
  }

  disksOf(volumeId: string): readonly { readonly actor: string; readonly disk: string }[] {
    return this.disks.get(volumeId) ?? [];
  }

  /** Crashes the bound actors that are up; with `restartAfterMs`, they boot again after it. */
  crash(resourceId: string, restartAfterMs?: number): void {
    for (const a of this.actorsOf(resourceId))
      if (this.env.actor(a)?.up) this.env.faults.crash(a, restartAfterMs === undefined ? {} : { restartAfterMs });
  }

  /** Boots the bound actors that are down (no-op for those up or retired). */
  restart(resourceId: string): void {
    for (const a of this.actorsOf(resourceId)) this.env.faults.restart(a);
  }

  /** The resource is gone for good: its actors stop for good. */
  retire(resourceId: string): void {
    for (const a of this.actorsOf(resourceId)) this.env.retire(a);
  }
}

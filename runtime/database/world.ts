/** What the pair model asks of the world it runs in (the mock cloud's zones and capacity). */
import type { ClusterConfig } from "./cluster";

export interface PairWorld {
  /** Powered and not cut off: the control plane and other zones reach it. */
  zoneAvailable(zone: string): boolean;
  /** Powered: things inside the zone run and reach the regional storage. */
  zonePowered(zone: string): boolean;
  /** The zone can run a cluster of this shape now. */
  hasCapacity(zone: string, config: ClusterConfig): boolean;
}

/** `from` reaches `to`: inside one powered zone, or between two available zones. */
export function reaches(world: PairWorld, from: string, to: string): boolean {
  return from === to ? world.zonePowered(from) : world.zoneAvailable(from) && world.zoneAvailable(to);
}

import type { ActorBehavior, ActorRef, ActorSpec } from "./ports";
import type { SeededRandom } from "./random";
import type { SimDisk } from "./sim-disk";
import type { OwnerRef } from "./sim-event";

/** Lifecycle of a simulated actor: up ⇄ down (crash, restart), then retired for good. */
export class SimActor implements ActorRef, OwnerRef {
  up = false;
  incarnation = 0;
  retired = false;
  /** Down and waiting for its zone's power to return before it boots again. */
  awaitingPower = false;
  /** Never chosen by random chaos (e.g. the workload driver, an external service). */
  exempt = false;
  behavior: ActorBehavior<unknown> | null = null;
  /** Messages on their way to this actor (its bounded inbox). */
  inFlight = 0;
  /** Disks by name; they outlive incarnations (a power loss walks them in opening order). */
  readonly disks = new Map<string, SimDisk>();

  constructor(
    readonly index: number,
    readonly name: string,
    readonly zone: string,
    readonly spec: ActorSpec<unknown>,
    /** `actor/<name>`: the stream the actor's own code draws from. */
    readonly random: SeededRandom,
    /** `network/<name>`: latency and loss draws for messages this actor sends. */
    readonly netRandom: SeededRandom,
  ) {}
}

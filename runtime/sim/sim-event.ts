import type { TimerHandle } from "./ports";

/** What the kernel does when an event comes due. */
export const EventKind = {
  /** An actor's or the world's timer: traced as `timer`. */
  Timer: 0,
  /** A message arriving: traced as `recv` or `drop`. */
  Deliver: 1,
  /** A scheduled world action (`sim.at`): traced as `at`. */
  At: 2,
  /** Kernel work (fault start/end, disk sync, chaos); the callback writes its own trace line. */
  Internal: 3,
} as const;
export type EventKind = (typeof EventKind)[keyof typeof EventKind];

/** Hooks an event needs from its kernel to cancel itself. */
export interface EventHost {
  onCancel(e: SimEvent): void;
}

/**
 * One queued event. A single class for every kind keeps objects the same shape, which V8 turns
 * into fast property access; the event doubles as its own `TimerHandle` (no extra allocation).
 */
export class SimEvent implements TimerHandle {
  atMs = 0;
  seq = 0;
  cancelled = false;
  inQueue = false;
  /** What the event's callback may change (`TimerOptions.scope`); null: anything. */
  scope: object | null = null;

  constructor(
    readonly host: EventHost,
    readonly kind: EventKind,
    /** The actor whose incarnation owns the event (timers), the receiver (deliveries), or null. */
    readonly owner: OwnerRef | null,
    readonly incarnation: number,
    readonly label: string,
    readonly callback: (() => void) | null,
    readonly periodMs: number,
    readonly background: boolean,
    /** Deliveries: the message and the sender's name. */
    readonly message: unknown,
    readonly from: string,
  ) {}

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.host.onCancel(this);
  }
}

/** The part of an actor the event loop reads to skip events of a dead incarnation. */
export interface OwnerRef {
  readonly name: string;
  readonly up: boolean;
  readonly incarnation: number;
}

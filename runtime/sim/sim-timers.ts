import type { Kernel } from "./kernel";
import type { TimerHandle, TimerOptions, Timers } from "./ports";
import type { SimActor } from "./sim-actor";
import { EventKind } from "./sim-event";

const NOOP_HANDLE: TimerHandle = Object.freeze({ cancel() {} });

/** Timers of one actor incarnation (or of the world when `owner` is null). */
export class SimTimers implements Timers {
  constructor(
    private readonly kernel: Kernel,
    private readonly owner: SimActor | null,
    private readonly incarnation: number,
  ) {}

  after(delayMs: number, label: string, callback: () => void, options?: TimerOptions): TimerHandle {
    if (!Number.isSafeInteger(delayMs) || delayMs < 0)
      throw new RangeError(`timers.after("${label}"): delayMs must be an integer ≥ 0, got ${delayMs}`);
    if (this.stale()) return NOOP_HANDLE;
    return this.timer(delayMs, 0, label, callback, options);
  }

  every(periodMs: number, label: string, callback: () => void, options?: TimerOptions): TimerHandle {
    if (!Number.isSafeInteger(periodMs) || periodMs < 1)
      throw new RangeError(`timers.every("${label}"): periodMs must be an integer ≥ 1, got ${periodMs}`);
    if (this.stale()) return NOOP_HANDLE;
    return this.timer(periodMs, periodMs, label, callback, options);
  }

  /** A timer event `delayMs` from now (repeating every `periodMs` when > 0), with its scope. */
  private timer(delayMs: number, periodMs: number, label: string, callback: () => void, options: TimerOptions | undefined): TimerHandle {
    const background = options?.background === true;
    const e = this.kernel.schedule(EventKind.Timer, this.kernel.nowMs + delayMs, this.owner, label, callback, periodMs, background);
    if (options?.scope !== undefined) e.scope = options.scope;
    return e;
  }

  /** Ports of a crashed incarnation schedule nothing (a zombie callback cannot act). */
  private stale(): boolean {
    const o = this.owner;
    return o !== null && (!o.up || o.incarnation !== this.incarnation);
  }
}

import type { TimerHandle, TimerOptions, Timers } from "../sim/ports";

/**
 * Timers on Node's event loop. A background timer is `unref`'d: like a background timer in the
 * simulator (which does not keep `runUntilQuiet` waiting), it does not keep the process alive.
 * `cancelAll` stops every timer this object started (an actor retiring, an env closing).
 */
export class RealTimers implements Timers {
  private readonly live = new Set<NodeJS.Timeout>();

  after(delayMs: number, _label: string, callback: () => void, options?: TimerOptions): TimerHandle {
    const t = setTimeout(() => {
      this.live.delete(t);
      callback();
    }, delayMs);
    return this.track(t, options);
  }

  every(periodMs: number, _label: string, callback: () => void, options?: TimerOptions): TimerHandle {
    return this.track(setInterval(callback, periodMs), options);
  }

  cancelAll(): void {
    for (const t of this.live) clearTimeout(t);
    this.live.clear();
  }

  private track(t: NodeJS.Timeout, options: TimerOptions | undefined): TimerHandle {
    if (options?.background) t.unref();
    this.live.add(t);
    return {
      cancel: () => {
        clearTimeout(t);
        this.live.delete(t);
      },
    };
  }
}

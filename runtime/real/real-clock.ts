import type { Clock } from "../sim/ports";

/** Wall-clock time: milliseconds since the Unix epoch. */
export class RealClock implements Clock {
  nowMs(): number {
    return Date.now();
  }
}

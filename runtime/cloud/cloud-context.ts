import type { Random } from "../sim/ports";
import type { SimEnv } from "../sim/simulation";
import type { IdGenerator } from "./ids";
import { type Duration, drawMs, type TimingProfile } from "./timing-profile";

/** What every service of the mock cloud shares: the world, the profile, ids and the trace. */
export class CloudContext {
  /** The cloud's stream (`app/cloud`); each service forks its own from it. */
  readonly random: Random;

  constructor(
    readonly env: SimEnv,
    readonly profile: TimingProfile,
    readonly region: string,
    readonly account: string,
    readonly ids: IdGenerator,
  ) {
    this.random = env.random.fork("cloud");
  }

  get nowMs(): number {
    return this.env.clock.nowMs();
  }

  /** `arn:aws:<service>:<region>:<account>:<resource>`. */
  arn(service: string, resource: string): string {
    return `arn:aws:${service}:${this.region}:${this.account}:${resource}`;
  }

  /** A draw from `d` on `random` (a service's own stream). */
  draw(random: Random, d: Duration): number {
    return drawMs(random, d);
  }

  /** One trace line `<kind> <subject> <detail>`; `data` goes to checkers. */
  note(kind: string, subject: string, detail: string, data?: unknown): void {
    const t = this.env.trace;
    if (t.enabled) t.scoped(subject).record(kind, detail, data);
  }
}

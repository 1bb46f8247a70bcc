import type { SpotNotice } from "../../cloud/ec2/ec2-service";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** Every reclaimed spot instance got its interruption warning exactly the notice period earlier. */
export const invariant: Invariant = {
  id: "cloud/spot-notice-before-reclaim",
  description: "Every reclaimed spot instance got its interruption warning exactly the notice period earlier.",
};

/**
 * Spot tenants always get the notice: every reclaimed spot instance received its interruption
 * warning exactly `noticeMs` earlier (120 s on AWS). Fed by the cloud's `spot` events
 * (`SpotNotice`).
 */
export function spotNoticeBeforeReclaim(noticeMs: number): Checker {
  const warnedAt = new Map<string, number>();
  return {
    ...invariant,
    onEvent(e) {
      if (e.kind !== "spot") return undefined;
      const notice = e.data as SpotNotice | undefined;
      if (notice?.what === "interruption-warning") {
        warnedAt.set(notice.instanceId, e.atMs);
        return undefined;
      }
      if (notice?.what !== "reclaimed") return undefined;
      const at = warnedAt.get(notice.instanceId);
      if (at === undefined) return `${e.subject} was reclaimed at ${e.atMs} ms without an interruption warning`;
      return e.atMs - at === noticeMs ? undefined : `${e.subject} was reclaimed ${e.atMs - at} ms after its warning, not ${noticeMs} ms`;
    },
  };
}

import type { Checker } from "../../sim/checker";

interface Warning {
  readonly instanceId: string;
  readonly reclaimAtMs: number;
}

/**
 * Spot tenants always get the notice: every reclaimed spot instance received its interruption
 * warning exactly `noticeMs` earlier (120 s on AWS). Fed by the cloud's `spot` trace events.
 */
export function spotNoticeBeforeReclaim(noticeMs: number): Checker {
  const warnedAt = new Map<string, number>();
  return {
    id: "cloud-spot-notice-before-reclaim",
    onEvent(e) {
      if (e.kind !== "spot") return undefined;
      if (e.detail.startsWith("interruption-warning")) {
        warnedAt.set((e.data as Warning).instanceId, e.atMs);
        return undefined;
      }
      if (!e.detail.startsWith("reclaimed")) return undefined;
      const at = warnedAt.get((e.data as Warning).instanceId);
      if (at === undefined) return `${e.subject} was reclaimed at ${e.atMs} ms without an interruption warning`;
      return e.atMs - at === noticeMs ? undefined : `${e.subject} was reclaimed ${e.atMs - at} ms after its warning, not ${noticeMs} ms`;
    },
  };
}

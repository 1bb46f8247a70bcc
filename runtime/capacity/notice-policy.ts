/**
 * How much warning a lessee gets before a contingency lease ends. A lease on contingency may end
 * at any time without warning (../../docs/design/0002-contingency-capacity.md); other spot leases
 * get 5 or 30 minutes, and AWS spot gets 2. So notice is a policy, never a constant: a failover waits for it,
 * and the recovery time includes it.
 */
export type NoticePolicy =
  /** The lease ends at revocation (the default for contingency). */
  | { readonly kind: "none" }
  /** AWS spot: the interruption warning exactly 120 s (the profile's `spotInterruptionNoticeMs`) before reclaim. */
  | { readonly kind: "aws-spot" }
  /** A warning, then the end `minutes` later (5, 10 and 30 are usual). */
  | { readonly kind: "minutes"; readonly minutes: number };

export const NOTICE = {
  none: { kind: "none" } as NoticePolicy,
  awsSpot: { kind: "aws-spot" } as NoticePolicy,
  minutes: (minutes: number): NoticePolicy => {
    if (!Number.isSafeInteger(minutes) || minutes < 1 || minutes > 60)
      throw new RangeError(`notice minutes must be a whole number from 1 to 60, got ${minutes}`);
    return { kind: "minutes", minutes };
  },
} as const;

/** The notice in milliseconds; `awsSpotMs` is the profile's spot interruption notice (120 000 on AWS). */
export function noticeMs(policy: NoticePolicy, awsSpotMs: number): number {
  switch (policy.kind) {
    case "none":
      return 0;
    case "aws-spot":
      return awsSpotMs;
    case "minutes":
      return policy.minutes * 60_000;
  }
}

export function describeNotice(policy: NoticePolicy): string {
  return policy.kind === "minutes" ? `${policy.minutes}min` : policy.kind;
}

import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

interface Revoke {
  readonly leaseId: string;
  readonly noticeMs: number;
  readonly reason: string;
}

/** A lease is revoked only for a recorded failover, ends no earlier than its notice allows, and the replacement starts only after the leases it waited for ended. */
export const invariant: Invariant = {
  id: "contingency/notice-before-reclaim",
  description:
    "A lease is revoked only for a recorded failover, ends no earlier than its notice allows, and the replacement starts only after the leases it waited for ended.",
};

/**
 * A lease revoked for a failover follows a recorded trigger of its service; every revoked lease
 * ends no earlier than its notice allows (the tenant got the whole warning), and the replacement
 * starts only after the leases it waited for have ended. Fed by the `contingency` trace lines.
 */
export function noticeBeforeReclaim(): Checker {
  const triggered = new Set<string>();
  const revokedAt = new Map<string, { atMs: number; noticeMs: number; service: string }>();
  const pendingBy = new Map<string, Set<string>>();
  return {
    ...invariant,
    onEvent(e) {
      if (e.kind !== "contingency") return undefined;
      const d = e.data as { what: string; service: string } & Partial<Revoke>;
      switch (d.what) {
        case "trigger":
          triggered.add(d.service);
          pendingBy.set(d.service, new Set());
          return undefined;
        case "revoke":
          if (d.reason === "contingency-reclaim" && !triggered.has(d.service))
            return `lease ${d.leaseId} was revoked for ${d.service} at ${e.atMs} ms without a recorded trigger`;
          revokedAt.set(d.leaseId as string, { atMs: e.atMs, noticeMs: d.noticeMs ?? 0, service: d.service });
          if (d.reason === "contingency-reclaim") pendingBy.get(d.service)?.add(d.leaseId as string);
          return undefined;
        case "lease-ended": {
          const r = revokedAt.get(d.leaseId as string);
          pendingBy.get(d.service)?.delete(d.leaseId as string);
          if (r && e.atMs < r.atMs + r.noticeMs)
            return `lease ${d.leaseId} ended at ${e.atMs} ms, ${r.atMs + r.noticeMs - e.atMs} ms before its ${r.noticeMs} ms notice ran out`;
          return undefined;
        }
        case "starting": {
          const pending = pendingBy.get(d.service);
          if (pending && pending.size > 0)
            return `${d.service} started its replacement at ${e.atMs} ms while lease(s) ${[...pending].join(", ")} had not ended`;
          return undefined;
        }
        default:
          return undefined;
      }
    },
  };
}

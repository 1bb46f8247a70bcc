import type { Checker } from "../../sim/checker";
import type { StorageControlPlane } from "../../storage/control/control-plane";
import { type Invariant, safetyOf } from "../invariant";

/** A host is declared failed only after it stopped answering for the configured missed checks, and one incident starts one recovery. */
export const invariant: Invariant = {
  id: "storage/one-recovery-per-incident",
  description:
    "A host is declared failed only after it stopped answering for the configured missed checks, and one incident starts one recovery.",
};

/**
 * The silence is watched here, step by step, not read from the miss count the monitor recorded: a
 * host is declared failed only if it has been silent without a break for at least the polls the
 * configured misses take. One incident starts one recovery job.
 */
export function oneRecoveryPerIncident(cp: StorageControlPlane, now: () => number): Checker {
  const silentSince = new Map<string, number>();
  let declaredSeen = 0;
  // Jobs are only ever added: their recovery keys are compared again only when there are new ones.
  let jobsSeen = 0;
  let duplicateRecovery = false;
  return safetyOf(invariant, () => {
    const t = now();
    for (const h of cp.hosts)
      if (!h.silent) silentSince.delete(h.id);
      else if (!silentSince.has(h.id)) silentSince.set(h.id, t);
    const needs = (cp.options.missesToFail - 1) * cp.options.pollMs;
    for (; declaredSeen < cp.declared.length; declaredSeen++) {
      const d = cp.declared[declaredSeen] as (typeof cp.declared)[number];
      const since = silentSince.get(d.hostId);
      if (since === undefined) return `${d.hostId} declared failed at ${d.atMs} ms while it answers`;
      if (d.atMs - since < needs)
        return `${d.hostId} declared failed ${d.atMs - since} ms after it went silent, before ${cp.options.missesToFail} missed checks (${needs} ms)`;
    }
    if (cp.admin.jobs.length !== jobsSeen) {
      jobsSeen = cp.admin.jobs.length;
      const keys = cp.admin.jobs.filter((j) => j.action === "recover").map((j) => j.key);
      duplicateRecovery = new Set(keys).size !== keys.length;
    }
    return duplicateRecovery ? "two recovery jobs for one incident" : undefined;
  });
}

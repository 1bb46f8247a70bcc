import type { StorageControlPlane } from "../../storage/control/control-plane";
import type { Checker } from "../checker";
import { type Invariant, safetyOf } from "../invariant";

const DAY = 24 * 3_600_000;

/** While an instance is available, snapshots and log backups run at least as often as configured, and one backup per backup window. */
export const invariant: Invariant = {
  id: "storage/backup-cadence",
  description:
    "While an instance is available, snapshots and log backups run at least as often as configured, and one backup per backup window.",
};

/**
 * While an instance is AVAILABLE on an answering host, a data-plane snapshot is attempted at least
 * every snapshot interval and logs are saved at least every log interval; one control-plane backup
 * per instance and backup window.
 */
export function backupCadence(cp: StorageControlPlane, now: () => number): Checker {
  const availableSince = new Map<string, number>();
  const last = new Map<string, number>();
  const cursor = new Map<string, number>();
  const key = (volumeId: string, kind: string) => `${volumeId}/${kind}`;
  const backups = new Set<string>();
  let backupCursor = 0;
  return safetyOf(invariant, () => {
    for (const h of cp.hosts) {
      for (let i = cursor.get(h.id) ?? 0; i < h.ran.length; i++) {
        const { task, atMs } = h.ran[i] as (typeof h.ran)[number];
        if ((task.kind === "snapshot" && task.tier === "data-plane") || task.kind === "persist-logs")
          last.set(key(task.volumeId, task.kind), atMs);
      }
      cursor.set(h.id, h.ran.length);
    }
    const t = now();
    for (const inst of cp.admin.instances.values()) {
      const host = cp.hosts.find((h) => h.id === inst.hostId);
      if (inst.state !== "AVAILABLE" || !host || host.silent) {
        availableSince.delete(inst.name);
        continue;
      }
      const since = availableSince.get(inst.name) ?? t;
      availableSince.set(inst.name, since);
      for (const [kind, every] of [
        ["snapshot", cp.options.snapshotEveryMs],
        ["persist-logs", cp.options.logsEveryMs],
      ] as const) {
        const from = Math.max(since, last.get(key(inst.volumeId, kind)) ?? since);
        if (t - from > every) return `${inst.name} (${inst.volumeId}) has had no ${kind} for ${t - from} ms (every ${every} ms)`;
      }
    }
    for (; backupCursor < cp.admin.workflows.length; backupCursor++) {
      const wf = cp.admin.workflows[backupCursor] as (typeof cp.admin.workflows)[number];
      if (wf.action !== "backup") continue;
      const job = cp.admin.jobs.find((j) => j.id === wf.jobId);
      const day = `${wf.name}@${Math.floor((job?.startedAtMs ?? 0) / DAY)}`;
      if (backups.has(day)) return `two control-plane backups of ${wf.name} in one backup window (day ${day.split("@")[1]})`;
      backups.add(day);
    }
    return undefined;
  });
}

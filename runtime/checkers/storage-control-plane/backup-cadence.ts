import type { Checker } from "../../sim/checker";
import type { StorageControlPlane } from "../../storage/control/control-plane";
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
  // Per volume: when its last data-plane snapshot and log persist ran (checked after every event,
  // so kept without per-event keys or arrays).
  const last = new Map<string, { snapshot: number | undefined; "persist-logs": number | undefined }>();
  const cursor = new Map<string, number>();
  const backups = new Set<string>();
  let backupCursor = 0;
  const overdue = (name: string, volumeId: string, kind: "snapshot" | "persist-logs", every: number, since: number, t: number) => {
    const from = Math.max(since, last.get(volumeId)?.[kind] ?? since);
    return t - from > every ? `${name} (${volumeId}) has had no ${kind} for ${t - from} ms (every ${every} ms)` : undefined;
  };
  return safetyOf(invariant, () => {
    for (const h of cp.hosts) {
      for (let i = cursor.get(h.id) ?? 0; i < h.ran.length; i++) {
        const { task, atMs } = h.ran[i] as (typeof h.ran)[number];
        if ((task.kind === "snapshot" && task.tier === "data-plane") || task.kind === "persist-logs") {
          let times = last.get(task.volumeId);
          if (!times) {
            times = { snapshot: undefined, "persist-logs": undefined };
            last.set(task.volumeId, times);
          }
          times[task.kind] = atMs;
        }
      }
      cursor.set(h.id, h.ran.length);
    }
    const t = now();
    for (const inst of cp.admin.instances.values()) {
      let host: (typeof cp.hosts)[number] | undefined;
      for (const h of cp.hosts)
        if (h.id === inst.hostId) {
          host = h;
          break;
        }
      if (inst.state !== "AVAILABLE" || !host || host.silent) {
        availableSince.delete(inst.name);
        continue;
      }
      let since = availableSince.get(inst.name);
      if (since === undefined) {
        since = t;
        availableSince.set(inst.name, since);
      }
      const late =
        overdue(inst.name, inst.volumeId, "snapshot", cp.options.snapshotEveryMs, since, t) ??
        overdue(inst.name, inst.volumeId, "persist-logs", cp.options.logsEveryMs, since, t);
      if (late) return late;
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

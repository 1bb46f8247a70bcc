/**
 * Seed 003's invariants about the life of instances and workflows (§5: 6, 7, 8, 12, 18), run on
 * every simulation step beside the data checkers in storage-checkers.ts. They read the admin store,
 * the hosts' task logs and the data plane's restores; they keep cursors, so a step costs what
 * changed since the last one, not the whole history.
 *
 * Not checkers, and why: 1 (plane separation) and 2 (pull-only host manager) hold by construction —
 * the admin store's records carry no block bytes and a HostManager holds no reference to the
 * control plane; 4 (source stays available) too — clones and data-plane snapshots run as host
 * tasks that never change the source's instance record, and invariant 5's checker sees the source's
 * data; 19 (determinism) is the replay tests'. 16 and 17 are in storage-partition-checkers.ts.
 */
import { type Checker, safety } from "../sim/checker";
import type { WorkflowRecord } from "./control/admin-store";
import type { StorageControlPlane } from "./control/control-plane";

const DAY = 24 * 3_600_000;

export function lifecycleCheckers(cp: StorageControlPlane, now: () => number): Checker[] {
  return [hibernation(cp), recoveryPoint(cp), cadence(cp, now), taskOrder(cp), failuresAreEvents(cp)];
}

/** 6: while hibernated, connections are refused, the name is kept and compute is not billed; resume brings a new instance id. */
function hibernation(cp: StorageControlPlane): Checker {
  const asleep = new Map<string, { readonly instanceId: string; readonly computeMs: number }>();
  return safety("storage-I6-hibernation", () => {
    for (const inst of cp.admin.instances.values()) {
      const was = asleep.get(inst.name);
      if (inst.state === "HIBERNATED") {
        if (!was) asleep.set(inst.name, { instanceId: inst.instanceId, computeMs: inst.computeMs });
        if (cp.read(inst.name, 0) !== "refused") return `${inst.name} is hibernated but accepts connections`;
        if (!cp.dns.has(inst.name)) return `${inst.name} is hibernated but lost its DNS name`;
        // Read-only: a hibernated instance must neither have been billed compute nor be accruing it.
        if (inst.computeMs !== (was?.computeMs ?? inst.computeMs))
          return `${inst.name} is hibernated but compute billing grew from ${was?.computeMs} to ${inst.computeMs} ms`;
      } else if (was && inst.state === "AVAILABLE") {
        asleep.delete(inst.name);
        if (inst.instanceId === was.instanceId) return `${inst.name} resumed on its old instance id ${inst.instanceId}`;
      }
    }
    return undefined;
  });
}

/** 7: a restore never goes past the point asked for, and stops short of it only where the logs stop. */
function recoveryPoint(cp: StorageControlPlane): Checker {
  let seen = 0;
  return safety("storage-I7-recovery-point", () => {
    for (; seen < cp.data.restores.length; seen++) {
      const r = cp.data.restores[seen];
      if (!r) continue;
      if (r.effectiveMs > r.atMs) return `${r.volume.id} was restored to ${r.effectiveMs} ms, past the ${r.atMs} ms asked for`;
      const reachable = Math.min(r.atMs, r.logsUntilMs);
      if (r.effectiveMs < reachable && (r.snapshot?.atMs ?? Number.NEGATIVE_INFINITY) < reachable)
        return `${r.volume.id} was restored to ${r.effectiveMs} ms although the logs reach ${reachable} ms`;
    }
    return undefined;
  });
}

/**
 * 8: while an instance is AVAILABLE on an answering host, a data-plane snapshot is attempted at
 * least every snapshot interval and logs at least every log interval; one control-plane backup per
 * instance and backup window.
 */
function cadence(cp: StorageControlPlane, now: () => number): Checker {
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
  return safety("storage-I8-cadence", () => {
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

/** 12: a task starts only after the one before it passed its test; replay covers the log after the snapshot with no gap. */
function taskOrder(cp: StorageControlPlane): Checker {
  let restoresSeen = 0;
  const finished = new Set<WorkflowRecord>();
  return safety("storage-I12-task-order", () => {
    for (const wf of cp.admin.workflows) {
      if (finished.has(wf)) continue;
      if (wf.state === "COMPLETED" || wf.state === "ROLLED_BACK") finished.add(wf);
      for (let i = 1; i < wf.tasks.length; i++) {
        const task = wf.tasks[i] as (typeof wf.tasks)[number];
        const before = wf.tasks[i - 1] as (typeof wf.tasks)[number];
        if (task.attempts > 0 && before.state !== "VERIFIED" && before.state !== "COMPENSATED")
          return `${wf.id} started ${task.name} while ${before.name} was ${before.state}`;
        if (task.startedAtMs !== undefined && (before.startedAtMs === undefined || task.startedAtMs < before.startedAtMs))
          return `${wf.id} started ${task.name} at ${task.startedAtMs} ms, before ${before.name}`;
      }
    }
    for (; restoresSeen < cp.data.restores.length; restoresSeen++) {
      const r = cp.data.restores[restoresSeen];
      if (!r) continue;
      const first = (r.snapshot?.seq ?? 0) + 1;
      if (r.replayed.fromSeq !== first)
        return `${r.volume.id} replayed from seq ${r.replayed.fromSeq}, not ${first} right after its snapshot`;
      if (r.replayed.count > 0 && r.replayed.toSeq - r.replayed.fromSeq + 1 !== r.replayed.count)
        return `${r.volume.id} replayed ${r.replayed.count} records for seq ${r.replayed.fromSeq}…${r.replayed.toSeq}: a gap`;
    }
    return undefined;
  });
}

/** 18: every workflow the system could not finish ends with an error event the customer can see. */
function failuresAreEvents(cp: StorageControlPlane): Checker {
  const reported = new Set<WorkflowRecord>();
  return safety("storage-I18-failures-are-events", () => {
    for (const wf of cp.admin.workflows) {
      if (wf.state !== "ROLLED_BACK" || reported.has(wf)) continue;
      if (!cp.admin.events.some((e) => e.name === wf.name && e.kind === "error"))
        return `${wf.id} (${wf.action} ${wf.name}) rolled back without an error event`;
      reported.add(wf);
    }
    return undefined;
  });
}

/**
 * The storage control plane, attached when the scenario asks for it — a storage scenario (`pitr-restore`, `clone`,
 * `hibernate-wake`) or an experiment that targets EBS volumes (`disk-stall`, a template with
 * `aws:ebs:pause-volume-io`): the plan's first database gets a control plane (hosts in the
 * writer's zone and the others, each logging to an EBS volume of the mock cloud), a client writing
 * a block a minute, data-plane snapshots every 15 minutes and log backups every 5. Other scenarios
 * do not run it, so their results hold no restores the plan never asked for. Scenarios act on it at
 * the experiment's start:
 * - `pitr-restore`: restore the database to 20 minutes ago (a point-in-time recovery);
 * - `clone`: 20 minutes in (after the first data-plane snapshot), clone it at its latest point
 *   under a new name; the client then writes to the clone too;
 * - `hibernate-wake`: hibernate it, with a resume scheduled 30 minutes later;
 * - `az-outage` (and any scenario that takes a zone's power): the host in that zone stops
 *   answering; the monitor declares it failed and recovers the database elsewhere;
 * - `disk-stall`: the hosts' log disks in the zone stall, so client writes wait for their acks.
 * Each host keeps a durable log on its own disk (an EBS volume of the mock cloud): a write is
 * acknowledged once that log made it durable.
 * Every restore lands in the result's `restores` with `verified` from the checkers' oracle.
 */

import { hostLogDurable, StorageOracle, storageCheckers } from "../checkers/storage-control-plane";
import type { RestoreRow } from "../contract/emulation-result";
import type { ExperimentTemplate } from "../scenarios/experiment";
import { formatIsoDuration } from "../scenarios/iso-duration";
import type { ComponentDefinition, EmulationContext, ScenarioDefinition } from "../scenarios/registry";
import type { Random } from "../sim/ports";
import type { JobAction } from "../storage/control/admin-store";
import { CONTROL_DEFAULTS, StorageControlPlane, type StorageControlPlaneOptions } from "../storage/control/control-plane";
import { DataPlane, dataPlaneMutants } from "../storage/data-plane";
import { attachHostLogs } from "../storage/host-logs";

const MIN = 60_000;
const DB = "db";
const CLONE = `${DB}-clone`;

export const STORAGE_COMPONENT: ComponentDefinition = {
  name: "storage",
  description: "the storage control plane over the first database's volumes: snapshots, logs, clones, restores, hibernation",
  attach(ctx) {
    const database = ctx.topology.databases[0];
    if (!database) {
      ctx.notRun("the plan holds no database whose volumes it would manage");
      return;
    }
    const asked = STORAGE_SCENARIO_NAMES.includes(ctx.scenario);
    if (!asked && !ctx.experiment?.targets.some((t) => t.resourceType === "aws:ec2:ebs-volume")) {
      ctx.notRun(
        `it runs for the ${STORAGE_SCENARIO_NAMES.slice(0, -1).join(", ")} and ${STORAGE_SCENARIO_NAMES.at(-1)} scenarios and for experiments that target EBS volumes (aws:ec2:ebs-volume); ${ctx.scenario} does neither`,
      );
      return;
    }
    // The first database's region only: a plan with databases in several regions keeps each region's zones apart.
    const region = database.region ?? ctx.cloud.region;
    const own = ctx.cloud.zones.inRegion(region);
    const zones = [...new Set([...(own.includes(ctx.az) ? [ctx.az] : []), ...own])];
    const data = new DataPlane(dataPlaneMutants(ctx.mutants));
    // The control plane's clocks follow the timing profile like every other number of the run (the
    // `fast` profile divides them all by its divisor), so a scenario's written waits stay as written.
    const cp = new StorageControlPlane(ctx.env, data, zones, scaledOptions(ctx));
    const oracle = new StorageOracle(data);
    cp.onWrite.push((v, i, b, at) => oracle.written(v, i, b, at));
    for (const c of storageCheckers(cp, oracle, () => ctx.env.clock.nowMs())) ctx.sim.checkers.add(c);
    const durable = hostLogDurable();
    attachHostLogs(ctx.sim, ctx.cloud, cp, {
      ackBeforeDurable: ctx.mutants.has("storage.ackBeforeDurable"),
      onRecovered: durable.recovered,
    });
    ctx.sim.checkers.add(durable);
    cp.createDatabase(DB);
    const random = ctx.env.random.fork("storage");
    const encoder = new TextEncoder();
    ctx.env.timers.every(
      scaled(ctx, MIN),
      "storage/client",
      () => {
        cp.write(DB, random.int(256), encoder.encode(`w${ctx.env.clock.nowMs()}`));
        // A clone is used once it is available: its writes are what copy-on-write must copy, and only those.
        if (cp.describe(CLONE)?.state === "AVAILABLE") cp.write(CLONE, random.int(256), encoder.encode(`c${ctx.env.clock.nowMs()}`));
        bucketFaults(ctx, cp, data, random);
      },
      { background: true },
    );
    // The host in a zone without power answers nothing.
    ctx.cloud.zones.onChange((zone, change) => {
      if (change !== "power-off" && change !== "power-on") return;
      for (const h of cp.hosts) if (h.zone === zone) h.silent = change === "power-off";
    });
    ctx.env.timers.after(Math.max(0, ctx.startAtMs - ctx.env.clock.nowMs()), "storage/scenario", () => act(ctx, cp));
    ctx.model({
      resource: database.address,
      component: "storage",
      what: "storage control plane: hosts with durable logs, snapshots, log backups and restores",
      ids: [database.address],
      // A host (and its log volume) in every zone: a scenario striking a zone reaches one.
      zones,
      scenarios: STORAGE_SCENARIO_NAMES,
    });
    ctx.contribute("storage", () => {
      oracle.checkNewRestores();
      return { restores: restoreRows(cp, data, oracle).map((r) => ({ database: database.address, ...r })) };
    });
  },
};

/** What each storage scenario does, and when, from the experiment's start. */
function act(ctx: EmulationContext, cp: StorageControlPlane): void {
  const later = (ms: number, what: string, f: () => void) => ctx.env.timers.after(scaled(ctx, ms), `storage/${what}`, f);
  if (ctx.scenario === "pitr-restore") later(30 * MIN, "pitr", () => cp.recoverDatabase(DB, ctx.env.clock.nowMs() - scaled(ctx, 20 * MIN)));
  // After the first data-plane snapshot, so the clone starts on a snapshot it must share, not copy.
  else if (ctx.scenario === "clone") later(20 * MIN, "clone", () => cp.cloneDatabase(DB, CLONE, ctx.env.clock.nowMs()));
  else if (ctx.scenario === "hibernate-wake") {
    cp.hibernateDatabase(DB);
    cp.resumeDatabase(DB, ctx.env.clock.nowMs() + scaled(ctx, 30 * MIN));
  }
}

/** `ms` of the realistic profile in this run's profile. */
function scaled(ctx: EmulationContext, ms: number): number {
  return Math.max(1, Math.round(ms / ctx.profile.scenarioTimeDivisor));
}

/** The control plane's defaults in this run's profile. */
function scaledOptions(ctx: EmulationContext): StorageControlPlaneOptions {
  const o = CONTROL_DEFAULTS;
  const s = (ms: number) => scaled(ctx, ms);
  return {
    ...o,
    sweepMs: s(o.sweepMs),
    pollMs: s(o.pollMs),
    taskMs: s(o.taskMs),
    snapshotEveryMs: s(o.snapshotEveryMs),
    logsEveryMs: s(o.logsEveryMs),
    backupWindowMs: s(o.backupWindowMs),
    resumeTimerMs: s(o.resumeTimerMs),
  };
}

/**
 * BUGGIFY faults of the log bucket, drawn each client minute: a copy damaged in transit (the backup
 * must discard it and copy again), a saved backup damaged at rest or lost (a restore that needs it
 * must stop there and say so).
 */
function bucketFaults(ctx: EmulationContext, cp: StorageControlPlane, data: DataPlane, random: Random): void {
  const fire = { numerator: 1, denominator: 10 };
  if (ctx.env.buggify("storage-log-copy-damaged", fire)) data.logs.corruptNextCopies(1);
  const volumeId = cp.describe(DB)?.volumeId;
  const saved = volumeId ? data.logs.list(volumeId).length : 0;
  if (volumeId && saved > 0 && ctx.env.buggify("storage-log-backup-rots", fire)) data.logs.damageAtRest(volumeId, random.int(saved));
  if (volumeId && saved > 1 && ctx.env.buggify("storage-log-backup-lost", fire)) data.logs.lose(volumeId, random.int(saved - 1));
}

const KIND: Partial<Record<JobAction, RestoreRow["kind"]>> = { recover: "pitr", clone: "clone", resume: "wake" };

/** One row per restore whose workflow completed, in order. */
function restoreRows(cp: StorageControlPlane, data: DataPlane, oracle: StorageOracle): RestoreRow[] {
  return cp.completedRestores.flatMap((done): RestoreRow[] => {
    const index = data.restores.findIndex((r) => r.volume.id === done.volumeId);
    const r = data.restores[index];
    const kind = KIND[done.action];
    if (!r || !kind) return [];
    return [{ kind, source: r.sourceVolumeId, target: r.volume.id, pointMs: r.effectiveMs, verified: oracle.verified[index] === true }];
  });
}

/** A scenario that only waits: the storage component acts at its start. */
function waiting(name: string, description: string, minutes: number): ScenarioDefinition {
  return {
    name,
    description,
    build: (): ExperimentTemplate => ({
      description,
      emptyTargetResolution: "skip",
      targets: [],
      actions: [
        {
          name: "wait",
          actionId: "aws:fis:wait",
          startAfter: [],
          // Written as it reads; the profile divides it, as it divides the control plane's clocks.
          parameters: { duration: formatIsoDuration(minutes * MIN) },
          targets: {},
        },
      ],
    }),
  };
}

/** The scenarios that act on the storage control plane by name. */
const STORAGE_SCENARIO_NAMES: readonly string[] = ["pitr-restore", "clone", "hibernate-wake"];

export const STORAGE_SCENARIOS: readonly ScenarioDefinition[] = [
  waiting("pitr-restore", "30 minutes in, the first database is restored to 20 minutes earlier (point-in-time recovery)", 40),
  waiting("clone", "20 minutes in, the first database is cloned at its latest point under a new name", 30),
  waiting("hibernate-wake", "the first database hibernates; a resume is scheduled 30 minutes later", 40),
];

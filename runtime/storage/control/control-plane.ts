/**
 * The control environment of the storage control plane
 * (../../../docs/design/0004-storage-control-plane.md): the web-service API writes jobs; the
 * sweeper starts a workflow for each due job (never before its `notBefore`); the monitor polls
 * every host manager and, after N consecutive misses, declares the host failed and queues exactly
 * one recovery per instance and incident; the DNS registry binds stable names to instance ids.
 * Customers reach their data through the data plane (`write`, `read`), never through the control
 * plane.
 */
import type { SimEnv } from "../../sim/simulation";
import type { DataPlane, DataPlaneReply } from "../data-plane";
import type { LogSegment } from "../log-archive";
import { AdminStore, type BackupRow, type CustomerEvent, type DatabaseInstanceRecord, type Job } from "./admin-store";
import { HostManager } from "./host-manager";
import { type TaskSpec, WorkflowEngine } from "./workflow-engine";

export interface StorageControlPlaneOptions {
  /** @default 10_000 */
  readonly sweepMs: number;
  /** @default 30_000 */
  readonly pollMs: number;
  /** Consecutive missed polls before a host is declared failed. @default 3 */
  readonly missesToFail: number;
  /** @default 3 */
  readonly maxRetries: number;
  /** @default 2_000 */
  readonly taskMs: number;
  /** Data-plane snapshots, without suspension. @default 15 min */
  readonly snapshotEveryMs: number;
  /** Log backups. @default 5 min */
  readonly logsEveryMs: number;
  /** The daily control-plane backup starts this long after each midnight. @default 3 h */
  readonly backupWindowMs: number;
  /** How long a backup may keep a database suspended before its host resumes it. @default 10 min */
  readonly resumeTimerMs: number;
}

export const CONTROL_DEFAULTS: StorageControlPlaneOptions = {
  sweepMs: 10_000,
  pollMs: 30_000,
  missesToFail: 3,
  maxRetries: 3,
  taskMs: 2_000,
  snapshotEveryMs: 15 * 60_000,
  logsEveryMs: 5 * 60_000,
  backupWindowMs: 3 * 3_600_000,
  resumeTimerMs: 10 * 60_000,
};

const DAY = 24 * 3_600_000;

/** Makes a client write durable on its host before it is acknowledged. */
export interface HostDurability {
  /** Calls `onDurable` once the write is durable (never, if the host dies first). */
  append(hostId: string, volumeId: string, index: number, bytes: Uint8Array, atMs: number, onDurable: () => void): void;
}

export class StorageControlPlane {
  readonly admin = new AdminStore();
  readonly hosts: HostManager[];
  readonly options: StorageControlPlaneOptions;
  /** DNS: name → instance id (one record per name, so never two live instances). */
  readonly dns = new Map<string, string>();
  /** Host failures declared: host id → the misses counted when it was declared, and when. */
  readonly declared: { readonly hostId: string; readonly misses: number; readonly atMs: number }[] = [];
  private readonly misses = new Map<string, number>();
  private readonly engine: WorkflowEngine;
  private readonly env: SimEnv;
  private hostTurn = 0;
  /** Clones made per source volume (copy-on-write limit). */
  private readonly clonesOf = new Map<string, number>();
  /** Restores whose workflow completed, in order: the new volume, and what asked for it. */
  readonly completedRestores: { readonly volumeId: string; readonly action: Job["action"]; readonly name: string }[] = [];
  /** Listeners of client writes as the volume takes them, in order (the checkers' oracle). */
  readonly onWrite: ((volumeId: string, index: number, bytes: Uint8Array, atMs: number) => void)[] = [];
  /** Listeners of acknowledged client writes: at once, or when the host's log made them durable. */
  readonly onAck: ((volumeId: string, index: number, bytes: Uint8Array, atMs: number) => void)[] = [];
  /**
   * Where a write becomes durable before it is acknowledged (the hosts' logs on their disks).
   * @default - none: a write is acknowledged as the volume takes it
   */
  durability: HostDurability | undefined;
  /** The hibernation snapshot time per name. */
  private readonly hibernatedAt = new Map<string, number>();

  constructor(
    env: SimEnv,
    readonly data: DataPlane,
    zones: readonly string[],
    options: Partial<StorageControlPlaneOptions> = {},
  ) {
    this.env = env;
    this.options = { ...CONTROL_DEFAULTS, ...options };
    this.hosts = zones.map((z, i) => new HostManager(`host-${i + 1}`, z, data, env.timers, this.options.resumeTimerMs));
    this.engine = new WorkflowEngine(this.admin, env.timers, () => env.clock.nowMs(), this.options);
    const trace = env.trace.scoped("storage");
    this.admin.onEvent = (e) => trace.record("customer-event", `${e.name} ${e.kind} ${JSON.stringify(e.message)}`);
    env.timers.every(this.options.sweepMs, "storage/sweeper", () => this.sweep(), { background: true });
    env.timers.every(this.options.pollMs, "storage/monitor", () => this.poll(), { background: true });
    env.timers.every(this.options.logsEveryMs, "storage/log-backup", () => this.cadence("logs"), { background: true });
    env.timers.every(this.options.snapshotEveryMs, "storage/dp-snapshot", () => this.cadence("snapshot"), { background: true });
    const firstWindow = this.options.backupWindowMs % DAY;
    env.timers.after(
      firstWindow,
      "storage/backup-window",
      () => {
        this.backupWindow();
        env.timers.every(DAY, "storage/backup-window", () => this.backupWindow(), { background: true });
      },
      { background: true },
    );
  }

  private now(): number {
    return this.env.clock.nowMs();
  }

  /** One control-plane backup per available database and window (the key makes it one). */
  private backupWindow(): void {
    const day = Math.floor(this.now() / DAY);
    for (const inst of this.admin.instances.values())
      if (inst.state === "AVAILABLE")
        this.admin.enqueue({ action: "backup", name: inst.name, params: {}, notBeforeMs: 0, key: `backup:${inst.name}:day-${day}` });
  }

  /** Fault: the admin tier stops working for `forMs` right after a workflow verifies task `name`. */
  hangAfter(name: string, forMs: number): void {
    this.engine.hangAfter(name, forMs);
  }

  // --- the web-service API: each call writes a job ---

  createDatabase(name: string): Job {
    return this.admin.enqueue({ action: "create", name, params: {}, notBeforeMs: 0, key: `create:${name}` });
  }
  /**
   * Repartition: one clone per name, all of `source` at `atMs`, clone k keeping only the blocks whose index
   * mod the number of names is k — together they hold the source, none overlapping.
   */
  repartitionDatabase(source: string, names: readonly string[], atMs: number): Job[] {
    const group = this.admin.nextId(`repartition:${source}`);
    return names.map((name, index) =>
      this.admin.enqueue({
        action: "clone",
        name,
        params: { source, atMs, group, partition: index, of: names.length },
        notBeforeMs: 0,
        key: `clone:${name}`,
      }),
    );
  }
  /** A customer snapshot (control-plane tier), kept until deleted. */
  snapshotDatabase(name: string): Job {
    return this.admin.enqueue({ action: "snapshot", name, params: {}, notBeforeMs: 0, key: this.admin.nextId(`snapshot:${name}`) });
  }
  /** Deletes the database: its volume is released and its name unbound; clones and snapshots stay. */
  deleteDatabase(name: string): Job {
    return this.admin.enqueue({ action: "delete", name, params: {}, notBeforeMs: 0, key: `delete:${name}` });
  }
  /** The customer's event log for a database, oldest first. */
  events(name: string): readonly CustomerEvent[] {
    return this.admin.events.filter((e) => e.name === name);
  }
  /** The database's log backups (the bucket listing), oldest first. */
  listLogBackups(name: string): readonly LogSegment[] {
    const inst = this.admin.instances.get(name);
    return inst ? this.data.logs.list(inst.volumeId) : [];
  }
  cloneDatabase(source: string, name: string, atMs: number): Job {
    return this.admin.enqueue({ action: "clone", name, params: { source, atMs }, notBeforeMs: 0, key: `clone:${name}` });
  }
  hibernateDatabase(name: string): Job {
    return this.admin.enqueue({ action: "hibernate", name, params: {}, notBeforeMs: 0, key: this.admin.nextId(`hibernate:${name}`) });
  }
  /** Resumes now, or not before `notBeforeMs` (a scheduled resume). */
  resumeDatabase(name: string, notBeforeMs = 0): Job {
    return this.admin.enqueue({ action: "resume", name, params: {}, notBeforeMs, key: this.admin.nextId(`resume:${name}`) });
  }
  /** Recovers to a point (corruption: before its onset), or to the latest log (a hardware fault). */
  recoverDatabase(name: string, atMs?: number, key = this.admin.nextId(`recover:${name}`)): Job {
    return this.admin.enqueue({ action: "recover", name, params: atMs === undefined ? {} : { atMs }, notBeforeMs: 0, key });
  }
  describe(name: string): DatabaseInstanceRecord | undefined {
    return this.admin.instances.get(name);
  }

  // --- the customer's data path (data plane) ---

  /** A client write to the database's block `index`; false when connections are refused. */
  write(name: string, index: number, bytes: Uint8Array): boolean {
    const inst = this.serving(name);
    const volume = inst ? this.data.volume(inst.volumeId) : undefined;
    if (!inst || !volume) return false;
    const atMs = this.now();
    this.env.sometimes("storage: a write copied a block its volume shared with a snapshot (copy-on-write)", volume.shares(index));
    volume.write(index, bytes, atMs);
    for (const l of this.onWrite) l(inst.volumeId, index, bytes, atMs);
    const ack = () => {
      for (const l of this.onAck) l(inst.volumeId, index, bytes, atMs);
    };
    if (this.durability && inst.hostId) this.durability.append(inst.hostId, inst.volumeId, index, bytes, atMs, ack);
    else ack();
    return true;
  }

  read(name: string, index: number): Uint8Array | undefined | "refused" {
    const inst = this.serving(name);
    if (!inst) return "refused";
    return this.data.volume(inst.volumeId)?.read(index);
  }

  private serving(name: string): DatabaseInstanceRecord | undefined {
    const inst = this.admin.instances.get(name);
    if (!inst || (inst.state !== "AVAILABLE" && inst.state !== "BACKING_UP")) return undefined;
    // Data I/O is suspended while a backup holds the tables: the one time the source refuses.
    if (this.data.suspended.has(inst.volumeId)) return undefined;
    const host = this.hosts.find((h) => h.id === inst.hostId);
    return host && !host.silent ? inst : undefined;
  }

  // --- sweeper, monitor, cadence ---

  /**
   * Starts due jobs, one workflow per instance at a time (as RDS refuses a second action on an
   * instance that is not available): a hibernate that released compute while a backup of the same
   * instance ran would otherwise be undone by the backup's last step, leaving an "available"
   * instance with no host. The storage swarm found that race once `storage/hibernation-keeps-name` had a checker.
   */
  private sweep(): void {
    const busy = new Set(this.admin.jobs.filter((j) => j.state === "RUNNING").map((j) => j.name));
    for (const job of this.admin.jobs)
      if (job.state === "QUEUED" && job.notBeforeMs <= this.now() && !busy.has(job.name)) {
        busy.add(job.name);
        job.state = "RUNNING";
        job.startedAtMs = this.now();
        this.engine.start(job, this.template(job), () => {
          job.state = "DONE";
        });
      }
  }

  private poll(): void {
    for (const host of this.hosts) {
      if (this.declared.some((d) => d.hostId === host.id)) continue;
      const reply = host.handle({ kind: "status" }, this.now());
      const misses = reply ? 0 : (this.misses.get(host.id) ?? 0) + 1;
      this.misses.set(host.id, misses);
      if (misses < this.options.missesToFail) continue;
      this.declared.push({ hostId: host.id, misses, atMs: this.now() });
      for (const inst of this.admin.instances.values())
        if (inst.hostId === host.id && inst.state === "AVAILABLE") {
          inst.state = "FAILED";
          this.bill(inst);
          this.data.loseCachedLogs([inst.volumeId]);
          this.admin.event(
            this.now(),
            inst.name,
            "error",
            `host ${host.id} stopped answering (${misses} polls); recovering from the latest persisted log`,
          );
          this.recoverDatabase(inst.name, undefined, `recover:${inst.name}:${host.id}:incident-${this.declared.length}`);
        }
    }
  }

  private cadence(what: "logs" | "snapshot"): void {
    for (const inst of this.admin.instances.values()) {
      if (inst.state !== "AVAILABLE") continue;
      const host = this.hosts.find((h) => h.id === inst.hostId);
      const reply = host?.handle(
        what === "logs"
          ? { kind: "persist-logs", volumeId: inst.volumeId }
          : { kind: "snapshot", volumeId: inst.volumeId, tier: "data-plane" },
        this.now(),
      );
      if (what === "logs")
        this.env.sometimes(
          "storage: a log backup found a saved backup damaged or missing and copied it again",
          reply?.ok === true && Number(reply.detail?.repaired) > 0,
        );
      if (what === "logs")
        this.env.sometimes(
          "storage: a log backup copy failed verification and was discarded",
          reply?.ok === false && reply.error.includes("did not verify"),
        );
    }
  }

  /** Compute time of an instance up to now (compute is billed only while it runs). */
  bill(inst: DatabaseInstanceRecord): void {
    const running = inst.state === "AVAILABLE" || inst.state === "BACKING_UP" || inst.state === "FAILED";
    if (running) inst.computeMs += this.now() - inst.lastBilledAtMs;
    inst.lastBilledAtMs = this.now();
  }

  private pickHost(avoid?: string): HostManager | undefined {
    for (let k = 0; k < this.hosts.length; k++) {
      const h = this.hosts[(this.hostTurn + k) % this.hosts.length] as HostManager;
      if (h.id === avoid || h.silent || this.declared.some((d) => d.hostId === h.id)) continue;
      this.hostTurn = (this.hostTurn + k + 1) % this.hosts.length;
      return h;
    }
    return undefined;
  }

  // --- workflow templates ---

  private template(job: Job): TaskSpec[] {
    const name = job.name;
    const ok = (r: DataPlaneReply) => (r.ok ? undefined : r.error);
    const state = this.admin.instances.get(name)?.state;
    // Hibernation and backups act on a running instance; by the time such a job starts the
    // instance may be hibernated or recovering (the job waited its turn), and then there is
    // nothing to act on: say so rather than compensate it into an "available" state without a host.
    if ((job.action === "hibernate" || job.action === "backup" || job.action === "snapshot") && state !== "AVAILABLE")
      return [
        {
          name: "refused",
          local: () =>
            this.admin.event(this.now(), name, "error", `${job.action} refused: the instance is ${state ?? "gone"}, not AVAILABLE`),
        },
      ];
    switch (job.action) {
      case "create": {
        const volumeId = this.admin.nextId(`vol-${name}`);
        const instanceId = this.admin.nextId(`db-${name}`);
        const host = this.pickHost();
        return [
          {
            name: "provision",
            local: () => {
              this.admin.instances.set(name, this.newInstance(name, instanceId, host, volumeId));
            },
            compensate: () => this.admin.instances.delete(name),
          },
          {
            name: "create-volume",
            host: () => host,
            task: () => ({ kind: "create-volume", volumeId }),
            test: ok,
            compensate: () => host?.handle({ kind: "release-volume", volumeId }, this.now()),
          },
          { name: "bind-dns", local: () => this.dns.set(name, instanceId), compensate: () => this.dns.delete(name) },
          { name: "available", local: () => this.setState(name, "AVAILABLE") },
        ];
      }
      case "clone":
      case "recover":
      case "resume":
        return this.restoreTemplate(job);
      case "backup":
        return this.backupTemplate(job);
      case "snapshot": {
        const inst = this.admin.instances.get(name);
        const host = this.hosts.find((h) => h.id === inst?.hostId);
        return [
          {
            name: "snapshot",
            host: () => host,
            task: () => ({ kind: "snapshot", volumeId: inst?.volumeId ?? "", tier: "control-plane" }),
            test: (r) => (r.ok && typeof r.detail?.snapshotId === "string" ? undefined : "no snapshot id came back"),
            onOk: (r) => this.admin.event(this.now(), name, "info", `snapshot ${String(r.ok ? r.detail?.snapshotId : "")} stored`),
          },
        ];
      }
      case "delete": {
        const inst = this.admin.instances.get(name);
        // The volume lives in the shared data plane: its own host releases it, or, when that host is
        // gone (hibernated, silent), any answering one.
        const host = () => {
          const own = this.hosts.find((h) => h.id === inst?.hostId);
          return own && !own.silent ? own : this.hosts.find((h) => !h.silent);
        };
        const before = inst?.state ?? "AVAILABLE";
        return [
          // Out of service first: a name must never point nowhere while the database says available.
          { name: "deleting", local: () => this.setState(name, "DELETING"), compensate: () => this.setState(name, before) },
          { name: "release-volume", host, task: () => ({ kind: "release-volume", volumeId: inst?.volumeId ?? "" }), test: ok },
          { name: "unbind-dns", local: () => this.dns.delete(name) },
          {
            name: "deleted",
            local: () => {
              this.setState(name, "DELETED");
              const i = this.admin.instances.get(name);
              if (i) i.hostId = undefined;
              this.admin.event(this.now(), name, "info", "deleted: volume released, name unbound; snapshots and clones kept");
            },
          },
        ];
      }
      case "hibernate": {
        const inst = this.admin.instances.get(name);
        const host = this.hosts.find((h) => h.id === inst?.hostId);
        return [
          { name: "hibernating", local: () => this.setState(name, "HIBERNATING"), compensate: () => this.setState(name, "AVAILABLE") },
          { name: "persist-logs", host: () => host, task: () => ({ kind: "persist-logs", volumeId: inst?.volumeId ?? "" }), test: ok },
          {
            name: "snapshot",
            host: () => host,
            task: () => ({ kind: "snapshot", volumeId: inst?.volumeId ?? "", tier: "control-plane" }),
            test: ok,
            onOk: () => this.hibernatedAt.set(name, this.now()),
          },
          {
            name: "release-compute",
            local: () => {
              const i = this.admin.instances.get(name);
              if (!i) return;
              this.bill(i);
              i.hostId = undefined;
              i.state = "HIBERNATED";
              this.admin.event(this.now(), name, "info", "hibernated: snapshot stored, compute released, the name kept");
            },
          },
        ];
      }
    }
  }

  /** Clone, recover and resume: provision → restore the snapshot and logs (tested) → bind DNS → available. */
  private restoreTemplate(job: Job): TaskSpec[] {
    const name = job.name;
    const sourceName = job.action === "clone" ? String(job.params.source) : name;
    const source = this.admin.instances.get(sourceName);
    const sourceVolume = source?.volumeId ?? "";
    const sourceHost = this.hosts.find((h) => h.id === source?.hostId);
    const atMs =
      job.action === "resume"
        ? (this.hibernatedAt.get(name) ?? this.now())
        : typeof job.params.atMs === "number"
          ? job.params.atMs
          : this.now();
    const useCachedLogs = job.action === "clone" && sourceHost !== undefined && !sourceHost.silent;
    const volumeId = this.admin.nextId(`vol-${name}`);
    const instanceId = this.admin.nextId(`db-${name}`);
    const host = this.pickHost(job.action === "recover" ? source?.hostId : undefined);
    const previous = this.admin.instances.get(name);
    const before = previous ? { ...previous } : undefined;
    return [
      {
        name: "provision",
        local: () => {
          if (job.action === "clone") {
            this.admin.instances.set(name, this.newInstance(name, instanceId, host, volumeId));
          } else if (previous) {
            this.bill(previous);
            previous.state = job.action === "resume" ? "RESUMING" : "RECOVERING";
          }
        },
        compensate: () => {
          if (job.action === "clone") this.admin.instances.delete(name);
          else if (previous && before) {
            previous.state = before.state;
            previous.lastBilledAtMs = this.now();
          }
        },
      },
      {
        name: "restore-snapshot-and-logs",
        host: () => host,
        task: () => ({
          kind: "restore",
          volumeId,
          sourceVolumeId: sourceVolume,
          atMs,
          useCachedLogs,
          clonesOfSource: this.clonesOf.get(sourceVolume) ?? 0,
          ...(typeof job.params.of === "number"
            ? { partition: { group: String(job.params.group), index: Number(job.params.partition), of: job.params.of } }
            : {}),
        }),
        // Log replay only after the snapshot restore; the sequence must run without a gap.
        test: (r) => (!r.ok ? r.error : Number(r.detail?.toSeq) < Number(r.detail?.fromSeq) - 1 ? "log replay out of order" : undefined),
        onOk: (r) => {
          if (job.action === "clone" && r.ok && r.detail?.copy === "copy-on-write")
            this.clonesOf.set(sourceVolume, (this.clonesOf.get(sourceVolume) ?? 0) + 1);
          const detail = r.ok ? r.detail : undefined;
          this.env.sometimes("storage: a restore replayed several archived log backups", Number(detail?.archivedSegments) >= 2);
          this.env.sometimes("storage: a restore stopped at a damaged or missing log backup", detail?.gap !== undefined);
          // The customer asked for a point the archive cannot prove: say where it stopped and why.
          if (detail?.gap !== undefined)
            this.admin.event(
              this.now(),
              name,
              "error",
              `the log backup holding seq ${String(detail.gapFromSeq)} of ${sourceName} is ${String(detail.gap)}: restored to ${String(detail.effectiveMs)} ms, not ${atMs} ms`,
            );
        },
        compensate: () => host?.handle({ kind: "release-volume", volumeId }, this.now()),
      },
      {
        name: "bind-dns",
        local: () => {
          const inst = this.admin.instances.get(name);
          if (!inst) return;
          if (job.action !== "clone") {
            inst.instanceId = instanceId;
            inst.volumeId = volumeId;
            inst.hostId = host?.id;
            inst.lastBilledAtMs = this.now();
          }
          this.dns.set(name, instanceId);
        },
        compensate: () => {
          if (job.action === "clone") this.dns.delete(name);
          else if (before) this.dns.set(name, before.instanceId);
        },
      },
      {
        name: "available",
        local: () => {
          this.setState(name, "AVAILABLE");
          this.completedRestores.push({ volumeId, action: job.action, name });
          const verb = job.action === "clone" ? `cloned from ${sourceName}` : job.action === "resume" ? "resumed" : "recovered";
          this.admin.event(this.now(), name, "info", `${verb}: instance ${instanceId}, point ${atMs} ms`);
        },
      },
    ];
  }

  /** The daily backup, in its exact order: suspend → snapshot, verify, row → resume → completion event. */
  private backupTemplate(job: Job): TaskSpec[] {
    const name = job.name;
    const inst = this.admin.instances.get(name);
    const host = this.hosts.find((h) => h.id === inst?.hostId);
    const volumeId = inst?.volumeId ?? "";
    let row: BackupRow | undefined;
    return [
      { name: "backing-up", local: () => this.setState(name, "BACKING_UP"), compensate: () => this.setState(name, "AVAILABLE") },
      {
        name: "suspend",
        host: () => host,
        task: () => ({ kind: "suspend-for-backup", volumeId }),
        test: (r) => (r.ok && r.detail?.suspended === true ? undefined : "the database did not report suspended"),
        compensate: () => host?.handle({ kind: "resume-from-backup", volumeId }, this.now()),
      },
      {
        name: "snapshot-and-verify",
        host: () => host,
        task: () => ({ kind: "snapshot", volumeId, tier: "control-plane" }),
        // A snapshot taken after the host's timer resumed the database is not the suspended backup the order asks for.
        test: (r) =>
          !r.ok || typeof r.detail?.snapshotId !== "string"
            ? "no snapshot id came back"
            : r.detail.suspended !== true
              ? "the database is no longer suspended (its resume timer fired): the backup is void"
              : undefined,
        onOk: (r) => {
          row = { name, volumeId, snapshotId: String(r.ok ? r.detail?.snapshotId : ""), verified: true };
          this.admin.backups.push(row);
        },
      },
      {
        name: "resume",
        host: () => host,
        task: () => ({ kind: "resume-from-backup", volumeId }),
        test: (r) => (r.ok ? undefined : r.error),
        onOk: () => {
          if (row) row.resumedAtMs = this.now();
        },
      },
      {
        name: "complete",
        local: () => {
          if (row) row.completedAtMs = this.now();
          this.setState(name, "AVAILABLE");
          this.admin.event(this.now(), name, "info", "backup complete, available");
        },
      },
    ];
  }

  /** The record of an instance being provisioned (create, clone). */
  private newInstance(name: string, instanceId: string, host: HostManager | undefined, volumeId: string): DatabaseInstanceRecord {
    return { name, instanceId, state: "CREATING", hostId: host?.id, volumeId, port: 5432, computeMs: 0, lastBilledAtMs: this.now() };
  }

  private setState(name: string, state: DatabaseInstanceRecord["state"]): void {
    const inst = this.admin.instances.get(name);
    if (!inst) return;
    this.bill(inst);
    inst.state = state;
  }
}

/**
 * The client workload and the request path. Each tick, clients in the pair's zones send
 * reads and writes to the endpoint; the cluster they reach must be coordinating (a supporting
 * endpoint is never enabled, failover-pair/one-outcome-per-request). Its workload manager runs the plan locally or ships it, stamped
 * with (epoch, version), to the supporting cluster — by queue pressure, ties broken by the seeded
 * stream. Each plan runs on its executor's own copy of the log (the supporting cluster's copy
 * follows the coordinator's commit stream in batches), and its answer is what that copy holds: the
 * version it had reached and the write at that version. Results return through the coordinator,
 * which must pass the storage fence to answer: writes commit through its sequencer and are
 * acknowledged only once durable; reads are fenced too, so a deposed coordinator never returns a
 * result. The coordinator takes a remote result only from the supporting cluster of the plan's
 * epoch, reachable, whose copy had reached the plan's version (the orphan check); a remote plan not
 * back within the retry threshold is rerun locally (counted once). A client that hears nothing
 * within its timeout sees a retryable error and retries the write with the same write id; retries
 * take at most every other request slot, so clients with fresh work are never starved by them.
 */
import { drawMs } from "../cloud/timing-profile";
import type { Env, Random, Trace } from "../sim/ports";
import { type Ratio, ratio } from "../sim/ratio";
import type { ProcessingCluster } from "./cluster";
import type { ControlPlane } from "./control-plane";
import type { Completion, History, Invoke } from "./history";
import { NO_MUTANTS, type PairMutants } from "./mutants";
import { type PairWorld, reaches } from "./world";

const HALF = ratio(1, 2);

export interface Client {
  readonly name: string;
  readonly zone: string;
}

export interface WorkloadOptions {
  /** Clients, each in a zone (a zone without power sends nothing). */
  readonly clients: readonly Client[];
  /**
   * Requests sent per tick, over all clients.
   * @default 2
   */
  readonly requestsPerTick?: number;
  /**
   * Share of writes among new requests.
   * @default 1/2
   */
  readonly writeShare?: Ratio;
  /**
   * Chance a plan runs remotely when both queues are equally loaded.
   * @default 1/2
   */
  readonly remoteShare?: Ratio;
  /**
   * Stop sending after this many requests (retries included).
   * @default - no limit
   */
  readonly requestsMax?: number;
  /**
   * Writes waiting for a retry, at most (older ones are given up).
   * @default 10000
   */
  readonly retriesMax?: number;
}

interface InFlight {
  readonly invoke: Invoke;
  readonly via: ProcessingCluster;
  readonly viaRole: string;
  executor: ProcessingCluster;
  remote: boolean;
  readonly epoch: number;
  readonly planVersion: number;
  readonly sentAtMs: number;
  doneAtMs: number;
  readonly deadlineMs: number;
}

export interface WorkloadCounts {
  invoked: number;
  ok: number;
  retryable: number;
  remote: number;
  local: number;
  rerunLocally: number;
  orphaned: number;
  /** Requests sent while the pair was PAIRED, and how many of those ran remotely (failover-pair/standby-shares-load). */
  pairedInvoked: number;
  pairedRemote: number;
}

export class Workload {
  readonly counts: WorkloadCounts = {
    invoked: 0,
    ok: 0,
    retryable: 0,
    remote: 0,
    local: 0,
    rerunLocally: 0,
    orphaned: 0,
    pairedInvoked: 0,
    pairedRemote: 0,
  };
  private readonly inflight: InFlight[] = [];
  private retries: { writeId: string; client: Client; dueAtMs: number }[] = [];
  private deferred: { writeId: string; by: ProcessingCluster; epoch: number }[] = [];
  private readonly dnsCache = new Map<string, { target: string; expiresAtMs: number }>();
  private readonly random: Random;
  private readonly trace: Trace;
  private readonly mutants: PairMutants;
  private nextWrite = 1;
  private lastSummaryMs = 0;
  /** When the supporting cluster last applied a batch of the commit stream. */
  private lastBatchMs = 0;
  /** The storage's latest sequence when the previous tick ended: what a new plan is stamped with. */
  private committedBeforeTick = 0;
  /** Request slots handed out so far: even ones may carry a retry, odd ones carry fresh work. */
  private slots = 0;

  constructor(
    private readonly env: Env,
    private readonly cp: ControlPlane,
    private readonly world: PairWorld,
    readonly history: History,
    private readonly options: WorkloadOptions,
    mutants: PairMutants = NO_MUTANTS,
  ) {
    this.random = env.random.fork(`database/${cp.options.shortName}/workload`);
    this.trace = env.trace.scoped(`db/${cp.options.shortName}`);
    this.mutants = mutants;
  }

  /** Starts the tick timer. */
  start(): void {
    this.env.timers.every(this.cp.options.timing.tickMs, "db-tick", () => this.tick(), { background: true });
  }

  /** Requests sent and not yet answered. */
  get pending(): number {
    return this.inflight.length;
  }

  /** One step of every client and leader. */
  tick(): void {
    const now = this.env.clock.nowMs();
    const storage = this.cp.storage;
    this.replicate(now);
    // The ack-before-commit mutant commits a tick after it acknowledged.
    if (this.deferred.length > 0) for (const d of this.deferred.splice(0)) if (d.by.up) storage.commit(d.epoch, d.writeId, d.by.name, now);
    // Compacts the requests still waiting in place: one tick runs thousands of times a run.
    const inflight = this.inflight;
    let kept = 0;
    for (let i = 0; i < inflight.length; i++) {
      const r = inflight[i] as InFlight;
      if (!this.advance(r, now)) inflight[kept++] = r;
    }
    inflight.length = kept;
    this.send(now);
    this.committedBeforeTick = storage.latest;
    if (now - this.lastSummaryMs >= this.cp.options.timing.summaryEveryMs) {
      this.lastSummaryMs = now;
      const k = this.counts;
      this.trace.record(
        "workload",
        `state=${this.cp.state} invoked=${k.invoked} ok=${k.ok} retryable=${k.retryable} remote=${k.remote} rerun=${k.rerunLocally} commits=${storage.latest} fenced=${storage.fencedCount}`,
      );
    }
  }

  /**
   * Each cluster's own copy of the log moves on: a coordinating cluster reads the log it writes; the
   * supporting cluster of the current epoch applies the coordinator's commit stream in batches, up
   * to the commits of the tick before, while the coordinator reaches it. Every other cluster's copy
   * stands still (a deposed or pooled cluster is fed nothing) until it is resynced.
   */
  private replicate(now: number): void {
    const storage = this.cp.storage;
    for (const c of this.cp.clusters)
      if (c.role === "coordinating" && c.up && c.status === "running" && this.world.zonePowered(c.zone)) c.catchUp(storage);
    if (now - this.lastBatchMs < this.cp.options.timing.replicationEveryMs) return;
    this.lastBatchMs = now;
    const s = this.cp.supporting;
    const co = this.cp.coordinator;
    if (s === undefined) return;
    const fed =
      s.role === "supporting" &&
      s.epoch === this.cp.epoch &&
      s.up &&
      s.status === "running" &&
      co.up &&
      reaches(this.world, co.zone, s.zone);
    if (this.env.sometimes("db: the commit stream to the supporting cluster cut off", !fed)) return;
    s.catchUp(storage, this.committedBeforeTick);
  }

  /** Moves a request on; true when it has its outcome. */
  private advance(r: InFlight, now: number): boolean {
    if (r.deadlineMs <= now) {
      this.fail(r, now, "timeout");
      return true;
    }
    if (r.doneAtMs > now) return false;
    const c = r.via;
    if (!c.up) return false; // the coordinator died with the request: the client times out
    if (c.engineRecoveredAtMs > r.sentAtMs) {
      // The engine restarted after the request reached it: the connection broke, the client retries.
      this.fail(r, now, "engine-restarted");
      return true;
    }
    if (r.remote) {
      const s = r.executor;
      const answerable = s.up && reaches(this.world, c.zone, s.zone);
      if (this.mutants.noOrphanCheck) {
        // The planted bug: whatever comes back is taken.
        if (!answerable) return false;
      } else {
        const orphan = !answerable || s.role !== "supporting" || s.epoch !== r.epoch;
        const behind = s.metadataVersion < r.planVersion;
        if (orphan || behind) {
          if (now - r.sentAtMs >= this.cp.options.timing.remoteRetryMs) {
            // Past the retry threshold: run it here instead, counted once.
            this.env.sometimes("db: remote plan rerun locally", true);
            // Orphaned: its executor was lost, deposed or cut off; else its copy was behind the plan.
            this.env.sometimes("db: an orphaned remote plan rerun on the coordinator", orphan);
            this.env.sometimes("db: a remote plan rerun on the coordinator, the supporting copy behind", !orphan);
            this.counts.rerunLocally++;
            s.leader.remoteQueued = Math.max(0, s.leader.remoteQueued - 1);
            r.remote = false;
            r.executor = c;
            c.leader.queued++;
            r.doneAtMs = now + drawMs(this.random, this.cp.options.timing.executeMs);
          }
          if (orphan && s.up && s.role === "supporting" && s.epoch !== r.epoch) this.counts.orphaned++;
          return false;
        }
      }
    }
    if (!this.world.zonePowered(c.zone)) return false;
    if (r.remote) r.executor.leader.remoteQueued = Math.max(0, r.executor.leader.remoteQueued - 1);
    else c.leader.queued = Math.max(0, c.leader.queued - 1);
    const storage = this.cp.storage;
    // The plan runs on its executor's own copy: that copy's version and the write at it are the answer.
    const ranAt = r.executor.metadataVersion;
    if (r.remote) this.env.sometimes("db: the supporting cluster answered from its own copy", ranAt > 0);
    if (r.invoke.kind === "write") {
      const writeId = r.invoke.writeId as string;
      if (this.mutants.ackBeforeCommit) {
        this.deferred.push({ writeId, by: c, epoch: c.epoch });
        this.ok(r, c, now, ranAt, storage.latest + this.deferred.length);
        return true;
      }
      const out = storage.commit(c.epoch, writeId, c.name, now);
      if (!out.ok) {
        this.env.sometimes("db: commit fenced", true);
        this.fail(r, now, "fenced");
        return true;
      }
      // The writer's own copy takes its commit at once.
      c.catchUp(storage);
      this.ok(r, c, now, ranAt, out.seq);
      return true;
    }
    const out = storage.read(c.epoch);
    if (!out.ok) {
      this.fail(r, now, "fenced");
      return true;
    }
    this.ok(r, c, now, ranAt, undefined);
    return true;
  }

  /**
   * Records a result answered through `c`: the version of the executor's copy the plan ran on and
   * the write it holds at that version, and for a write the acknowledged sequence.
   */
  private ok(r: InFlight, c: ProcessingCluster, now: number, version: number, seq: number | undefined): void {
    this.counts.ok++;
    if (r.remote) this.counts.remote++;
    else this.counts.local++;
    // One literal, every field in one order (a read's seq and a write's version undefined):
    // completions are the run's most numerous objects, and they share one hidden class this way.
    const completion: Completion = {
      id: r.invoke.id,
      outcome: "ok",
      atMs: now,
      via: c.name,
      viaRole: r.viaRole,
      executor: r.executor.name,
      remote: r.remote,
      epoch: r.epoch,
      executorEpoch: r.executor.epoch,
      planVersion: r.planVersion,
      seq,
      version,
      seenWrite: r.executor.appliedAt(version),
    };
    this.history.complete(completion);
  }

  private fail(r: InFlight, now: number, reason: string): void {
    this.history.complete({ id: r.invoke.id, outcome: "retryable", atMs: now, reason, via: r.via.name, viaRole: r.viaRole });
    this.counts.retryable++;
    if (r.invoke.kind === "write") this.retry(r.invoke.writeId as string, this.client(r.invoke.client), now);
  }

  private client(name: string): Client {
    return this.options.clients.find((c) => c.name === name) as Client;
  }

  private retry(writeId: string, client: Client, now: number): void {
    if (this.retries.length >= (this.options.retriesMax ?? 10_000)) this.retries.shift();
    this.retries.push({ writeId, client, dueAtMs: now + this.cp.options.timing.clientRetryMs });
  }

  private send(now: number): void {
    const perTick = this.options.requestsPerTick ?? 2;
    const clients = this.poweredClients();
    if (clients.length === 0) return;
    const database = this.cp.storage.database;
    for (let i = 0; i < perTick; i++) {
      if (this.options.requestsMax !== undefined && this.counts.invoked >= this.options.requestsMax) return;
      // Every other slot may carry a retry: writes that keep failing (their clients cut off) never
      // take the slots of clients with fresh work.
      const retrySlot = this.mutants.retriesFirst || this.slots++ % 2 === 0;
      if (!retrySlot) this.env.sometimes("db: fresh work sent while retries wait", this.retries.length > 0);
      const retry = retrySlot ? this.dueRetry(now) : undefined;
      const client = retry?.client ?? this.random.pick(clients);
      const write = retry !== undefined || this.random.chance(this.options.writeShare ?? HALF);
      // Write ids name the database, so a write can be traced to the clients that sent it.
      const writeId = retry?.writeId ?? (write ? `${this.cp.options.shortName}/${client.name}-w${this.nextWrite++}` : undefined);
      const invoke = this.history.invoke({ database, client: client.name, kind: write ? "write" : "read", writeId, atMs: now });
      this.counts.invoked++;
      const paired = this.cp.state === "PAIRED" || this.cp.state === "SYNCING";
      if (paired) this.counts.pairedInvoked++;
      this.route(invoke, client, now, paired);
    }
  }

  /** Clients whose zone has power, in the order given; the same array while that set is unchanged. */
  private poweredClients(): readonly Client[] {
    const all = this.options.clients;
    let mask = 0;
    for (let i = 0; i < all.length; i++) if (this.world.zonePowered((all[i] as Client).zone)) mask += 2 ** i;
    if (mask !== this.poweredMask || this.powered === undefined) {
      this.poweredMask = mask;
      this.powered = all.filter((_, i) => Math.floor(mask / 2 ** i) % 2 === 1);
    }
    return this.powered;
  }
  private poweredMask = 0;
  private powered: readonly Client[] | undefined;

  /** The first write waiting for a retry that is due and whose client's zone has power (taken off the list). */
  private dueRetry(now: number): { writeId: string; client: Client; dueAtMs: number } | undefined {
    const retries = this.retries;
    for (let i = 0; i < retries.length; i++) {
      const x = retries[i] as { writeId: string; client: Client; dueAtMs: number };
      if (x.dueAtMs <= now && this.world.zonePowered(x.client.zone)) return retries.splice(i, 1)[0];
    }
    return undefined;
  }

  private refuse(invoke: Invoke, client: Client, now: number, reason: string, c: ProcessingCluster | undefined): void {
    this.history.complete(
      c
        ? { id: invoke.id, outcome: "retryable", atMs: now, reason, via: c.name, viaRole: c.role }
        : { id: invoke.id, outcome: "retryable", atMs: now, reason },
    );
    this.counts.retryable++;
    if (invoke.kind === "write") this.retry(invoke.writeId as string, client, now);
  }

  private route(invoke: Invoke, client: Client, now: number, paired: boolean): void {
    const target = this.resolve(client, now);
    const c = target === undefined ? undefined : this.cp.cluster(target);
    if (!c?.up || !reaches(this.world, client.zone, c.zone)) {
      this.refuse(invoke, client, now, "no-route", c);
      return;
    }
    if (c.role !== "coordinating" || !c.endpointEnabled || !c.engineEnabled) {
      this.refuse(invoke, client, now, "not-coordinator", c);
      return;
    }
    if (c.recovering(now)) {
      this.refuse(invoke, client, now, "engine-recovering", c);
      return;
    }
    // The workload manager: ship the plan when the supporting cluster is less loaded, or by a draw on a tie.
    const s = c.leader.sharing && this.cp.coordinator === c ? this.cp.supporting : undefined;
    const canShip = s?.up === true && s.engineEnabled && s.status === "running" && reaches(this.world, c.zone, s.zone);
    const remote =
      canShip &&
      s !== undefined &&
      (c.leader.queued > s.leader.remoteQueued ||
        (c.leader.queued === s.leader.remoteQueued && this.random.chance(this.options.remoteShare ?? HALF)));
    const executor = remote && s ? s : c;
    if (remote && s) {
      s.leader.remoteQueued++;
      if (paired) this.counts.pairedRemote++;
    } else c.leader.queued++;
    const t = this.cp.options.timing;
    this.inflight.push({
      invoke,
      via: c,
      viaRole: c.role,
      executor,
      remote,
      epoch: c.epoch,
      // What clients had acknowledged before this tick: the version the executor's copy must have reached.
      planVersion: this.committedBeforeTick,
      sentAtMs: now,
      doneAtMs: now + drawMs(this.random, t.executeMs),
      deadlineMs: now + t.clientTimeoutMs,
    });
  }

  /** Where the client's request goes: its zone's proxy node, or its cached DNS answer. */
  private resolve(client: Client, now: number): string | undefined {
    const ep = this.cp.endpoint;
    if (ep.mode === "proxy") return ep.routeFrom(client.zone);
    const cached = this.dnsCache.get(client.name);
    if (cached && cached.expiresAtMs > now) return cached.target;
    const fresh = { target: ep.record, expiresAtMs: now + ep.ttlMs };
    this.dnsCache.set(client.name, fresh);
    return fresh.target;
  }
}

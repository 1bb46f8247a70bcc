/**
 * The control plane of one coordinating/supporting pair (why it works this way:
 * ../../docs/design/0001-failover-pair.md):
 *
 *     SINGLE → PAIRED ⇄ SYNCING → DETECTING → PROMOTING → SOLO → REPAIRING → PAIRED
 *
 * - enable: provision the supporting cluster in another zone *before* pairing, or fail and
 *   leave nothing behind.
 * - detection: K missed probes in a row declare the coordinator failed; its zone is impaired.
 * - promotion: fence (epoch + 1 in storage) → transform (the supporting cluster's own
 *   endpoint and engine enabled, desired config applied) → switch (proxy repointed, or the DNS
 *   record changed). Zero provisioning calls: the capacity was there in advance.
 * - repair: T_restore after detection, the old cluster if it is back (resynced, made
 *   supporting; no fail-back), else a pooled cluster or a new one in a third zone; a failed
 *   cluster that returns after that goes to `onRecoveredZone`.
 * - supporting lost: no promotion; the coordinator serves alone and the pair is rebuilt.
 * - config: the desired config belongs to the pair; the coordinator takes a change at
 *   once, the supporting cluster within T_sync; a promotion or a new member applies it too, so a
 *   change converges across a failover. An old key is disabled only when no cluster uses it.
 */
import { drawMs } from "../cloud/timing-profile";
import type { Env, Random, TimerHandle, Trace } from "../sim/ports";
import { type ClusterConfig, type ClusterRole, formatConfig, ProcessingCluster, sameConfig } from "./cluster";
import type { PairEndpoint } from "./endpoint";
import { NO_MUTANTS, type PairMutants } from "./mutants";
import type { PairTiming } from "./pair-timing";
import type { AuthoritativeStorage } from "./storage";
import type { PairWorld } from "./world";

export type PairState = "SINGLE" | "PAIRED" | "SYNCING" | "DETECTING" | "PROMOTING" | "SOLO" | "REPAIRING";

/** What to do with the old coordinator's zone when it recovers after a third zone was paired. */
export type RecoveredZonePolicy = "keep-third" | "move-back";

/** One promotion, as the control plane saw it. */
export interface PairFailover {
  readonly fromCluster: string;
  readonly toCluster: string;
  readonly fromAz: string;
  readonly toAz: string;
  /** The last probe the old coordinator answered. */
  readonly lastSeenAtMs: number;
  readonly detectedAtMs: number;
  readonly epoch: number;
  /** `coordinator-lost`: detected by missed probes; `planned`: an operator (or the engine's API) moved the coordinator. */
  readonly cause: "coordinator-lost" | "planned";
  /** The pair was PAIRED (or SYNCING) when the coordinator was lost: a single-zone fault, bound by `failover-pair/writes-resume-and-re-pair`. */
  readonly fromPaired: boolean;
  /** The epoch after the fence. */
  epochAfter?: number;
  transformedAtMs?: number;
  /** The endpoint routes to the new coordinator. */
  switchedAtMs?: number;
  repairedWith?: { readonly az: string; readonly atMs: number; readonly cluster: string };
  /** When the pair found no cluster to promote (a double fault), if it did. */
  unavailableSince?: number;
  /** When a cluster in another zone stopped answering before the switch (a second fault): the liveness bound is for one. */
  secondFaultAtMs?: number;
  /** Provisioning calls made between detection and switch (0: the capacity is there in advance). */
  provisionCallsDuring?: number;
}

export interface RoleChange {
  readonly cluster: string;
  readonly from: ClusterRole;
  readonly to: ClusterRole;
  readonly epoch: number;
  readonly atMs: number;
}

export interface ControlPlaneOptions {
  /** The database's Terraform address (names the pair in traces and results). */
  readonly database: string;
  /** Short name used in actor names, e.g. `warehouse`. */
  readonly shortName: string;
  readonly timing: PairTiming;
  /** Zones the pair may place clusters in (the subnet group's). */
  readonly zones: readonly string[];
  /**
   * After a third zone was paired, the old zone recovers: keep the third-zone pair and release the
   * old cluster, or move the supporting role back to it.
   * @default "keep-third"
   */
  readonly onRecoveredZone?: RecoveredZonePolicy;
  /** Test-only planted bugs. @default - none */
  readonly mutants?: PairMutants;
  /**
   * Who owns the node type and count: `pair`, every member runs the pair's (Redshift Multi-AZ:
   * AWS runs both clusters alike); `member`, each existing member keeps its own (Aurora and
   * Multi-AZ DB clusters: a promoted replica keeps its instance class, so the pair's size after a
   * failover is the new writer's).
   * @default "pair"
   */
  readonly sizes?: "pair" | "member";
}

export class ControlPlane {
  state: PairState;
  epoch = 1;
  coordinator: ProcessingCluster;
  supporting: ProcessingCluster | undefined;
  /** Every cluster the pair ever had, in creation order. */
  readonly clusters: ProcessingCluster[] = [];
  desired: ClusterConfig;
  /** Zones the control plane considers impaired (it never places or promotes there). */
  readonly impaired = new Set<string>();
  readonly failovers: PairFailover[] = [];
  readonly roleChanges: RoleChange[] = [];
  /** Provisioning calls: (zone, time) of each. */
  readonly provisions: { readonly zone: string; readonly atMs: number; readonly cluster: string }[] = [];
  /** When the state last changed. */
  stateSinceMs = 0;
  /** Every state the pair entered, in order (the first entry is the initial state). */
  readonly states: { readonly state: PairState; readonly atMs: number }[] = [{ state: "SINGLE", atMs: 0 }];
  /** Keys replaced but not yet disabled, and keys disabled. */
  readonly keysPendingDisable = new Set<string>();
  readonly keysDisabled = new Set<string>();
  readonly options: ControlPlaneOptions;
  private readonly mutants: PairMutants;
  private readonly missed = new Map<string, number>();
  private readonly lastSeen = new Map<string, number>();
  private readonly random: Random;
  private readonly trace: Trace;
  private repairTimer: TimerHandle | undefined;
  private lost: ProcessingCluster | undefined;
  private probeTimer: TimerHandle | undefined;
  /** The writer the engine last reported (engines that promote by themselves). */
  private engineWriter: string | undefined;
  private pendingPromotion: { readonly target: string; readonly timer: TimerHandle; readonly complete: () => void } | undefined;

  constructor(
    private readonly env: Env,
    readonly storage: AuthoritativeStorage,
    readonly endpoint: PairEndpoint,
    private readonly world: PairWorld,
    options: ControlPlaneOptions,
    coordinator: ProcessingCluster,
  ) {
    this.options = options;
    this.mutants = options.mutants ?? NO_MUTANTS;
    this.random = env.random.fork(`database/${options.shortName}/control-plane`);
    this.trace = env.trace.scoped(`db/${options.shortName}`);
    this.coordinator = coordinator;
    this.desired = coordinator.config;
    this.clusters.push(coordinator);
    this.state = "SINGLE";
    coordinator.epoch = this.epoch;
    storage.raiseFence(this.epoch);
  }

  /** A cluster that already exists (read from the plan), placed in `zone` with `role`. */
  addExisting(name: string, zone: string, config: ClusterConfig, role: "supporting" | "pooled"): ProcessingCluster {
    const c = this.spawn(name, zone, config, role);
    c.catchUp(this.storage);
    if (role === "supporting") this.pair(c, false);
    return c;
  }

  /** Starts probing (call once the pair is set up). */
  start(): void {
    this.probeTimer ??= this.env.timers.every(this.options.timing.probeIntervalMs, "db-probe", () => this.probe(), { background: true });
  }

  /** A cluster of the pair by name. */
  cluster(name: string): ProcessingCluster | undefined {
    return this.clusters.find((c) => c.name === name);
  }

  /** The control plane reaches the cluster's leader. */
  reachable(c: ProcessingCluster): boolean {
    return c.up && this.world.zoneAvailable(c.zone);
  }

  /**
   * Enable: provisions a supporting cluster of the coordinator's shape in another zone with room,
   * then pairs. Returns false (and provisions nothing) when no other zone has capacity.
   */
  enable(): boolean {
    if (this.state !== "SINGLE") throw new Error(`enable: ${this.options.database} is ${this.state}, not SINGLE`);
    const zone = this.placementZone([this.coordinator.zone]);
    if (zone === undefined) {
      this.trace.record("enable-failed", `reason=no-capacity zones=${this.options.zones.join(",")}`);
      return false;
    }
    this.provision(zone, (c) => this.pair(c, true));
    return true;
  }

  /** The config `c` should run: the desired one, with `c`'s own node type and count when members own their size. */
  desiredFor(c: ProcessingCluster): ClusterConfig {
    return this.options.sizes === "member" ? { ...this.desired, nodeType: c.config.nodeType, nodeCount: c.config.nodeCount } : this.desired;
  }

  /** Changes the pair's desired config; the coordinator takes it now, the supporting within T_sync. */
  reconfigure(patch: Partial<ClusterConfig>): void {
    const before = this.desired;
    this.desired = { ...before, ...patch, network: [...(patch.network ?? before.network)].sort() };
    if (before.keyId !== this.desired.keyId) this.keysPendingDisable.add(before.keyId);
    this.trace.record("reconfigure", formatConfig(this.desired));
    if (this.reachable(this.coordinator)) this.coordinator.config = this.desired;
    this.syncSupporting();
  }

  // ---- probing and detection -------------------------------------------------------------

  private probe(): void {
    const now = this.env.clock.nowMs();
    this.endpoint.heal((z) => this.world.zoneAvailable(z));
    for (const c of this.clusters) {
      if (c.status === "released") continue;
      if (this.reachable(c)) {
        this.missed.set(c.name, 0);
        this.lastSeen.set(c.name, now);
        if (c.assigned === "failed" && (c.role === "coordinating" || c.endpointEnabled)) this.depose(c);
      } else {
        this.missed.set(c.name, (this.missed.get(c.name) ?? 0) + 1);
        const row = this.failovers.at(-1);
        const failingOver = this.state === "DETECTING" || this.state === "PROMOTING";
        if (
          row &&
          failingOver &&
          row.switchedAtMs === undefined &&
          c.zone !== row.fromAz &&
          c.assigned !== "failed" &&
          !row.secondFaultAtMs
        ) {
          this.env.sometimes("db: a second fault during a failover", true);
          row.secondFaultAtMs = now;
        }
      }
    }
    const k = this.mutants.promoteBeforeDetection ? 1 : this.options.timing.missedProbesMax;
    const healthy = this.state === "PAIRED" || this.state === "SYNCING" || this.state === "SOLO" || this.state === "REPAIRING";
    if (healthy && (this.missed.get(this.coordinator.name) ?? 0) >= k) this.coordinatorLost();
    else if (healthy && this.supporting && (this.missed.get(this.supporting.name) ?? 0) >= this.options.timing.missedProbesMax)
      this.supportingLost();
    else if (this.state === "DETECTING") this.promote();
    // A lost cluster is back before T_restore ran out: pair with it now, no need to wait.
    if (this.state === "SOLO" && this.repairTimer && this.recoveredCluster()) this.repair();
    if (this.state === "PAIRED" || this.state === "SOLO") this.recoveredAfterRepair();
    this.releaseUnusedKeys();
  }

  private coordinatorLost(): void {
    const old = this.coordinator;
    const fromPaired = this.state === "PAIRED" || this.state === "SYNCING";
    this.setState("DETECTING");
    this.impaired.add(old.zone);
    this.trace.record("detect", `coordinator=${old.name} az=${old.zone} missed=${this.missed.get(old.name)} epoch=${this.epoch}`);
    this.lost = old;
    this.openFailover(old, "coordinator-lost", this.lastSeen.get(old.name) ?? 0, fromPaired);
    if (!this.mutants.promoteBeforeDetection) this.assign(old, "failed");
    this.promote();
  }

  /** Starts the row of a failover away from `old` and stops a pending repair: the pair fails over now. */
  private openFailover(old: ProcessingCluster, cause: PairFailover["cause"], lastSeenAtMs: number, fromPaired: boolean): void {
    this.failovers.push({
      fromCluster: old.name,
      toCluster: "",
      fromAz: old.zone,
      toAz: "",
      lastSeenAtMs,
      detectedAtMs: this.env.clock.nowMs(),
      epoch: this.epoch,
      cause,
      fromPaired,
    });
    this.repairTimer?.cancel();
    this.repairTimer = undefined;
  }

  /**
   * A planned coordinator change to `targetName` (the engine's failover API, a drill). The
   * old coordinator is reachable, so it is deposed at once, fenced like any other, and paired
   * back as supporting right after the switch. Returns false when the move is not possible now.
   */
  plannedSwitchover(targetName: string): boolean {
    const healthy = this.state === "PAIRED" || this.state === "SYNCING" || this.state === "SOLO";
    const target = this.cluster(targetName);
    const old = this.coordinator;
    // Only to a cluster that may become coordinator (the role order): never back to a failed one (no fail-back).
    const eligible = target !== undefined && (target.assigned === "supporting" || target.assigned === "pooled");
    if (
      !healthy ||
      !target ||
      !eligible ||
      target === old ||
      target.status !== "running" ||
      !this.reachable(target) ||
      !this.reachable(old)
    )
      return false;
    const now = this.env.clock.nowMs();
    this.trace.record("switchover", `from=${old.name}(${old.zone}) to=${target.name}(${target.zone}) epoch=${this.epoch}`);
    const fromPaired = this.state === "PAIRED" || this.state === "SYNCING";
    this.setState("DETECTING");
    this.lost = old;
    this.openFailover(old, "planned", now, fromPaired);
    this.assign(old, "failed");
    this.depose(old);
    this.promote(target);
    return true;
  }

  /** The cluster to promote: the supporting one if reachable, else a pooled one in a healthy zone. */
  private promotionTarget(): ProcessingCluster | undefined {
    const ok = (c: ProcessingCluster) => c.status === "running" && this.reachable(c) && !this.impaired.has(c.zone);
    if (this.supporting && ok(this.supporting)) return this.supporting;
    const pooled = this.clusters.find((c) => c.assigned === "pooled" && ok(c));
    if (pooled) return pooled;
    // A double fault left no candidate: a failed cluster whose zone is back may serve again, the
    // latest coordinator first — resynced as supporting, so it still reaches coordinating through
    // the fence (the role order), never straight from failed.
    const back = this.clusters
      .filter((c) => c.assigned === "failed" && c.status === "running" && this.reachable(c))
      .sort((a, b) => b.epoch - a.epoch)[0];
    if (!back) return undefined;
    this.env.sometimes("db: promote a recovered cluster after a double fault", true);
    this.impaired.delete(back.zone);
    back.role = "supporting";
    back.endpointEnabled = false;
    back.engineEnabled = true;
    back.epoch = this.epoch;
    back.config = this.desiredFor(back);
    back.catchUp(this.storage);
    this.assign(back, "supporting");
    this.trace.record("resync", `cluster=${back.name} az=${back.zone} why=double-fault ${formatConfig(this.desired)}`);
    return back;
  }

  private promote(chosen?: ProcessingCluster): void {
    const target = chosen ?? this.promotionTarget();
    const row = this.failovers.at(-1) as PairFailover;
    if (!target) {
      // Said once per outage; the next probes try again quietly.
      if (this.env.sometimes("db: no promotion target (double fault)", !row.unavailableSince)) {
        row.unavailableSince = this.env.clock.nowMs();
        this.trace.record("unavailable", `reason=no-healthy-candidate epoch=${this.epoch}`);
      }
      return; // stays DETECTING; the next probe tries again
    }
    this.setState("PROMOTING");
    const old = this.coordinator;
    const provisionsBefore = this.provisions.length;
    const transform = () => {
      if (target.assigned === "pooled") this.assign(target, "supporting");
      target.role = "coordinating";
      target.epoch = this.epoch;
      target.endpointEnabled = true;
      target.engineEnabled = true;
      target.config = this.desiredFor(target);
      // The engine does not resize a promoted member: the pair now runs at the new coordinator's size.
      if (this.options.sizes === "member")
        this.desired = { ...this.desired, nodeType: target.config.nodeType, nodeCount: target.config.nodeCount };
      // The new writer reads the log to its end before it serves: its own copy is the state it answers from.
      target.catchUp(this.storage);
      target.leader.sharing = false;
      this.assign(target, "coordinating");
      this.coordinator = target;
      if (this.supporting === target) this.supporting = undefined;
      if (this.lost === target) this.lost = undefined;
      row.transformedAtMs = this.env.clock.nowMs();
      Object.assign(row, { toCluster: target.name, toAz: target.zone });
      this.trace.record("transform", `coordinator=${target.name} az=${target.zone} epoch=${this.epoch} from=${old.name}`);
    };
    const fence = () => {
      this.epoch++;
      if (!this.mutants.noFence) this.storage.raiseFence(this.epoch);
      row.epochAfter = this.epoch;
      this.trace.record("fence", `epoch=${this.epoch}${this.mutants.noFence ? " (not written: mutant)" : ""}`);
    };
    if (this.mutants.promoteBeforeDetection) transform();
    else fence();
    // An engine that promotes by itself (Aurora) may already run the target as its writer: the
    // transform then only has to follow it. Otherwise the engine's own promotion time applies.
    const promoteMs = drawMs(this.random, this.options.timing.promoteMs);
    const followsEngine = this.engineWriter === target.name;
    const complete = () => {
      this.pendingPromotion = undefined;
      if (this.mutants.promoteBeforeDetection) {
        this.assign(old, "failed");
        fence();
        target.epoch = this.epoch;
      } else transform();
      // A proxy repoints itself; a DNS endpoint waits for its record to be updated (clients then wait out the TTL too).
      const switchMs = drawMs(
        this.random,
        this.endpoint.mode === "proxy" ? this.options.timing.proxySwitchMs : this.options.timing.dnsUpdateMs,
      );
      this.env.timers.after(switchMs, "db-switch", () => {
        if (!this.mutants.proxyLeftOnOld) this.endpoint.switchTo(target.name, (z) => this.world.zoneAvailable(z));
        row.switchedAtMs = this.env.clock.nowMs();
        row.provisionCallsDuring = this.provisions.length - provisionsBefore;
        this.trace.record(
          "switch",
          `${this.endpoint.mode}=${this.mutants.proxyLeftOnOld ? row.fromCluster : target.name} epoch=${this.epoch}`,
        );
        this.setState("SOLO");
        // A planned move re-pairs with the old coordinator at once; a lost one is given T_restore.
        this.scheduleRepair(row.cause === "planned" ? 0 : this.options.timing.restoreMs);
      });
    };
    if (followsEngine) {
      this.env.sometimes("db: the engine promoted before detection", true);
      complete();
      return;
    }
    this.pendingPromotion = { target: target.name, timer: this.env.timers.after(promoteMs, "db-transform", complete), complete };
  }

  /**
   * The engine reports `name` as its writer (Aurora promotes by AWS's rule on its own): a promotion
   * waiting for that cluster completes now, and a later one to it needs no waiting.
   */
  engineReportsWriter(name: string): void {
    this.engineWriter = name;
    const p = this.pendingPromotion;
    if (this.state === "PROMOTING" && p && p.target === name) {
      p.timer.cancel();
      p.complete();
    }
  }

  private supportingLost(): void {
    const s = this.supporting as ProcessingCluster;
    this.trace.record("supporting-lost", `cluster=${s.name} az=${s.zone} epoch=${this.epoch} (no promotion)`);
    this.impaired.add(s.zone);
    this.coordinator.leader.sharing = false;
    this.supporting = undefined;
    this.lost = s;
    this.assign(s, "failed");
    this.setState("SOLO");
    this.scheduleRepair(this.options.timing.restoreMs);
  }

  /** A failed cluster the control plane reaches again is told it is deposed (its commits were fenced meanwhile). */
  private depose(c: ProcessingCluster): void {
    c.role = "failed";
    c.endpointEnabled = false;
    c.engineEnabled = false;
    c.leader.sharing = false;
    this.trace.record("deposed", `cluster=${c.name} az=${c.zone} its-epoch=${c.epoch} epoch=${this.epoch}`);
  }

  // ---- repair ----------------------------------------------------------------------------

  private scheduleRepair(afterMs: number): void {
    this.repairTimer?.cancel();
    this.repairTimer = this.env.timers.after(afterMs, "db-repair-check", () => {
      this.repairTimer = undefined;
      this.repair();
    });
  }

  /** Pair the coordinator again — the lost cluster if back, else a pooled one, else a new one. */
  private repair(): void {
    if (this.state !== "SOLO") return;
    this.repairTimer?.cancel();
    this.repairTimer = undefined;
    const lost = this.recoveredCluster();
    if (lost) {
      this.impaired.delete(lost.zone);
      const planned = this.failovers.at(-1)?.cause === "planned" && this.failovers.at(-1)?.fromCluster === lost.name;
      this.env.sometimes("db: re-pair with the recovered zone", !planned);
      this.resync(lost, planned ? "planned-switchover" : "recovered-zone");
      return;
    }
    const healthy = (z: string) => this.world.zoneAvailable(z) && !this.impaired.has(z) && z !== this.coordinator.zone;
    const pooled = this.clusters.find((c) => c.assigned === "pooled" && c.status === "running" && this.reachable(c) && healthy(c.zone));
    if (pooled) {
      this.resync(pooled, "pool");
      return;
    }
    const zone = this.placementZone([this.coordinator.zone, ...this.impaired]);
    if (zone !== undefined) {
      this.env.sometimes("db: re-pair in a third zone", true);
      this.setState("REPAIRING");
      this.provision(zone, (c) => this.pair(c, true));
      return;
    }
    this.trace.record("repair-waits", `reason=no-healthy-zone-with-capacity epoch=${this.epoch}`);
    this.scheduleRepair(this.options.timing.probeIntervalMs * this.options.timing.missedProbesMax);
  }

  /** A failed cluster that is back, outside the coordinator's zone: the one just lost first. */
  private recoveredCluster(): ProcessingCluster | undefined {
    const back = (c: ProcessingCluster | undefined) =>
      c !== undefined && c.assigned === "failed" && c.status === "running" && c.zone !== this.coordinator.zone && this.reachable(c);
    if (back(this.lost)) return this.lost;
    return this.clusters.find(back);
  }

  /** Brings an existing cluster up to date (metadata, config, epoch) and pairs it. */
  private resync(c: ProcessingCluster, why: string): void {
    this.setState("REPAIRING");
    c.endpointEnabled = false;
    c.role = c.assigned === "pooled" ? "pooled" : "failed";
    this.trace.record("resync", `cluster=${c.name} az=${c.zone} why=${why} ${formatConfig(this.desired)}`);
    this.env.timers.after(drawMs(this.random, this.options.timing.resyncMs), "db-resync", () => {
      if (this.state !== "REPAIRING") return;
      if (!this.reachable(c)) {
        this.trace.record("resync-failed", `cluster=${c.name}`);
        this.setState("SOLO");
        this.scheduleRepair(this.options.timing.probeIntervalMs * this.options.timing.missedProbesMax);
        return;
      }
      // The resync brought the cluster's config up to the desired one.
      c.config = this.desiredFor(c);
      this.pair(c, true);
    });
  }

  /** A new cluster of the desired shape in `zone`; `then` runs once it is running (if it still can). */
  private provision(zone: string, then: (c: ProcessingCluster) => void): void {
    const name = `c${this.clusters.length + 1}`;
    const c = this.spawn(name, zone, this.desired, "pooled");
    c.status = "provisioning";
    c.engineEnabled = false;
    this.provisions.push({ zone, atMs: this.env.clock.nowMs(), cluster: name });
    this.trace.record("provision", `cluster=${name} az=${zone} ${formatConfig(this.desired)}`);
    this.env.timers.after(drawMs(this.random, this.options.timing.provisionMs), "db-provisioned", () => {
      if (!this.reachable(c) || !this.world.hasCapacity(zone, this.desired)) {
        this.trace.record("provision-failed", `cluster=${name} az=${zone}`);
        c.release();
        this.assign(c, "released");
        if (this.state === "REPAIRING") {
          this.setState("SOLO");
          this.scheduleRepair(this.options.timing.probeIntervalMs * this.options.timing.missedProbesMax);
        }
        return;
      }
      c.status = "running";
      // Built with the config desired now (it may have changed while the cluster was provisioned).
      c.config = this.desiredFor(c);
      // Metadata from the latest backup, then the increments since.
      c.catchUp(this.storage);
      if (this.state === "REPAIRING" || this.state === "SINGLE") then(c);
      else {
        // The pair moved on meanwhile (a double fault): keep the capacity as a promotion candidate.
        this.env.sometimes("db: provisioned during a promotion", true);
        this.trace.record("pooled", `cluster=${name} az=${zone}`);
      }
    });
  }

  private pair(s: ProcessingCluster, traced: boolean): void {
    const now = this.env.clock.nowMs();
    s.role = "supporting";
    s.epoch = this.epoch;
    s.endpointEnabled = false;
    s.engineEnabled = true;
    // The standby keeps its own shape (from the plan, its provisioning or its resync): pairing
    // does not resize a cluster, so a smaller standby stays smaller and is judged so.
    if (this.mutants.pairCopiesWriterShape) s.config = { ...this.coordinator.config };
    s.catchUp(this.storage);
    this.assign(s, "supporting");
    this.supporting = s;
    this.coordinator.leader.sharing = true;
    this.setState("PAIRED");
    if (traced)
      this.trace.record(
        "paired",
        `coordinator=${this.coordinator.name}(${this.coordinator.zone}) supporting=${s.name}(${s.zone}) epoch=${this.epoch}`,
      );
    const row = this.failovers.at(-1);
    if (row && row.repairedWith === undefined && row.switchedAtMs !== undefined)
      row.repairedWith = { az: s.zone, atMs: now, cluster: s.name };
    if (this.lost === s) this.lost = undefined;
  }

  /** A failed cluster back after the pair was rebuilt elsewhere (or while solo with nothing to do). */
  private recoveredAfterRepair(): void {
    for (const c of this.clusters) {
      if (c.assigned !== "failed" || c.status !== "running" || !this.reachable(c)) continue;
      if (this.state === "SOLO") continue; // the repair check will take it
      if ((this.options.onRecoveredZone ?? "keep-third") === "move-back" && this.supporting) {
        const third = this.supporting;
        this.env.sometimes("db: move back to the recovered zone", true);
        this.impaired.delete(c.zone);
        this.supporting = undefined;
        this.coordinator.leader.sharing = false;
        this.assign(third, "failed");
        this.assign(third, "released");
        third.release();
        this.trace.record("released", `cluster=${third.name} az=${third.zone} policy=move-back`);
        this.setState("SOLO");
        this.lost = c;
        this.repair();
        return;
      }
      this.impaired.delete(c.zone);
      this.assign(c, "released");
      c.release();
      this.trace.record("released", `cluster=${c.name} az=${c.zone} policy=keep-third`);
    }
  }

  // ---- config ----------------------------------------------------------------------------

  private syncSupporting(): void {
    const s = this.supporting;
    if (!s || this.mutants.skipSync) return;
    if (sameConfig(s.config, this.desiredFor(s))) return;
    if (this.state === "PAIRED") this.setState("SYNCING");
    const target = this.desired;
    this.env.timers.after(drawMs(this.random, this.options.timing.applyMs), "db-sync", () => {
      if (this.supporting !== s || this.desired !== target) return; // superseded; the newer change syncs
      if (!this.reachable(s)) return; // the pair's loss handling takes over
      s.config = this.desiredFor(s);
      this.trace.record("synced", `cluster=${s.name} ${formatConfig(target)}`);
      if (this.state === "SYNCING") this.setState("PAIRED");
      this.releaseUnusedKeys();
    });
  }

  private releaseUnusedKeys(): void {
    for (const key of this.keysPendingDisable) {
      if (this.clusters.some((c) => c.status !== "released" && c.config.keyId === key)) continue;
      this.keysPendingDisable.delete(key);
      this.keysDisabled.add(key);
      this.trace.record("key-disabled", `key=${key}`);
    }
  }

  // ---- helpers ---------------------------------------------------------------------------

  /** The first zone (in the pair's zone order) not excluded, available, and with room. */
  private placementZone(exclude: readonly string[]): string | undefined {
    return this.options.zones.find(
      (z) => !exclude.includes(z) && !this.impaired.has(z) && this.world.zoneAvailable(z) && this.world.hasCapacity(z, this.desired),
    );
  }

  private spawn(name: string, zone: string, config: ClusterConfig, role: ClusterRole): ProcessingCluster {
    const c = new ProcessingCluster(
      this.env,
      name,
      `db/${this.options.shortName}/${name}`,
      zone,
      config,
      role,
      this.epoch,
      this.options.timing.engineRestartMs,
    );
    this.clusters.push(c);
    return c;
  }

  private assign(c: ProcessingCluster, to: ClusterRole): void {
    if (c.assigned === to) return;
    this.roleChanges.push({ cluster: c.name, from: c.assigned, to, epoch: this.epoch, atMs: this.env.clock.nowMs() });
    c.assigned = to;
  }

  private setState(s: PairState): void {
    if (this.state === s) return;
    this.state = s;
    this.stateSinceMs = this.env.clock.nowMs();
    this.states.push({ state: s, atMs: this.stateSinceMs });
  }
}

/**
 * A processing cluster of a failover pair: a leader node — planner, executor and
 * workload manager — and compute nodes, in one zone. The cluster's own state (`role`, `epoch`,
 * `endpointEnabled`) is what the cluster itself believes and acts on; the control plane's view of
 * it is `assigned`. The two differ exactly when it matters: a coordinator cut off by a partition
 * still believes it coordinates at its old epoch (a zombie), and the storage fence is what stops it.
 *
 * The cluster's liveness is a simulation actor in its zone, so a zone power loss, a crash of the
 * bound RDS instance or a partition reaches it like any other process.
 */
import { type DurationRange, drawMs } from "../cloud/timing-profile";
import type { ActorRef, Env } from "../sim/ports";

/** pooled → supporting → coordinating → failed → supporting | released (`failover-pair/legal-role-transitions` checks it). */
export type ClusterRole = "pooled" | "supporting" | "coordinating" | "failed" | "released";

/** What must stay equal across the pair, so a promoted standby serves as the coordinator did. */
export interface ClusterConfig {
  readonly nodeType: string;
  readonly nodeCount: number;
  /** KMS key id the cluster encrypts with. */
  readonly keyId: string;
  /** Subnet group and security groups, sorted. */
  readonly network: readonly string[];
}

export function sameConfig(a: ClusterConfig, b: ClusterConfig): boolean {
  return (
    a.nodeType === b.nodeType &&
    a.nodeCount === b.nodeCount &&
    a.keyId === b.keyId &&
    a.network.length === b.network.length &&
    a.network.every((n, i) => n === b.network[i])
  );
}

export function formatConfig(c: ClusterConfig): string {
  return `type=${c.nodeType} nodes=${c.nodeCount} key=${c.keyId} net=${c.network.join(",") || "-"}`;
}

/** What a cluster's copy applies commits from: the pair's storage. */
export interface AppliedSource {
  readonly latest: number;
  at(seq: number): { readonly writeId: string } | undefined;
}

/** The leader's parts: the planner stamps plans, the workload manager decides where they run. */
export interface Leader {
  /** Sharing with the supporting cluster is on (the coordinator's workload manager). */
  sharing: boolean;
  /** Plans this leader runs now (its queue). */
  queued: number;
  /** Plans this cluster runs for the coordinator (as supporting). */
  remoteQueued: number;
}

export class ProcessingCluster {
  role: ClusterRole;
  /** The control plane's view; changes only through the control plane. */
  assigned: ClusterRole;
  epoch: number;
  endpointEnabled: boolean;
  engineEnabled: boolean;
  config: ClusterConfig;
  /** `provisioning` until the compute nodes run; a released cluster is `released`. */
  status: "provisioning" | "running" | "released" = "running";
  /**
   * The cluster's own copy of the commit log: how far it has applied the storage's commits (its
   * version) and the write at that version. A plan it runs answers from this copy (the version the
   * plan saw, and that write), never from the storage directly, so a copy that lags, stops or
   * diverges shows in what clients get back. The copy only ever applies the storage's own commits in
   * order, so it is a prefix of the storage: the copy keeps its version and head, and reads an older
   * version's write from the storage it copied (keeping every applied write id cost a string pointer
   * per write per cluster for the whole run).
   */
  private appliedVersion = 0;
  private appliedHead: string | undefined;
  private source: AppliedSource | undefined;
  readonly leader: Leader = { sharing: false, queued: 0, remoteQueued: 0 };
  /**
   * After its process restarted (a reboot, a crash), the engine runs crash recovery and serves no
   * request before this time; 0 until the first restart.
   */
  engineRecoveredAtMs = 0;
  private readonly actor: ActorRef;

  constructor(
    private readonly env: Env,
    /** Unique in the database, e.g. `coordinator` or an instance address. */
    readonly name: string,
    /** The actor's name, `db/<database>/<cluster>`. */
    readonly actorName: string,
    readonly zone: string,
    config: ClusterConfig,
    role: ClusterRole,
    epoch: number,
    /** The engine's crash recovery after a restart, drawn per restart. @default - it serves as soon as its process is back */
    engineRestartMs?: DurationRange,
  ) {
    this.config = config;
    this.role = role;
    this.assigned = role;
    this.epoch = epoch;
    this.endpointEnabled = role === "coordinating";
    this.engineEnabled = role === "coordinating" || role === "supporting";
    this.actor = env.spawn(actorName, {
      zone,
      boot: (ctx) => {
        // A restarted process recovers before it serves: drawn from the actor's own stream, so a seed replays it.
        if (ctx.incarnation > 1 && engineRestartMs) {
          const recovery = drawMs(ctx.random, engineRestartMs);
          this.engineRecoveredAtMs = ctx.clock.nowMs() + recovery;
          ctx.trace.record("engine-recovery", `for=${recovery}ms`);
        }
        return { receive() {} };
      },
    });
  }

  /** The engine's process runs but is still in crash recovery: it answers no request yet. */
  recovering(nowMs: number): boolean {
    return nowMs < this.engineRecoveredAtMs;
  }

  /** The version of the cluster's own copy: how many commits it has applied. */
  get metadataVersion(): number {
    return this.appliedVersion;
  }

  /** The write id at `version` in the cluster's own copy (undefined at 0 or beyond the copy). */
  appliedAt(version: number): string | undefined {
    if (version <= 0 || version > this.appliedVersion) return undefined;
    return version === this.appliedVersion ? this.appliedHead : this.source?.at(version)?.writeId;
  }

  /** Applies the storage's commits up to `upTo` (at most its latest) to the cluster's own copy. */
  catchUp(storage: AppliedSource, upTo = storage.latest): void {
    const to = Math.min(upTo, storage.latest);
    if (to <= this.appliedVersion) return;
    this.source = storage;
    this.appliedHead = (storage.at(to) as { writeId: string }).writeId;
    this.appliedVersion = to;
  }

  /** The leader process runs (not crashed, its zone powered). */
  get up(): boolean {
    return this.actor.up && this.status !== "released";
  }

  /** Stops the cluster for good (released to the pool's owner). */
  release(): void {
    this.status = "released";
    this.role = "released";
    this.endpointEnabled = false;
    this.engineEnabled = false;
    this.leader.sharing = false;
    this.env.retire(this.actorName);
  }
}

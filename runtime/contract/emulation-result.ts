/**
 * The `emulate --json` document, a public contract: fields are added, never renamed. The first
 * fields come from the kernel's RunReport; the sections after `invariants` are filled by the
 * components attached to the run (empty arrays when no component contributes); `modelled`,
 * `experiment` and `verdict` say what the run judged.
 */

/** A completed failover, in the row shape of the `emulate --json` `failovers` section. */
export interface FailoverRecord {
  /** The cluster's Terraform address (its identifier when it has none). */
  readonly resource: string;
  readonly fromAz: string;
  readonly toAz: string;
  readonly fromInstance: string;
  readonly toInstance: string;
  readonly detectedAtMs: number;
  readonly completedAtMs: number;
  /** Worst case for a client that retries at once: until its cached endpoint answer expires, or the proxy switches. */
  clientOutageMs: number;
  /** When the cluster again had a replica in another zone (the old writer back as a reader). */
  repairedWith?: { readonly az: string; readonly atMs: number };
}

/** Where and how an invariant first failed. */
export interface Violation {
  readonly atMs: number;
  readonly step: number;
  readonly message: string;
}

/** One row of `invariants` in the emulate JSON result. */
export interface InvariantResult {
  readonly id: string;
  readonly ok: boolean;
  /** How many times the invariant was evaluated. */
  readonly checks: number;
  readonly firstViolation?: Violation;
}

/**
 * One failover: the cloud's record shape is the row (resource, zones, instances, timings, repair);
 * rows of the database subsystem add the model, the epoch, the RTO split and the
 * acknowledged writes lost.
 */
export type FailoverRow = Readonly<FailoverRecord> & Partial<FailoverDetail>;

/** What a failover pair's failover row adds (fields added, never renamed). */
export interface FailoverDetail {
  /** The model that produced the row: `failover-pair` (the database subsystem's pair) or `replication-group` (ElastiCache's clients). */
  readonly model: "failover-pair" | "replication-group";
  /** `coordinator-lost` (detected by missed probes), `primary-lost` (an ElastiCache primary node) or `planned` (the engine's failover API, a drill, TestFailover). */
  readonly cause: "coordinator-lost" | "primary-lost" | "planned";
  /** The epoch after the promotion's fence. */
  readonly epoch: number;
  /** The last probe the old coordinator answered. */
  readonly lastSeenAtMs: number;
  /** Recovery time, split: detection, promotion, endpoint switch, and what clients saw. */
  readonly rto: {
    readonly detectionMs: number;
    readonly promotionMs: number;
    readonly switchMs: number;
    readonly clientOutageMs: number;
  };
  /** Acknowledged writes missing from storage (0 when RPO is 0). */
  readonly lostAckedWrites: number;
}

/**
 * Leases on designated capacity that ended: one row per failover (its revoked leases
 * together), and one row per lease ended for another reason (outbid, interrupted by the cloud,
 * capacity lost), whose capacity returned to unused contingency.
 */
export interface RevocationRow {
  /** The spot pool's plan resource (Terraform address of its Auto Scaling group). */
  readonly resource?: string;
  readonly pool: string;
  readonly az: string;
  readonly leases: number;
  /** When the lessees were warned (the revocation). */
  readonly noticeAtMs: number;
  /** When the last of those leases ended and the capacity was free. */
  readonly reclaimedAtMs: number;
  /** When the customer's replacement launched on it; null when no failover took the capacity. */
  readonly customerLaunchedAtMs: number | null;
  /** Why the leases ended: `contingency-reclaim` (a failover), `outbid`, `interrupted` (the cloud reclaimed), `capacity-lost`. */
  readonly reason?: "contingency-reclaim" | "outbid" | "interrupted" | "capacity-lost";
  /** The notice each lessee got, ms. */
  readonly noticeMs?: number;
}

export interface RestoreRow {
  /** The plan resource whose storage was restored (Terraform address). */
  readonly database?: string;
  readonly kind: "snapshot" | "pitr" | "clone" | "wake";
  readonly source: string;
  readonly target: string;
  readonly pointMs: number;
  readonly verified: boolean;
}

/**
 * Client requests over time: `succeeded[i]` and `failed[i]` count the answers clients got in
 * [fromMs + i·bucketMs, fromMs + (i+1)·bucketMs).
 */
export interface RequestSeries {
  readonly fromMs: number;
  readonly bucketMs: number;
  readonly succeeded: readonly number[];
  readonly failed: readonly number[];
}

/**
 * What one database's clients saw (the failover pair's client workload): every request sent, retries included,
 * counted when its answer reached the client; a failed request is a timeout, no route, or a
 * cluster that was not (or no longer) the writer, and the client retries a failed write.
 */
export interface ClientRequestsRow {
  /** Terraform address of the database. */
  readonly database: string;
  readonly sent: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Acknowledged writes missing from storage at the end (the RPO, in writes). */
  readonly acknowledgedWritesLost: number;
  /** The whole run. */
  readonly run: RequestSeries;
  /** Around each stretch in which requests failed (failures under 60 s apart, ±20 s), finer; at most 10. */
  readonly incidents: readonly RequestSeries[];
}

/**
 * What one database's clients saw of the run's disruptions (how `assess` measures recovery
 * objectives): every stretch in which their requests failed, and the acknowledged writes lost.
 */
export interface RecoveryRow {
  /** Terraform address of the database. */
  readonly database: string;
  /**
   * `clients`: the client workload of the failover pair or the replication group, from its own history; `canary`: one request a
   * second through the database's endpoint (engines whose clients the pair model does not run).
   */
  readonly measuredBy: "clients" | "canary";
  /**
   * Stretches in which requests failed: from the last answer before (`fromMs`) to the first
   * acknowledged write after (`toMs`; null when writes had not resumed when the run ended), and
   * how many requests failed. The longest 50 when there are more.
   */
  readonly outages: readonly { readonly fromMs: number; readonly toMs: number | null; readonly failed: number }[];
  /** The longest outage (the recovery time clients saw), ms; null when one never ended; 0 without any. */
  readonly longestOutageMs: number | null;
  /** Acknowledged writes storage does not hold; absent where the run keeps no data (`canary`). */
  readonly acknowledgedWritesLost?: number;
  /**
   * The recovery point, ms: from the newest acknowledged write that survived before the first lost
   * one to the last lost one's acknowledgement; 0 when none was lost; absent with `canary`.
   */
  readonly dataLossWindowMs?: number;
}

export interface CacheSection {
  /** The Aurora cluster (Terraform address) whose writer's buffer cache this is. */
  readonly database?: string;
  readonly entriesBefore: number;
  readonly kept: number;
  readonly invalidated: number;
  readonly hitRatioBefore: number;
  readonly hitRatioAfterFirst10k: number;
  readonly backendReadsDuringRecovery: number;
  readonly timeToAvailableMs: number;
}

export interface GroupsSection {
  readonly recoveries: number;
  readonly appRestarts: number;
  readonly pagesReturned: number;
  /** az-outage over a plan with processing nodes: where each node's groups ended up. */
  readonly hosts?: readonly ProcessingHostRow[];
  /** Jobs aborted because their host was lost with its zone. */
  readonly jobsAbortedHostLost?: number;
}

export interface ProcessingHostRow {
  /** Terraform address of the node tagged `resilience:role = processing`. */
  readonly node: string;
  readonly zone: string | null;
  readonly groups: number;
  /** `up`: outside the lost zone; `relocated`: restarted in `relocatedTo`; `lost`: no zone left to run in. */
  readonly state: "up" | "relocated" | "lost";
  readonly relocatedTo?: string;
}

/** What the run's experiment did (FIS's view of it). */
export interface ExperimentReport {
  /** `completed`, or `failed`: a target resolved to nothing and the template's empty-target mode is `fail` (FIS's default), so no action ran. */
  readonly state: "completed" | "failed";
  /** Why it failed: the target, the actions that needed it, and what the plan holds instead. */
  readonly failure?: { readonly target: string; readonly actions: readonly string[]; readonly why: string };
  /** Actions skipped because their target resolved to nothing (empty-target mode `skip`). */
  readonly skipped: readonly { readonly action: string; readonly target: string; readonly why: string }[];
  /** What the actions that ran struck: target ids and addresses, and zones (sorted). */
  readonly struck: { readonly resources: readonly string[]; readonly zones: readonly string[] };
}

/** A registered component that did not run, and why (the plan holds nothing it models, or the scenario did not ask for it). */
export interface NotRunRow {
  readonly component: string;
  readonly why: string;
}

/** A plan resource a component modelled in the run. */
export interface ModelledRow {
  readonly resource: string;
  readonly component: string;
  readonly what: string;
  /** Whether the scenario reached it (struck its resource or a zone it runs in, or acted on it by name). */
  readonly struck: boolean;
}

export interface EmulationResult {
  readonly seed: number;
  readonly scenario: string;
  readonly profile: string;
  readonly virtualDurationMs: number;
  readonly events: number;
  readonly traceHash: string | null;
  readonly invariants: readonly InvariantResult[];
  readonly failovers: readonly FailoverRow[];
  readonly revocations: readonly RevocationRow[];
  readonly restores: readonly RestoreRow[];
  /** Per database the pair model ran: its clients' requests (empty when no database ran). */
  readonly clients: readonly ClientRequestsRow[];
  /** Per database a component measured: what its clients saw (absent when no component measures one). */
  readonly recovery?: readonly RecoveryRow[];
  readonly cache?: CacheSection;
  readonly groups?: GroupsSection;
  /** The plan resources the run modelled, and whether the scenario reached each. */
  readonly modelled: readonly ModelledRow[];
  /**
   * Components registered for the run that did not run, and why: their invariants are not in
   * `invariants` and nothing they model was judged.
   */
  readonly notRun: readonly NotRunRow[];
  readonly experiment: ExperimentReport;
  /**
   * `violated`: an invariant failed; `not-judged`: the scenario reached nothing the run models, or
   * its experiment failed before any action ran (see `notJudged`); `held`: every invariant held
   * on a run that reached at least one modelled resource.
   */
  readonly verdict: "held" | "violated" | "not-judged";
  /** Why the run judged nothing (with `not-judged`), one sentence starting "nothing to emulate" or "the experiment failed". */
  readonly notJudged?: string;
}

/** What a component adds to the result; read once, when the run has finished. */
export interface ResultContribution {
  readonly failovers?: readonly FailoverRow[];
  /**
   * Resources whose failovers this contribution reports in place of every other contributor's
   * (the database subsystem's pair model supersedes the mock cloud's rows for its databases).
   */
  readonly replacesFailoversOf?: readonly string[];
  readonly revocations?: readonly RevocationRow[];
  readonly restores?: readonly RestoreRow[];
  readonly clients?: readonly ClientRequestsRow[];
  readonly recovery?: readonly RecoveryRow[];
  readonly cache?: CacheSection;
  readonly groups?: GroupsSection;
}

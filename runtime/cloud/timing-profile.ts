/**
 * Timing profiles: every duration the mock cloud waits, as data, never a literal in code.
 *
 * `realistic` is calibrated to AWS's published numbers; each field says where its number comes
 * from: [aws] a documented AWS figure, [design] our choice where AWS publishes none. `fast` is the
 * same profile with every duration divided by 1000 (limits unchanged), for quick runs in tests and
 * campaigns: the same causal order in a thousandth of the virtual time, so periodic timers fire
 * far fewer times.
 */
import type { Random } from "../sim/ports";
import { assertRatio, type Ratio, ratio } from "../sim/ratio";

/** A duration drawn uniformly from `minMs..maxMs` (integer milliseconds); equal bounds fix it. */
export interface DurationRange {
  readonly minMs: number;
  readonly maxMs: number;
}

/** Usually `typical`; with chance `tailChance`, a draw from the slow `tail` instead. */
export interface TailedDuration {
  readonly typical: DurationRange;
  readonly tail: DurationRange;
  readonly tailChance: Ratio;
}

export type Duration = DurationRange | TailedDuration;

export interface TimingProfile {
  /** `realistic`, `fast`, or a custom name (reported in results). */
  readonly name: string;
  /** Control-plane API round trip: request accepted → reply seen by the caller. [design] */
  readonly apiLatencyMs: DurationRange;
  /** EventBridge: event put → delivered to a target. [design; AWS publishes no latency SLA] */
  readonly eventDeliveryMs: DurationRange;
  /** Aurora: writer unreachable → failover begins (health checks notice). [design] */
  readonly auroraFailureDetectionMs: DurationRange;
  /**
   * Aurora: failover begins → a replica is the writer. Detection + this is "typically under 30
   * seconds"; a tail of 60–120 s covers the slow cases AWS also describes. [aws: Aurora User Guide,
   * "High availability for Amazon Aurora"; tail share 1/10 is design]
   */
  readonly auroraFailoverMs: TailedDuration;
  /** RDS Multi-AZ DB instance: failover "typically 60–120 seconds". [aws: RDS User Guide, Multi-AZ DB instance failover] */
  readonly rdsMultiAzInstanceFailoverMs: DurationRange;
  /** RDS Multi-AZ DB cluster: failover "typically under 35 seconds". [aws: RDS User Guide, Multi-AZ DB clusters] */
  readonly multiAzClusterFailoverMs: DurationRange;
  /**
   * ElastiCache Multi-AZ: failure detected → replica promoted; "writes can resume as soon as the
   * promotion process is complete", "a few seconds". [aws: ElastiCache User Guide, "Minimizing
   * downtime in ElastiCache by using Multi-AZ with Valkey and Redis OSS"; range is design]
   */
  readonly elasticacheFailoverMs: DurationRange;
  /**
   * ElastiCache Multi-AZ: primary lost → failure detected ("ElastiCache continually monitors the
   * state of the primary node"). [design: AWS publishes no detection time, only that detection and
   * promotion together take "a few seconds"; the 2017 guide said "a few minutes"]
   */
  readonly elasticacheDetectionMs: DurationRange;
  /**
   * ElastiCache: promotion complete → the primary endpoint's DNS record names the promoted replica
   * ("ElastiCache also propagates the DNS name of the promoted replica"). [aws: same page; time is design]
   */
  readonly elasticacheDnsUpdateMs: DurationRange;
  /**
   * How long a client keeps a resolved ElastiCache endpoint. [design: AWS asks clients "to
   * frequently resolve DNS names" and publishes no TTL (ElastiCache User Guide, "DNS names and
   * underlying IP"); a client holding a stale answer writes to the demoted node and gets READONLY
   * (AWS Knowledge Center, "elasticache-correct-readonly-error")]
   */
  readonly elasticacheEndpointTtlMs: number;
  /**
   * ElastiCache (Valkey, Redis OSS): how far a replica's copy trails the primary. Replication is
   * asynchronous, "a small amount of data might be lost due to replication lag"; the failover
   * promotes "the replica with the least replication lag". [aws: ElastiCache User Guide,
   * "Replication: Multi-AZ with Automatic Failover"; range is design (the ReplicationLag metric is
   * typically sub-second)]
   */
  readonly elasticacheReplicationLagMs: DurationRange;
  /** ElastiCache: a failed node → its replacement launched, provisioned and synced. [design: AWS says a replacement "is launched and provisioned", no time] */
  readonly elasticacheNodeReplaceMs: DurationRange;
  /** ElastiCache: the engine process crashes → it runs again on the same node. [design] */
  readonly elasticacheEngineRestartMs: DurationRange;
  /** ElastiCache clients: a request unanswered this long fails (the client library's timeout). [design] */
  readonly elasticacheClientTimeoutMs: number;
  /** RDS: RebootDBInstance → available again. [design] */
  readonly dbInstanceRebootMs: DurationRange;
  /**
   * Aurora: the writer's engine process restarted in place (a reboot, a crash) → it serves again.
   * AWS gives no figure: a reboot is "a momentary outage" (RDS API, RebootDBInstance) and Aurora
   * "is designed to recover from an unplanned restart almost instantaneously", with no redo replay
   * (Aurora User Guide, "Amazon Aurora reliability"). [design: 5–30 s, inside Aurora's "service is
   * typically restored in less than 60 seconds" for a failure (Aurora User Guide, "High availability
   * for Amazon Aurora")]
   */
  readonly auroraEngineRestartMs: DurationRange;
  /**
   * RDS Multi-AZ DB cluster (community MySQL/PostgreSQL): the writer's engine restarted in place →
   * it serves again. "The time required to reboot is a function of the specific database engine's
   * crash recovery process" (RDS API, RebootDBInstance); the engine replays its log. [design:
   * 10–35 s, inside the cluster's published failover bound "typically under 35 seconds" (RDS User
   * Guide, Multi-AZ DB clusters): RDS restarts in place when that is the faster way back]
   */
  readonly multiAzClusterEngineRestartMs: DurationRange;
  /**
   * Redshift: the leader node's processes restarted in place → the cluster serves again. AWS gives
   * no figure for a reboot (RebootCluster: "the cluster status is set to rebooting"). [design:
   * 30–90 s]
   */
  readonly redshiftEngineRestartMs: DurationRange;
  /** RDS: CreateDBInstance → available. [design: Aurora instances take minutes to create] */
  readonly dbInstanceCreateMs: DurationRange;
  /** RDS: an instance whose zone regained power → available again (crash recovery). [design] */
  readonly dbInstanceRecoveryMs: DurationRange;
  /** TTL of the RDS-managed cluster/instance endpoints: 5 s. [aws: Aurora User Guide, "Amazon Aurora connection management"] */
  readonly rdsEndpointTtlMs: number;
  /** ConnectionRoute 53: ChangeResourceRecordSets → INSYNC on every name server, "within 60 seconds". [aws: ConnectionRoute 53 API, GetChange] */
  readonly route53PropagationMs: DurationRange;
  /**
   * RDS-managed endpoints: a new writer promoted → the cluster endpoint's DNS record names it.
   * "Updating the DNS record with an endpoint typically takes less than 30 seconds" (Aurora User
   * Guide, "Fast failover with Amazon Aurora PostgreSQL"). [aws: bound; the 1 s floor is design]
   */
  readonly rdsEndpointUpdateMs: DurationRange;
  /** RDS Proxy: new writer available → proxy routes to it (it does not wait for DNS). [design] */
  readonly proxyTargetSwitchMs: DurationRange;
  /** EC2: RunInstances/StartInstances → running. [design] */
  readonly ec2LaunchMs: DurationRange;
  /** EC2: StopInstances → stopped. [design] */
  readonly ec2StopMs: DurationRange;
  /** EC2: TerminateInstances or spot reclaim → terminated. [design] */
  readonly ec2TerminateMs: DurationRange;
  /** Auto Scaling: a member stopped or lost → the group launches its replacement. [design: health checks run every few seconds plus a grace period] */
  readonly asgReplaceMs: DurationRange;
  /** Auto Scaling: a launch failed for capacity → the next attempt. [design] */
  readonly asgRetryMs: DurationRange;
  /** EC2: capacity reservation requested → active. [design] */
  readonly capacityReservationActivateMs: DurationRange;
  /** Spot interruption warning → reclaim: exactly two minutes. [aws: EC2 User Guide, "Spot Instance interruption notices"] */
  readonly spotInterruptionNoticeMs: number;
  /** Aurora/RDS: the latest restorable time advances in steps of 5 minutes. [aws: RDS User Guide, point-in-time recovery] */
  readonly pitrIntervalMs: number;
  /** Aurora: copy-on-write clones per storage copy before a restore becomes a full copy: 15. [aws: Aurora User Guide, "Cloning a volume"] */
  readonly cowClonesPerCopyMax: number;
  /** RDS: CreateDBClusterSnapshot → available. [design] */
  readonly snapshotCreateMs: DurationRange;
  /** Aurora: copy-on-write clone → cluster available, "minutes". [design] */
  readonly cloneRestoreMs: DurationRange;
  /** RDS: full-copy restore (snapshot or point in time) → cluster available. [design] */
  readonly fullCopyRestoreMs: DurationRange;
  /** FIS "AZ Availability: Power Interruption": impairment lasts 30 minutes. [aws: FIS User Guide, scenario library] */
  readonly azPowerInterruptionMs: number;
  /** The same scenario then injects recovery symptoms (launches fail) for 30 more minutes. [aws: idem] */
  readonly azRecoveryMs: number;
  /**
   * Durations written in scenarios and FIS templates (`PT30M`) are divided by this: 1 runs them as
   * written, the `fast` profile's 1000 keeps them in step with its other numbers. [design]
   */
  readonly scenarioTimeDivisor: number;
  /** Virtual time before a scenario's first action, so instances finish launching. [design] */
  readonly leadInMs: number;
  /** Quiet phase after the last fault, before liveness is judged. [design] */
  readonly quietPhaseMs: number;
}

const range = (minMs: number, maxMs: number): DurationRange => ({ minMs, maxMs });
const SECOND = 1_000;
const MINUTE = 60 * SECOND;

export const REALISTIC_PROFILE: TimingProfile = {
  name: "realistic",
  apiLatencyMs: range(50, 400),
  eventDeliveryMs: range(100, 1_000),
  auroraFailureDetectionMs: range(1 * SECOND, 5 * SECOND),
  auroraFailoverMs: { typical: range(5 * SECOND, 25 * SECOND), tail: range(60 * SECOND, 120 * SECOND), tailChance: ratio(1, 10) },
  rdsMultiAzInstanceFailoverMs: range(60 * SECOND, 120 * SECOND),
  multiAzClusterFailoverMs: range(10 * SECOND, 35 * SECOND),
  elasticacheFailoverMs: range(2 * SECOND, 6 * SECOND),
  elasticacheDetectionMs: range(1 * SECOND, 10 * SECOND),
  elasticacheDnsUpdateMs: range(1 * SECOND, 5 * SECOND),
  elasticacheEndpointTtlMs: 15 * SECOND,
  elasticacheReplicationLagMs: range(10, 500),
  elasticacheNodeReplaceMs: range(5 * MINUTE, 10 * MINUTE),
  elasticacheEngineRestartMs: range(10 * SECOND, 60 * SECOND),
  elasticacheClientTimeoutMs: 1 * SECOND,
  dbInstanceRebootMs: range(20 * SECOND, 60 * SECOND),
  auroraEngineRestartMs: range(5 * SECOND, 30 * SECOND),
  multiAzClusterEngineRestartMs: range(10 * SECOND, 35 * SECOND),
  redshiftEngineRestartMs: range(30 * SECOND, 90 * SECOND),
  dbInstanceCreateMs: range(5 * MINUTE, 10 * MINUTE),
  dbInstanceRecoveryMs: range(1 * MINUTE, 5 * MINUTE),
  rdsEndpointTtlMs: 5 * SECOND,
  rdsEndpointUpdateMs: range(1 * SECOND, 30 * SECOND),
  route53PropagationMs: range(2 * SECOND, 60 * SECOND),
  proxyTargetSwitchMs: range(1 * SECOND, 3 * SECOND),
  ec2LaunchMs: range(15 * SECOND, 60 * SECOND),
  ec2StopMs: range(5 * SECOND, 30 * SECOND),
  ec2TerminateMs: range(5 * SECOND, 30 * SECOND),
  asgReplaceMs: range(10 * SECOND, 30 * SECOND),
  asgRetryMs: range(30 * SECOND, 90 * SECOND),
  capacityReservationActivateMs: range(1 * SECOND, 10 * SECOND),
  spotInterruptionNoticeMs: 2 * MINUTE,
  pitrIntervalMs: 5 * MINUTE,
  cowClonesPerCopyMax: 15,
  snapshotCreateMs: range(30 * SECOND, 3 * MINUTE),
  cloneRestoreMs: range(2 * MINUTE, 10 * MINUTE),
  fullCopyRestoreMs: range(10 * MINUTE, 30 * MINUTE),
  azPowerInterruptionMs: 30 * MINUTE,
  azRecoveryMs: 30 * MINUTE,
  scenarioTimeDivisor: 1,
  leadInMs: 2 * MINUTE,
  quietPhaseMs: 15 * MINUTE,
};

/**
 * A copy of `profile` with every duration range passed through `f` (fixed numbers as `min = max`,
 * both halves of a tailed duration); `name`, limits and the scenario divisor are copied as they are.
 */
function mapDurations(profile: TimingProfile, f: (field: string, d: DurationRange) => DurationRange): TimingProfile {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(profile)) {
    if (key === "name" || key === "cowClonesPerCopyMax" || key === "scenarioTimeDivisor") out[key] = value;
    else if (typeof value === "number") out[key] = f(key, range(value, value)).minMs;
    else if (isTailed(value))
      out[key] = { typical: f(`${key}.typical`, value.typical), tail: f(`${key}.tail`, value.tail), tailChance: value.tailChance };
    else out[key] = f(key, value as DurationRange);
  }
  return out as unknown as TimingProfile;
}

/** Every duration of `profile` divided by `divisor` (rounded down, never below 1 ms when it was ≥ 1). */
export function scaleProfile(profile: TimingProfile, divisor: number, name: string): TimingProfile {
  if (!Number.isSafeInteger(divisor) || divisor < 1) throw new RangeError(`divisor must be an integer ≥ 1, got ${divisor}`);
  const ms = (v: number) => (v === 0 ? 0 : Math.max(1, Math.floor(v / divisor)));
  const scaled = mapDurations(profile, (_, d) => range(ms(d.minMs), ms(d.maxMs)));
  return { ...scaled, name, scenarioTimeDivisor: profile.scenarioTimeDivisor * divisor };
}

export const FAST_PROFILE: TimingProfile = scaleProfile(REALISTIC_PROFILE, 1_000, "fast");

/** The built-in profiles by name. */
export const TIMING_PROFILES: Readonly<Record<"realistic" | "fast", TimingProfile>> = { realistic: REALISTIC_PROFILE, fast: FAST_PROFILE };

export function isTailed(d: Duration): d is TailedDuration {
  return "typical" in d;
}

/** A draw from `d` on `random` (integer ms). */
export function drawMs(random: Random, d: Duration): number {
  if (!isTailed(d)) return d.minMs === d.maxMs ? d.minMs : random.between(d.minMs, d.maxMs);
  const slow = random.chance(d.tailChance);
  return drawMs(random, slow ? d.tail : d.typical);
}

/** Throws a RangeError naming the first field that is not a valid duration. */
export function checkProfile(p: TimingProfile): void {
  mapDurations(p, (field, d) => {
    if (!Number.isSafeInteger(d.minMs) || !Number.isSafeInteger(d.maxMs) || d.minMs < 0 || d.maxMs < d.minMs)
      throw new RangeError(`timing profile ${p.name}: ${field} must be integers 0 ≤ minMs ≤ maxMs, got ${JSON.stringify(d)}`);
    return d;
  });
  for (const [key, value] of Object.entries(p))
    if (typeof value === "object" && isTailed(value)) assertRatio(value.tailChance, `timing profile ${p.name}: ${key}.tailChance`);
  if (p.cowClonesPerCopyMax < 0) throw new RangeError(`timing profile ${p.name}: cowClonesPerCopyMax must be ≥ 0`);
  if (p.scenarioTimeDivisor < 1) throw new RangeError(`timing profile ${p.name}: scenarioTimeDivisor must be ≥ 1`);
}

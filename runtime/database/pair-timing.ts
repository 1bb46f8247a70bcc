/**
 * Timings of the failover pair model, as data (virtual ms). Our chosen numbers (probe every 5 s and
 * K = 3, T_promote 5–30 s, T_switch 1 s by proxy, 30 s DNS TTL without one, T_restore 30 min,
 * T_provision 5–15 min, T_sync 10 min; ../../docs/design/0001-failover-pair.md) are written once
 * here for the realistic profile; engines with a published failover time take it from the cloud's
 * timing profile instead. Every number is divided by the profile's `scenarioTimeDivisor`, so the
 * `fast` profile keeps the same causal order in a thousandth of the time.
 */
import type { EngineFamily } from "../../lib/contract/plan-contract";
import type { DurationRange, TailedDuration, TimingProfile } from "../cloud/timing-profile";

export interface PairTiming {
  /** The control plane probes each cluster this often. [design: 5 s] */
  readonly probeIntervalMs: number;
  /** Missed probes in a row that declare a cluster failed (K). [design: 3] */
  readonly missedProbesMax: number;
  /** Fence written → the supporting cluster's endpoint and engine are enabled. [design 5–30 s; aws for RDS-family engines] */
  readonly promoteMs: DurationRange | TailedDuration;
  /** Proxy repointed → routes to the new coordinator. [aws-ish: RDS Proxy does not wait for DNS] */
  readonly proxySwitchMs: DurationRange;
  /**
   * A cluster's engine process came back (a reboot, a crash restarted in place) → it serves again:
   * its crash recovery, drawn per restart. [aws-ish for RDS-family engines and Redshift, from the
   * cloud's timing profile; design otherwise]
   */
  readonly engineRestartMs: DurationRange;
  /**
   * Direct mode: promoted → the endpoint's DNS record names the new coordinator (clients then still
   * hold the old answer up to the TTL). RDS Proxy does not wait for it. [aws for RDS-family engines]
   */
  readonly dnsUpdateMs: DurationRange;
  /** Direct mode: TTL of the cached endpoint answer. [design: 30 s; Aurora's own endpoints: 5 s] */
  readonly dnsTtlMs: number;
  /** How long after detection the control plane checks whether the old zone is back. [design: FIS power interruption, 30 min] */
  readonly restoreMs: number;
  /** A new supporting cluster: provision → running. [design: 5–15 min] */
  readonly provisionMs: DurationRange;
  /** A recovered cluster: resync metadata and apply config → supporting. */
  readonly resyncMs: DurationRange;
  /** Desired config changed → the supporting cluster matches (bound T_sync). [design: 10 min] */
  readonly syncMs: number;
  /** Time the supporting cluster takes to apply a config change. */
  readonly applyMs: DurationRange;
  /** The workload generator and the leaders advance once per tick. */
  readonly tickMs: number;
  /** Execution time of one plan. */
  readonly executeMs: DurationRange;
  /** A remote plan not back after this is rerun locally (counted once). */
  readonly remoteRetryMs: number;
  /** A client gives up on a request after this and sees a retryable error. */
  readonly clientTimeoutMs: number;
  /** A client retries a write that failed retryably after this. */
  readonly clientRetryMs: number;
  /** A summary of the workload goes to the trace this often. */
  readonly summaryEveryMs: number;
  /**
   * The supporting cluster applies the coordinator's commit stream in batches this often (each
   * batch up to the commits of the tick before), so its own copy lags the storage by up to this
   * much; a plan stamped with a newer version waits for the next batch or runs on the coordinator.
   */
  readonly replicationEveryMs: number;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** Our chosen numbers (../../docs/design/0001-failover-pair.md), realistic time. */
export const PAIR_TIMING_DESIGN: PairTiming = {
  probeIntervalMs: 5 * SECOND,
  missedProbesMax: 3,
  promoteMs: { minMs: 5 * SECOND, maxMs: 30 * SECOND },
  proxySwitchMs: { minMs: 1 * SECOND, maxMs: 1 * SECOND },
  engineRestartMs: { minMs: 30 * SECOND, maxMs: 90 * SECOND },
  dnsUpdateMs: { minMs: 1 * SECOND, maxMs: 30 * SECOND },
  dnsTtlMs: 30 * SECOND,
  restoreMs: 30 * MINUTE,
  provisionMs: { minMs: 5 * MINUTE, maxMs: 15 * MINUTE },
  resyncMs: { minMs: 1 * MINUTE, maxMs: 3 * MINUTE },
  syncMs: 10 * MINUTE,
  applyMs: { minMs: 1 * MINUTE, maxMs: 5 * MINUTE },
  tickMs: 1_000,
  executeMs: { minMs: 20, maxMs: 600 },
  remoteRetryMs: 1 * SECOND,
  clientTimeoutMs: 3 * SECOND,
  clientRetryMs: 1 * SECOND,
  summaryEveryMs: 5 * MINUTE,
  replicationEveryMs: 3 * SECOND,
};

const scale = (ms: number, divisor: number) => (ms === 0 ? 0 : Math.max(1, Math.floor(ms / divisor)));
const scaleRange = (r: DurationRange, d: number): DurationRange => ({ minMs: scale(r.minMs, d), maxMs: scale(r.maxMs, d) });

/**
 * The timing of a pair of `engine` under `profile`: the design numbers scaled by the profile's
 * divisor, with the engine's published failover time (from the profile) where AWS gives one.
 */
export function pairTiming(profile: TimingProfile, engine: EngineFamily, base: PairTiming = PAIR_TIMING_DESIGN): PairTiming {
  const d = profile.scenarioTimeDivisor;
  const s = (ms: number) => scale(ms, d);
  const promoteMs: PairTiming["promoteMs"] =
    engine === "aurora"
      ? profile.auroraFailoverMs
      : engine === "rds-multi-az-cluster"
        ? profile.multiAzClusterFailoverMs
        : engine === "elasticache"
          ? profile.elasticacheFailoverMs
          : "typical" in base.promoteMs
            ? { ...base.promoteMs, typical: scaleRange(base.promoteMs.typical, d), tail: scaleRange(base.promoteMs.tail, d) }
            : scaleRange(base.promoteMs, d);
  return {
    probeIntervalMs: s(base.probeIntervalMs),
    missedProbesMax: base.missedProbesMax,
    promoteMs,
    proxySwitchMs: profile.proxyTargetSwitchMs,
    engineRestartMs: engineRestartMs(profile, engine, base, d),
    dnsUpdateMs: engine === "aurora" || engine === "rds-multi-az-cluster" ? profile.rdsEndpointUpdateMs : scaleRange(base.dnsUpdateMs, d),
    // Aurora's own endpoints carry a 5 s TTL; other direct endpoints the design's 30 s.
    dnsTtlMs: engine === "aurora" || engine === "rds-multi-az-cluster" ? profile.rdsEndpointTtlMs : s(base.dnsTtlMs),
    restoreMs: profile.azPowerInterruptionMs,
    provisionMs: scaleRange(base.provisionMs, d),
    resyncMs: scaleRange(base.resyncMs, d),
    syncMs: s(base.syncMs),
    applyMs: scaleRange(base.applyMs, d),
    tickMs: s(base.tickMs),
    executeMs: scaleRange(base.executeMs, d),
    remoteRetryMs: s(base.remoteRetryMs),
    clientTimeoutMs: s(base.clientTimeoutMs),
    clientRetryMs: s(base.clientRetryMs),
    summaryEveryMs: s(base.summaryEveryMs),
    replicationEveryMs: s(base.replicationEveryMs),
  };
}

/** How long `engine`'s engine takes to serve again after its process restarted in place. */
function engineRestartMs(profile: TimingProfile, engine: EngineFamily, base: PairTiming, divisor: number): DurationRange {
  if (engine === "aurora") return profile.auroraEngineRestartMs;
  if (engine === "rds-multi-az-cluster") return profile.multiAzClusterEngineRestartMs;
  if (engine === "redshift") return profile.redshiftEngineRestartMs;
  return scaleRange(base.engineRestartMs, divisor);
}

/** The longest a promotion can take (the tail when there is one). */
export function maxPromoteMs(t: PairTiming): number {
  return "typical" in t.promoteMs ? Math.max(t.promoteMs.typical.maxMs, t.promoteMs.tail.maxMs) : t.promoteMs.maxMs;
}

/** The liveness bound (`failover-pair/writes-resume-and-re-pair`): a coordinator lost → writes resume through the endpoint. */
export function writeResumeBoundMs(t: PairTiming): number {
  return (
    (t.missedProbesMax + 1) * t.probeIntervalMs +
    maxPromoteMs(t) +
    Math.max(t.proxySwitchMs.maxMs, t.dnsUpdateMs.maxMs) +
    t.dnsTtlMs +
    t.clientTimeoutMs +
    2 * t.tickMs
  );
}

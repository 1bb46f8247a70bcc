/**
 * The built-in named scenarios, each an FIS experiment template built from the vocabulary:
 *
 * - `az-outage`: FIS "AZ Availability: Power Interruption" on `ctx.az`: the zone loses power for
 *   30 minutes (`sim:az:power-loss`: what FIS imitates, the simulator does — instances stop, RDS
 *   fails over, cache nodes drop, volumes go dark, actors crash); its subnets lose connectivity for
 *   the first 2 minutes (`aws:network:disrupt-connectivity`); launches in the zone fail with
 *   InsufficientInstanceCapacity for the 30 minutes of the outage and 30 more of recovery
 *   (`aws:ec2:api-insufficient-instance-capacity-error`, `aws:ec2:asg-insufficient-instance-capacity-error`).
 * - `writer-crash`: the first cluster's writer restarts (`aws:rds:reboot-db-instances`): its
 *   process crashes and comes back in place; Aurora does not fail over on a reboot. Its clients wait
 *   out the engine's crash recovery (the profile's `auroraEngineRestartMs` and kin).
 * - `instance-failure`: the first cluster's writer loses its host for 10 minutes
 *   (`sim:rds:instance-failure`): detection, failover to a standby, the host replaced.
 * - `spot-reclaim`: every running spot instance is interrupted (`aws:ec2:send-spot-instance-interruptions`,
 *   2 minutes: the warning at once, the reclaim after 120 s).
 * - `disk-stall`: I/O of every volume in `ctx.az` pauses for 2 minutes (`aws:ebs:pause-volume-io`).
 * Durations come from the profile (`azPowerInterruptionMs`, `azRecoveryMs`) or are written as FIS
 * writes them; actions whose targets the plan does not have are skipped.
 */
import type { ClusterRecord } from "../cloud/rds/rds-records";
import type { ExperimentTemplate } from "./experiment";
import { formatIsoDuration } from "./iso-duration";
import type { EmulationContext, ScenarioDefinition } from "./registry";
import { ANY_PRINCIPAL } from "./targets";

/** Written durations run divided by the profile's divisor; these undo it for profile numbers. */
function written(ctx: EmulationContext, ms: number): string {
  return formatIsoDuration(ms * ctx.profile.scenarioTimeDivisor);
}

const none = { resources: [], resourceTags: {}, filters: [], parameters: {} };

export const AZ_OUTAGE: ScenarioDefinition = {
  name: "az-outage",
  description: "FIS AZ Availability: Power Interruption — the zone loses power for 30 min, launches there fail 30 min more",
  build: (ctx): ExperimentTemplate => {
    const outage = written(ctx, ctx.profile.azPowerInterruptionMs);
    const withRecovery = written(ctx, ctx.profile.azPowerInterruptionMs + ctx.profile.azRecoveryMs);
    const zone = { availabilityZoneIdentifier: ctx.az };
    return {
      description: `AZ power interruption in ${ctx.az}`,
      emptyTargetResolution: "skip",
      targets: [
        { ...none, name: "subnets", resourceType: "aws:ec2:subnet", selectionMode: "ALL", parameters: zone },
        { ...none, name: "callers", resourceType: "aws:iam:role", selectionMode: "ALL", resources: [{ external: ANY_PRINCIPAL }] },
        { ...none, name: "groups", resourceType: "aws:ec2:autoscaling-group", selectionMode: "ALL" },
      ],
      actions: [
        { name: "power", actionId: "sim:az:power-loss", startAfter: [], parameters: { ...zone, duration: outage }, targets: {} },
        {
          name: "pause-network",
          actionId: "aws:network:disrupt-connectivity",
          startAfter: [],
          parameters: { duration: "PT2M", scope: "all" },
          targets: { Subnets: "subnets" },
        },
        {
          name: "pause-launches",
          actionId: "aws:ec2:api-insufficient-instance-capacity-error",
          startAfter: [],
          parameters: { duration: withRecovery, availabilityZoneIdentifiers: ctx.az, percentage: "100" },
          targets: { Roles: "callers" },
        },
        {
          name: "pause-asg-scaling",
          actionId: "aws:ec2:asg-insufficient-instance-capacity-error",
          startAfter: [],
          parameters: { duration: withRecovery, availabilityZoneIdentifiers: ctx.az, percentage: "100" },
          targets: { AutoScalingGroups: "groups" },
        },
      ],
    };
  },
};

/** The engines whose one writer (Redshift: leader) `writer-crash` and `instance-failure` strike. */
const ONE_WRITER = ["aurora", "rds-multi-az-cluster", "redshift"] as const;

/**
 * The RDS cluster whose writer a one-database scenario strikes: `--database`'s (none when that is
 * a Redshift database, which the database component strikes itself), else the first cluster that
 * has a writer (a global database's secondary has none).
 */
function struckCluster(ctx: EmulationContext): ClusterRecord | undefined {
  if (ctx.database === undefined) return [...ctx.cloud.rds.clusters.values()].find((c) => c.writer !== undefined);
  const id = ctx.ids.get(ctx.database);
  return id === undefined ? undefined : ctx.cloud.rds.clusters.get(id);
}

export const WRITER_CRASH: ScenarioDefinition = {
  name: "writer-crash",
  description: "a cluster's writer crashes and restarts in place (RDS reboot): --database's, else the first cluster's",
  strikesOneDatabase: ONE_WRITER,
  build: (ctx) => {
    const cluster = struckCluster(ctx);
    const writer = cluster?.writer;
    return {
      description: `writer ${writer ?? "(none)"} of ${cluster?.id ?? "(no cluster)"} crashes`,
      emptyTargetResolution: "skip",
      targets: [
        {
          ...none,
          name: "writer",
          resourceType: "aws:rds:db",
          selectionMode: "ALL",
          resources: writer ? [{ external: writer }] : [{ external: "(no writer in this plan)" }],
        },
      ],
      actions: [
        {
          name: "crash-writer",
          actionId: "aws:rds:reboot-db-instances",
          startAfter: [],
          parameters: {},
          targets: { DBInstances: "writer" },
        },
      ],
    };
  },
};

/**
 * The first cluster's writer loses its host (`sim:rds:instance-failure`): a hardware failure of one
 * instance, detected like any lost writer and failed over to a standby; RDS replaces the host, and
 * the instance is back as a reader after 10 minutes (Aurora recreates a lost instance in "typically
 * less than 10 minutes": Aurora User Guide, "Fault tolerance for an Aurora DB cluster").
 */
export const INSTANCE_FAILURE: ScenarioDefinition = {
  name: "instance-failure",
  description:
    "a cluster's writer (--database's, else the first cluster's) loses its host: detected, failed over to a standby; the host is replaced after 10 min",
  strikesOneDatabase: ONE_WRITER,
  build: (ctx) => {
    const cluster = struckCluster(ctx);
    const writer = cluster?.writer;
    return {
      description: `host of writer ${writer ?? "(none)"} of ${cluster?.id ?? "(no cluster)"} fails`,
      emptyTargetResolution: "skip",
      targets: [
        {
          ...none,
          name: "writer",
          resourceType: "aws:rds:db",
          selectionMode: "ALL",
          resources: writer ? [{ external: writer }] : [{ external: "(no writer in this plan)" }],
        },
      ],
      actions: [
        {
          name: "fail-host",
          actionId: "sim:rds:instance-failure",
          startAfter: [],
          parameters: { duration: "PT10M" },
          targets: { DBInstances: "writer" },
        },
      ],
    };
  },
};

export const SPOT_RECLAIM: ScenarioDefinition = {
  name: "spot-reclaim",
  description: "every running spot instance gets the 2-minute interruption warning, then is reclaimed",
  build: () => ({
    description: "spot interruptions",
    emptyTargetResolution: "skip",
    targets: [
      {
        ...none,
        name: "spot",
        resourceType: "aws:ec2:spot-instance",
        selectionMode: "ALL",
        filters: [{ path: "State.Name", values: ["running"] }],
      },
    ],
    actions: [
      {
        name: "interrupt",
        actionId: "aws:ec2:send-spot-instance-interruptions",
        startAfter: [],
        parameters: { durationBeforeInterruption: "PT2M" },
        targets: { SpotInstances: "spot" },
      },
    ],
  }),
};

export const DISK_STALL: ScenarioDefinition = {
  name: "disk-stall",
  description: "I/O of every volume in the zone pauses for 2 minutes",
  build: (ctx) => ({
    description: `EBS I/O pause in ${ctx.az}`,
    emptyTargetResolution: "skip",
    targets: [
      {
        ...none,
        name: "volumes",
        resourceType: "aws:ec2:ebs-volume",
        selectionMode: "ALL",
        parameters: { availabilityZoneIdentifier: ctx.az },
      },
    ],
    actions: [
      {
        name: "pause-io",
        actionId: "aws:ebs:pause-volume-io",
        startAfter: [],
        parameters: { duration: "PT2M" },
        targets: { Volumes: "volumes" },
      },
    ],
  }),
};

/**
 * Crash containment: processes of the processing groups fault (the `processing-groups` component reads the
 * scenario's name and strikes them; FIS has no action that crashes a process inside an engine, so
 * the experiment itself only waits). Registered by the processes plugin, not in NAMED_SCENARIOS.
 */
export const GROUP_CRASH: ScenarioDefinition = {
  name: "group-crash",
  description: "processes of processing groups fault: two group-local recoveries, then a fault while elevated restarts the application",
  build: () => ({
    description: "processing-group faults (injected by the processing-groups component)",
    emptyTargetResolution: "skip",
    targets: [],
    actions: [{ name: "group-faults", actionId: "aws:fis:wait", startAfter: [], parameters: { duration: "PT2M" }, targets: {} }],
  }),
};

export const NAMED_SCENARIOS: readonly ScenarioDefinition[] = [AZ_OUTAGE, WRITER_CRASH, INSTANCE_FAILURE, SPOT_RECLAIM, DISK_STALL];

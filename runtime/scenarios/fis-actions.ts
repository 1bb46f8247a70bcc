/**
 * The scenario vocabulary: AWS FIS action ids, with the parameters FIS gives them, and what each
 * does to the mock cloud. Fault model of each action (what it injects; what recovers):
 *
 * - `aws:rds:failover-db-cluster`: FailoverDBCluster on each target cluster (AWS picks the replica).
 * - `aws:rds:reboot-db-instances`: RebootDBInstance on each target (`forceFailover`: Multi-AZ
 *   failover where the engine has one); the instance and its bound actors restart.
 * - `aws:ec2:send-spot-instance-interruptions`: a rebalance recommendation now, the interruption
 *   warning 2 minutes before `durationBeforeInterruption` ends, then the instance is reclaimed.
 * - `aws:ec2:stop-instances`: stops the targets; restarts them after `startInstancesAfterDuration`.
 * - `aws:network:disrupt-connectivity`: the targeted subnets' zones are cut off the network for
 *   `duration` (actors are placed by zone, so a subnet stands for its whole zone); scopes other
 *   than `all`/`availability-zone` are traced and not modelled.
 * - `aws:ebs:pause-volume-io`: I/O of the target volumes (and bound actor disks) stalls for `duration`.
 * - `aws:elasticache:replicationgroup-interrupt-az-power` (formerly
 *   `aws:elasticache:interrupt-cluster-az-power`, still accepted): the target replication groups'
 *   nodes in the target's `availabilityZoneIdentifier` lose power for `duration`; primaries fail over.
 * - `aws:ec2:api-insufficient-instance-capacity-error`: launches by the target roles (`*`: every
 *   caller) in `availabilityZoneIdentifiers` fail with InsufficientInstanceCapacity, `percentage` %.
 * - `aws:ec2:asg-insufficient-instance-capacity-error`: the same, for the target Auto Scaling groups.
 * - `aws:fis:wait`: waits `duration`.
 * - `sim:rds:instance-failure` (a simulator extension): the target DB instances' hosts fail for
 *   `duration` — the instance is `failed`, the engine on it stops, a lost writer fails over by
 *   RDS's own detection; then the host is replaced and the instance recovers in place as a reader.
 *   FIS can only approximate it with a planned failover (`aws:rds:failover-db-cluster`, or
 *   `aws:rds:reboot-db-instances` with `forceFailover`), which skips detection: the old writer is
 *   healthy and hands over.
 * - `sim:az:power-loss` (a simulator extension; FIS can only imitate it): the zone in
 *   `availabilityZoneIdentifier` loses power for `duration` — every actor and every cloud resource
 *   in it fails, and recovers when power returns.
 * Every effect with a duration is a kernel fault: it ends after the duration or when the quiet
 * phase heals everything.
 */
import { autoScalingPrincipal } from "../cloud/ec2/auto-scaling";
import type { MockCloud } from "../cloud/mock-cloud";
import type { SimEnv } from "../sim/simulation";
import { FIS_ACTION_ALIASES } from "./fis-reference";
import { parseIsoDuration } from "./iso-duration";
import type { TargetResource } from "./targets";
import { ANY_PRINCIPAL } from "./targets";

type ParameterKind = "duration" | "boolean" | "percentage" | "zones" | "zone" | "text";

interface ParameterSpec {
  readonly kind: ParameterKind;
  readonly required: boolean;
  /** For durations: the range FIS accepts, in ms as written. */
  readonly minMs?: number;
  readonly maxMs?: number;
}

export interface ActionInput {
  readonly cloud: MockCloud;
  readonly env: SimEnv;
  readonly targets: readonly TargetResource[];
  /** Parameters as written, already validated. */
  readonly parameters: Readonly<Record<string, string>>;
  /** Parameters of the action's target (FIS target parameters, e.g. `availabilityZoneIdentifier`). */
  readonly targetParameters: Readonly<Record<string, string>>;
  /** A written duration in virtual ms (divided by the profile's `scenarioTimeDivisor`). */
  readonly ms: (iso: string) => number;
  /** A zone name for a zone name or id. */
  readonly zoneOf: (nameOrId: string) => string;
  /** One trace line about this action. */
  readonly note: (detail: string) => void;
}

export interface ActionDefinition {
  readonly id: string;
  /** The action's target key and the resource type it takes; absent for actions without targets. */
  readonly target?: { readonly key: string; readonly resourceType: string };
  readonly parameters: Readonly<Record<string, ParameterSpec>>;
  /** How long the action runs (ms, already scaled), from its parameters. */
  durationMs(parameters: Readonly<Record<string, string>>, ms: (iso: string) => number): number;
  /** Applies the action's effects now; effects with a duration end by themselves. */
  run(input: ActionInput): void;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const duration = (required = true, minMs = 0, maxMs = 12 * HOUR): ParameterSpec => ({ kind: "duration", required, minMs, maxMs });
const byDuration = (p: Readonly<Record<string, string>>, ms: (iso: string) => number) => (p.duration ? ms(p.duration) : 0);

function zonesOf(input: ActionInput, list: string | undefined): string[] | undefined {
  return list === undefined ? undefined : list.split(",").map((z) => input.zoneOf(z.trim()));
}

/** The two capacity-error actions: launches by the targets' principals (`undefined`: every caller) fail in the zones. */
function capacityErrors(
  id: string,
  target: { readonly key: string; readonly resourceType: string },
  principals: (targets: readonly TargetResource[]) => string[] | undefined,
): ActionDefinition {
  return {
    id,
    target,
    parameters: {
      duration: duration(true, MINUTE),
      availabilityZoneIdentifiers: { kind: "zones", required: true },
      percentage: { kind: "percentage", required: false },
    },
    durationMs: byDuration,
    run: (i) => {
      const callers = principals(i.targets);
      const zones = zonesOf(i, i.parameters.availabilityZoneIdentifiers);
      i.cloud.ec2.injectCapacityErrors({
        ...(callers ? { principals: callers } : {}),
        ...(zones ? { zones } : {}),
        percentage: Number(i.parameters.percentage ?? "100"),
        forMs: i.ms(i.parameters.duration as string),
      });
    },
  };
}

const ACTIONS: readonly ActionDefinition[] = [
  {
    id: "aws:rds:failover-db-cluster",
    target: { key: "Clusters", resourceType: "aws:rds:cluster" },
    parameters: {},
    durationMs: () => 0,
    run: (i) => {
      for (const t of i.targets) i.cloud.call("FailoverDBCluster", { DBClusterIdentifier: t.id }, "fis");
    },
  },
  {
    id: "aws:rds:reboot-db-instances",
    target: { key: "DBInstances", resourceType: "aws:rds:db" },
    parameters: { forceFailover: { kind: "boolean", required: false } },
    durationMs: () => 0,
    run: (i) => {
      for (const t of i.targets)
        i.cloud.call("RebootDBInstance", { DBInstanceIdentifier: t.id, ForceFailover: i.parameters.forceFailover === "true" }, "fis");
    },
  },
  {
    id: "aws:ec2:send-spot-instance-interruptions",
    target: { key: "SpotInstances", resourceType: "aws:ec2:spot-instance" },
    parameters: { durationBeforeInterruption: duration(true, 2 * MINUTE, 15 * MINUTE) },
    durationMs: (p, ms) => ms(p.durationBeforeInterruption as string),
    run: (i) => {
      const total = i.ms(i.parameters.durationBeforeInterruption as string);
      const warningAfter = Math.max(0, total - i.cloud.profile.spotInterruptionNoticeMs);
      for (const t of i.targets)
        if (!i.cloud.ec2.interruptSpot(t.id, "experiment", warningAfter)) i.note(`${t.id} not interrupted (not a running spot instance)`);
    },
  },
  {
    id: "aws:ec2:stop-instances",
    target: { key: "Instances", resourceType: "aws:ec2:instance" },
    parameters: {
      startInstancesAfterDuration: duration(false, MINUTE),
      completeIfInstancesTerminated: { kind: "boolean", required: false },
    },
    durationMs: (p, ms) => (p.startInstancesAfterDuration ? ms(p.startInstancesAfterDuration) : 0),
    run: (i) => {
      const after = i.parameters.startInstancesAfterDuration;
      const reason = { Code: "Client.UserInitiatedShutdown", Message: "Stopped by an AWS FIS experiment" };
      for (const t of i.targets) {
        if (after === undefined) i.cloud.ec2.stop(t.id, reason);
        else
          i.env.faults.custom(
            `stop-instances ${t.id}`,
            () => i.cloud.ec2.stop(t.id, reason),
            () => i.cloud.ec2.start(t.id, "fis"),
            { forMs: i.ms(after) },
          );
      }
    },
  },
  {
    id: "aws:network:disrupt-connectivity",
    target: { key: "Subnets", resourceType: "aws:ec2:subnet" },
    parameters: { duration: duration(true, MINUTE), scope: { kind: "text", required: false } },
    durationMs: byDuration,
    run: (i) => {
      const scope = i.parameters.scope ?? "all";
      if (scope !== "all" && scope !== "availability-zone") {
        i.note(`scope=${scope} not modelled (only all and availability-zone cut actors off)`);
        return;
      }
      const zones = [...new Set(i.targets.map((t) => t.zone).filter((z): z is string => z !== undefined))].sort();
      for (const z of zones) i.cloud.zones.isolate(z, { forMs: i.ms(i.parameters.duration as string) });
    },
  },
  {
    id: "aws:ebs:pause-volume-io",
    target: { key: "Volumes", resourceType: "aws:ec2:ebs-volume" },
    parameters: { duration: duration(true, 1000, 12 * HOUR) },
    durationMs: byDuration,
    run: (i) => {
      for (const t of i.targets) i.cloud.ebs.pauseIo(t.id, i.ms(i.parameters.duration as string));
    },
  },
  {
    id: "aws:elasticache:replicationgroup-interrupt-az-power",
    target: { key: "ReplicationGroups", resourceType: "aws:elasticache:replicationgroup" },
    parameters: { duration: duration(true, 5 * MINUTE) },
    durationMs: byDuration,
    run: (i) => {
      const zone = i.targetParameters.availabilityZoneIdentifier;
      if (zone === undefined) {
        i.note("no availabilityZoneIdentifier target parameter: nothing interrupted");
        return;
      }
      for (const t of i.targets) i.cloud.elasticache.interruptZonePower(t.id, i.zoneOf(zone), i.ms(i.parameters.duration as string));
    },
  },
  capacityErrors("aws:ec2:api-insufficient-instance-capacity-error", { key: "Roles", resourceType: "aws:iam:role" }, (targets) => {
    const roles = targets.map((t) => t.id);
    return roles.includes(ANY_PRINCIPAL) ? undefined : roles;
  }),
  capacityErrors(
    "aws:ec2:asg-insufficient-instance-capacity-error",
    { key: "AutoScalingGroups", resourceType: "aws:ec2:autoscaling-group" },
    (targets) => targets.map((t) => autoScalingPrincipal(t.id)),
  ),
  {
    id: "aws:fis:wait",
    parameters: { duration: duration(true) },
    durationMs: byDuration,
    run: () => {},
  },
  {
    id: "sim:rds:instance-failure",
    target: { key: "DBInstances", resourceType: "aws:rds:db" },
    parameters: { duration: duration(true, 1000) },
    durationMs: byDuration,
    run: (i) => {
      for (const t of i.targets) {
        const instance = i.cloud.rds.instances.get(t.id);
        if (instance?.status !== "available") {
          i.note(`${t.id} not failed (${instance ? instance.status : "no such DB instance"})`);
          continue;
        }
        let back: (() => void) | undefined;
        i.env.faults.custom(
          `instance-failure ${t.id}`,
          () => {
            back = i.cloud.rds.hostFailed(instance);
          },
          () => back?.(),
          { forMs: i.ms(i.parameters.duration as string) },
        );
      }
    },
  },
  {
    id: "sim:az:power-loss",
    parameters: { availabilityZoneIdentifier: { kind: "zone", required: true }, duration: duration(true, 1000) },
    durationMs: byDuration,
    run: (i) => {
      i.cloud.zones.losePower(i.zoneOf(i.parameters.availabilityZoneIdentifier as string), {
        forMs: i.ms(i.parameters.duration as string),
      });
    },
  },
];

/** The vocabulary the emulator models, by action id (former ids FIS renamed map to the same action). */
export const FIS_ACTIONS: ReadonlyMap<string, ActionDefinition> = new Map([
  ...ACTIONS.map((a) => [a.id, a] as const),
  ...[...FIS_ACTION_ALIASES].flatMap(([old, current]) => {
    const a = ACTIONS.find((x) => x.id === current);
    return a ? [[old, a] as const] : [];
  }),
]);

/** The action ids the emulator models, current ids only (what messages list). */
export const MODELLED_ACTION_IDS: readonly string[] = ACTIONS.map((a) => a.id);

/**
 * Problems with one action's parameters, as `[parameter, message, expected]`; `knownZone` says
 * whether a zone name or id exists in the cloud.
 */
export function parameterProblems(
  def: ActionDefinition,
  parameters: Readonly<Record<string, string>>,
  knownZone: (nameOrId: string) => boolean,
): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const [name, spec] of Object.entries(def.parameters)) {
    const v = parameters[name];
    if (v === undefined) {
      if (spec.required) out.push([name, "it is missing", expectedOf(spec)]);
      continue;
    }
    const problem = valueProblem(spec, v, knownZone);
    if (problem) out.push([name, problem, expectedOf(spec)]);
  }
  for (const name of Object.keys(parameters))
    if (!(name in def.parameters))
      out.push([name, "is not a parameter of this action", `one of: ${Object.keys(def.parameters).join(", ") || "(no parameters)"}`]);
  return out;
}

function valueProblem(spec: ParameterSpec, v: string, knownZone: (z: string) => boolean): string | undefined {
  switch (spec.kind) {
    case "duration": {
      const ms = parseIsoDuration(v);
      if (typeof ms !== "number") return ms.error;
      if (ms < (spec.minMs ?? 0) || ms > (spec.maxMs ?? Number.MAX_SAFE_INTEGER)) return `found ${v}, outside the range FIS accepts`;
      return undefined;
    }
    case "boolean":
      return v === "true" || v === "false" ? undefined : `found "${v}"`;
    case "percentage":
      return /^(100|[1-9]\d?)$/.test(v) ? undefined : `found "${v}"`;
    case "zone":
    case "zones": {
      const unknown = v
        .split(",")
        .map((z) => z.trim())
        .filter((z) => !knownZone(z));
      return unknown.length ? `names ${unknown.join(", ")}, not a zone of this plan's region` : undefined;
    }
    default:
      return undefined;
  }
}

function expectedOf(spec: ParameterSpec): string {
  switch (spec.kind) {
    case "duration": {
      const range = spec.minMs !== undefined && spec.maxMs !== undefined ? ` from ${spec.minMs / 1000} s to ${spec.maxMs / 1000} s` : "";
      return `an ISO-8601 duration such as PT30M${range}`;
    }
    case "boolean":
      return '"true" or "false"';
    case "percentage":
      return "an integer percentage from 1 to 100";
    case "zone":
      return "a zone name (us-east-1a) or zone id (use1-az1) of the plan's region";
    case "zones":
      return "comma-separated zone names or ids of the plan's region";
    default:
      return "a string";
  }
}

/**
 * FIS targets resolved against the mock cloud: the resources of a type, narrowed by ARNs (or plan
 * addresses, or ids), tags, filters on the resource's describe shape (`Placement.AvailabilityZone`),
 * and the resource type's parameters (`availabilityZoneIdentifier(s)`,
 * `writerAvailabilityZoneIdentifiers`), then chosen by the selection mode: `ALL`, `COUNT(n)` (n at
 * random) or `PERCENT(n)` (n % rounded down, at least one when any match; at random).
 */
import type { MockCloud } from "../cloud/mock-cloud";
import type { Link, Topology } from "../plan/topology";
import type { FisTargetNode } from "../plan/topology-infrastructure";
import type { Random } from "../sim/ports";

/** Every IAM principal: a role target written `*` hits every caller of the API. */
export const ANY_PRINCIPAL = "*";

/** One resolved target resource. */
export interface TargetResource {
  readonly type: string;
  /** The cloud id (instance id, cluster identifier, volume id, subnet address, role ARN). */
  readonly id: string;
  readonly arn: string;
  readonly address?: string;
  readonly zone?: string;
  readonly tags: Readonly<Record<string, string>>;
  /** The describe shape filters read. */
  readonly describe: unknown;
}

/** Resource types FIS actions of the vocabulary target. */
export const TARGET_TYPES = [
  "aws:ec2:instance",
  "aws:ec2:spot-instance",
  "aws:ec2:subnet",
  "aws:ec2:ebs-volume",
  "aws:ec2:autoscaling-group",
  "aws:rds:cluster",
  "aws:rds:db",
  "aws:elasticache:replicationgroup",
  "aws:iam:role",
] as const;

/** The candidates of a resource type, before any narrowing. */
export function candidates(type: string, cloud: MockCloud, topology: Topology, explicit: readonly Link[]): TargetResource[] {
  const tagsOf = (tags: readonly { Key: string; Value: string }[]) => Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
  switch (type) {
    case "aws:ec2:instance":
    case "aws:ec2:spot-instance":
      return cloud.ec2
        .list()
        .filter((i) => i.state !== "terminated" && i.state !== "shutting-down" && (type === "aws:ec2:instance" || i.lifecycle === "spot"))
        .map((i) => ({ type, id: i.id, arn: cloud.ec2.arn(i.id), zone: i.az, tags: tagsOf(i.tags), describe: cloud.ec2.describe(i) }));
    case "aws:ec2:ebs-volume":
      return cloud.ebs.list().map((v) => ({
        type,
        id: v.VolumeId,
        arn: cloud.ctx.arn("ec2", `volume/${v.VolumeId}`),
        zone: v.AvailabilityZone,
        tags: {},
        describe: v,
      }));
    case "aws:ec2:subnet":
      return topology.subnets.map((s) => ({
        type,
        id: s.address,
        arn: cloud.ctx.arn("ec2", `subnet/${s.address}`),
        address: s.address,
        ...(s.availabilityZone ? { zone: s.availabilityZone } : {}),
        tags: s.tags ?? {},
        describe: { SubnetId: s.address, AvailabilityZone: s.availabilityZone, CidrBlock: s.cidrBlock },
      }));
    case "aws:ec2:autoscaling-group":
      return cloud.autoScaling.specs().map((g) => ({
        type,
        id: g.name,
        arn: cloud.ctx.arn("autoscaling", `autoScalingGroup:${g.name}`),
        ...(g.address ? { address: g.address } : {}),
        tags: tagsOf(g.tags),
        describe: { AutoScalingGroupName: g.name, AvailabilityZones: g.zones },
      }));
    case "aws:rds:cluster":
      // A Multi-AZ DB instance is kept as a two-member record, but AWS lists it as a DB instance, not a DB cluster.
      return [...cloud.rds.clusters.values()]
        .filter((c) => c.kind !== "multi-az-instance")
        .map((c) => {
          const writer = c.writer === undefined ? undefined : cloud.rds.instances.get(c.writer);
          return {
            type,
            id: c.id,
            arn: c.arn,
            ...(c.address ? { address: c.address } : {}),
            ...(writer ? { zone: writer.az } : {}),
            tags: c.tags,
            describe: cloud.rds.describe(c),
          };
        });
    case "aws:rds:db":
      // The standby of a Multi-AZ DB instance is no DB instance of its own: AWS lists one instance, the primary.
      return [...cloud.rds.instances.values()]
        .filter((i) => i.readable)
        .map((i) => ({
          type,
          id: i.id,
          arn: i.arn,
          ...(i.address ? { address: i.address } : {}),
          zone: i.az,
          tags: i.tags,
          describe: cloud.rds.describeInstance(i),
        }));
    case "aws:elasticache:replicationgroup": {
      const described = new Map(cloud.elasticache.list().map((g) => [g.ReplicationGroupId, g]));
      return cloud.elasticache.resources().map((g) => ({
        type,
        id: g.id,
        arn: cloud.ctx.arn("elasticache", `replicationgroup:${g.id}`),
        ...(g.address !== undefined ? { address: g.address } : {}),
        tags: g.tags,
        describe: described.get(g.id),
      }));
    }
    case "aws:iam:role":
      // Roles are not modelled: a role target is the callers it names.
      return explicit.map((l) => {
        const id = "address" in l ? l.address : l.external;
        return { type, id, arn: id, tags: {}, describe: { Arn: id } };
      });
    default:
      return [];
  }
}

/** One target's resolution: the resources it hit, and why it hit none (when it hit none). */
export interface TargetResolution {
  readonly resources: TargetResource[];
  /** Which narrowing left nothing, and what the plan holds instead; set when `resources` is empty. */
  readonly why?: string;
}

/** The plan's resource types behind each FIS resource type, for messages. */
const PLAN_TYPES: Readonly<Record<string, string>> = {
  "aws:ec2:instance": "EC2 instances (launched from the plan's Auto Scaling groups and contingency reservations)",
  "aws:ec2:spot-instance": "running spot instances (launched from the plan's spot pools)",
  "aws:ec2:subnet": "aws_subnet resources",
  "aws:ec2:ebs-volume": "EBS volumes (of the plan's databases and hosts)",
  "aws:ec2:autoscaling-group": "aws_autoscaling_group resources",
  "aws:rds:cluster": "aws_rds_cluster resources",
  "aws:rds:db": "aws_rds_cluster_instance or aws_db_instance resources (or Multi-AZ DB cluster members)",
  "aws:elasticache:replicationgroup": "aws_elasticache_replication_group resources",
  "aws:iam:role": "IAM roles named by the target",
};

/** Resolves one template target; `zoneOf` maps a zone name or id to a zone name. */
export function resolveTarget(
  target: FisTargetNode,
  cloud: MockCloud,
  topology: Topology,
  random: Random,
  zoneOf: (nameOrId: string) => string | undefined,
): TargetResource[] {
  return resolveTargetWithReason(target, cloud, topology, random, zoneOf).resources;
}

/** {@link resolveTarget}, with the reason a target resolved to nothing. */
export function resolveTargetWithReason(
  target: FisTargetNode,
  cloud: MockCloud,
  topology: Topology,
  random: Random,
  zoneOf: (nameOrId: string) => string | undefined,
): TargetResolution {
  const all = candidates(target.resourceType, cloud, topology, target.resources);
  const name = (r: TargetResource) => r.address ?? r.id;
  const list = (rs: readonly TargetResource[], f: (r: TargetResource) => string = name) =>
    rs.length <= 5 ? rs.map(f).join(", ") : `${rs.slice(0, 5).map(f).join(", ")} and ${rs.length - 5} more`;
  if (all.length === 0) {
    const hint =
      target.resourceType === "aws:ec2:subnet"
        ? "; subnets written as literal ids (subnet-…) are not resources of the plan, so neither their zone nor their tags are known: declare them as aws_subnet blocks, or target the zone with another action"
        : "";
    return { resources: [], why: `the plan has no ${PLAN_TYPES[target.resourceType] ?? target.resourceType}${hint}` };
  }
  let found = all;
  if (target.resources.length > 0 && target.resourceType !== "aws:iam:role") {
    const wanted = new Set(target.resources.map((l) => ("address" in l ? l.address : l.external)));
    found = found.filter((r) => wanted.has(r.id) || wanted.has(r.arn) || (r.address !== undefined && wanted.has(r.address)));
    if (found.length === 0)
      return {
        resources: [],
        why: `resourceArns name ${[...wanted].join(", ")}; none is one of the plan's ${target.resourceType} (${list(all)})`,
      };
  }
  for (const [k, v] of Object.entries(target.resourceTags)) {
    const before = found;
    found = found.filter((r) => r.tags[k] === v);
    if (found.length === 0) {
      const seen = (r: TargetResource) => `${name(r)} ${r.tags[k] === undefined ? `has no ${k} tag` : `has ${k}=${r.tags[k]}`}`;
      return {
        resources: [],
        why: `no ${target.resourceType} carries the tag ${k}=${v} (${list(before, seen)}); tags are the resource's tags merged with the provider's default_tags`,
      };
    }
  }
  for (const f of target.filters) {
    const before = found;
    found = found.filter((r) => f.values.some((v) => valuesAt(r.describe, f.path).includes(v)));
    if (found.length === 0) {
      const values = [...new Set(before.flatMap((r) => valuesAt(r.describe, f.path)))];
      return {
        resources: [],
        why: `the filter ${f.path} in [${f.values.join(", ")}] matches none of ${list(before)} (found ${values.length ? values.join(", ") : "no value at that path"})`,
      };
    }
  }
  const zoneParam =
    target.parameters.availabilityZoneIdentifier ??
    target.parameters.availabilityZoneIdentifiers ??
    target.parameters.writerAvailabilityZoneIdentifiers;
  // A replication group spans zones: its zone parameter says where the action strikes, not which groups.
  if (zoneParam !== undefined && target.resourceType !== "aws:elasticache:replicationgroup") {
    const before = found;
    const zones = new Set(zoneParam.split(",").map((z) => zoneOf(z.trim()) ?? z.trim()));
    found = found.filter((r) => r.zone !== undefined && zones.has(r.zone));
    if (found.length === 0)
      return {
        resources: [],
        why: `none of ${list(before)} is in ${[...zones].join(", ")} (${list(before, (r) => `${name(r)} in ${r.zone ?? "an unknown zone"}`)})`,
      };
  }
  const chosen = select(found, target.selectionMode, random);
  return chosen.length
    ? { resources: chosen }
    : { resources: [], why: `selection mode ${target.selectionMode} chose none of ${list(found)}` };
}

function select(found: TargetResource[], mode: string, random: Random): TargetResource[] {
  if (mode === "ALL") return found;
  const m = /^(COUNT|PERCENT)\((\d+)\)$/.exec(mode);
  if (!m) return [];
  const n = Number(m[2]);
  const k = m[1] === "COUNT" ? n : found.length === 0 || n === 0 ? 0 : Math.max(1, Math.floor((found.length * n) / 100));
  return random.shuffle([...found]).slice(0, Math.min(k, found.length));
}

/** Every value at a dotted path; arrays along the way fan out (`DBClusterMembers.IsClusterWriter`). */
function valuesAt(o: unknown, path: string): string[] {
  let level: unknown[] = [o];
  for (const key of path.split(".")) {
    level = level.flatMap((v) => {
      const next = v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined;
      return Array.isArray(next) ? next : next === undefined ? [] : [next];
    });
  }
  return level.map(String);
}

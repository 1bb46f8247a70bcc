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
        tags: {},
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
      return [...cloud.rds.clusters.values()].map((c) => {
        const writer = c.writer === undefined ? undefined : cloud.rds.instances.get(c.writer);
        return {
          type,
          id: c.id,
          arn: c.arn,
          ...(c.address ? { address: c.address } : {}),
          ...(writer ? { zone: writer.az } : {}),
          tags: {},
          describe: cloud.rds.describe(c),
        };
      });
    case "aws:rds:db":
      return [...cloud.rds.instances.values()].map((i) => ({
        type,
        id: i.id,
        arn: i.arn,
        ...(i.address ? { address: i.address } : {}),
        zone: i.az,
        tags: {},
        describe: cloud.rds.describeInstance(i),
      }));
    case "aws:elasticache:replicationgroup":
      return cloud.elasticache.list().map((g) => ({
        type,
        id: g.ReplicationGroupId,
        arn: cloud.ctx.arn("elasticache", `replicationgroup:${g.ReplicationGroupId}`),
        tags: {},
        describe: g,
      }));
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

/** Resolves one template target; `zoneOf` maps a zone name or id to a zone name. */
export function resolveTarget(
  target: FisTargetNode,
  cloud: MockCloud,
  topology: Topology,
  random: Random,
  zoneOf: (nameOrId: string) => string | undefined,
): TargetResource[] {
  let found = candidates(target.resourceType, cloud, topology, target.resources);
  if (target.resources.length > 0 && target.resourceType !== "aws:iam:role") {
    const wanted = new Set(target.resources.map((l) => ("address" in l ? l.address : l.external)));
    found = found.filter((r) => wanted.has(r.id) || wanted.has(r.arn) || (r.address !== undefined && wanted.has(r.address)));
  }
  for (const [k, v] of Object.entries(target.resourceTags)) found = found.filter((r) => r.tags[k] === v);
  for (const f of target.filters) found = found.filter((r) => f.values.some((v) => valuesAt(r.describe, f.path).includes(v)));
  const zoneParam =
    target.parameters.availabilityZoneIdentifier ??
    target.parameters.availabilityZoneIdentifiers ??
    target.parameters.writerAvailabilityZoneIdentifiers;
  // A replication group spans zones: its zone parameter says where the action strikes, not which groups.
  if (zoneParam !== undefined && target.resourceType !== "aws:elasticache:replicationgroup") {
    const zones = new Set(zoneParam.split(",").map((z) => zoneOf(z.trim()) ?? z.trim()));
    found = found.filter((r) => r.zone !== undefined && zones.has(r.zone));
  }
  return select(found, target.selectionMode, random);
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

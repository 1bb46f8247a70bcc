import { PROMOTION_TIER, SERVERLESS_SCALES_WITH_WRITER_MAX_TIER } from "../../contract/plan-contract";
import { Token } from "../../private/cdktf";
import type { Finding, Rule } from "../../private/validation";
import type { ResolvedDatabase, ResolvedMember } from "../resolve";

/**
 * Where the writer and its standbys run: zones with subnets, enough zones, explicit tiers that
 * match roles, and a failover target of the writer's size in another zone. Values that are
 * unresolved tokens are skipped (known only at apply time).
 */

const known = (s: string | undefined): s is string => s !== undefined && !Token.isUnresolved(s);

function subnetZones(t: ResolvedDatabase): Set<string> {
  return new Set(t.subnets.map((s) => s.availabilityZone).filter(known));
}

function subnetZonesUnknown(t: ResolvedDatabase): boolean {
  return t.subnets.some((s) => !known(s.availabilityZone));
}

const list = (zones: Iterable<string>) => [...zones].sort().join(", ");
const andList = (items: readonly string[]) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

function zoneHasSubnet(field: string, az: string | undefined, t: ResolvedDatabase, what = "the instance"): Finding[] {
  const zones = subnetZones(t);
  if (!known(az) || subnetZonesUnknown(t) || zones.has(az)) return [];
  return [
    {
      field,
      message: `'${az}' has no subnet in the database's subnet group (zones with subnets: ${list(zones)})`,
      fix: `add a subnet in ${az} to subnets, or place ${what} in one of ${list(zones)}`,
    },
  ];
}

/** `standby 'report-c' (db.r6g.large in us-east-1c, tier 2)`, or the ElastiCache equivalent. */
export function describeMember(t: ResolvedDatabase, m: ResolvedMember): string {
  if (t.family === "elasticache") return `${m.name} in ${m.availabilityZone}`;
  return `standby '${m.name}' (${m.instanceClass} in ${m.availabilityZone}, tier ${m.promotionTier})`;
}

/** How messages name each family as a sentence subject. */
export const ENGINE_NAME = {
  aurora: "Aurora",
  "rds-multi-az-cluster": "A Multi-AZ DB cluster",
  redshift: "Redshift",
  elasticache: "ElastiCache",
} as const;

/** The Serverless v2 capacity of an Aurora database, if it has one. */
function serverlessScaling(t: ResolvedDatabase) {
  return t.props.engine === "aurora-postgresql" || t.props.engine === "aurora-mysql" ? t.props.serverlessV2Scaling : undefined;
}

/** A serverless standby in tier ≥ 2 scales on its own load, so its size at promotion is not the writer's. */
export function scalesIndependently(m: ResolvedMember): boolean {
  return m.serverless && m.role !== "writer" && (m.promotionTier ?? 0) > SERVERLESS_SCALES_WITH_WRITER_MAX_TIER;
}

export const placementRules: readonly Rule<ResolvedDatabase>[] = [
  {
    id: "resilience:subnets-span-two-zones",
    severity: "error",
    check: (t) => {
      const zones = subnetZones(t);
      if (zones.size >= 2 || subnetZonesUnknown(t)) return [];
      return [
        {
          field: "subnets",
          message: `subnets cover ${zones.size} Availability Zone${zones.size === 1 ? "" : "s"} (${[...zones].join(", ") || "none"}); a subnet group needs at least 2`,
          fix: "add subnets in at least two Availability Zones",
        },
      ];
    },
  },
  {
    id: "resilience:subnets-span-three-zones",
    severity: "error",
    check: (t) => {
      const zones = subnetZones(t);
      // Fewer than two zones is reported by subnets-span-two-zones alone.
      if (t.limits.minSubnetZones < 3 || zones.size < 2 || zones.size >= 3 || subnetZonesUnknown(t)) return [];
      const why =
        t.family === "redshift"
          ? "Redshift Multi-AZ needs a subnet group in at least 3"
          : "a Multi-AZ DB cluster puts its writer and two standbys in 3 different zones";
      return [
        {
          field: "subnets",
          message: `subnets cover 2 Availability Zones (${list(zones)}); ${why}`,
          fix: "add a subnet in a third Availability Zone",
        },
      ];
    },
  },
  {
    id: "resilience:writer-zone-has-subnet",
    severity: "error",
    check: (t) => zoneHasSubnet(t.writer.zoneField, t.writer.availabilityZone, t, t.family === "aurora" ? "the writer" : "it"),
  },
  {
    id: "resilience:standby-zone-has-subnet",
    severity: "error",
    check: (t) =>
      t.standbys.flatMap((s) => zoneHasSubnet(s.zoneField, s.availabilityZone, t, t.family === "aurora" ? "the standby" : "the replica")),
  },
  {
    id: "resilience:cluster-zones-have-subnets",
    severity: "error",
    check: (t) => (t.availabilityZones ?? []).flatMap((az, i) => zoneHasSubnet(`availabilityZones[${i}]`, az, t, "the cluster")),
  },
  {
    id: "resilience:instances-in-cluster-zones",
    severity: "error",
    check: (t) => {
      const zones = t.availabilityZones;
      if (t.family !== "aurora" || !zones || !zones.every(known)) return [];
      return [t.writer, ...t.standbys].flatMap((m): Finding[] =>
        !known(m.availabilityZone) || zones.includes(m.availabilityZone)
          ? []
          : [
              {
                field: m.zoneField,
                message: `'${m.availabilityZone}' is not one of the cluster's availabilityZones (${list(zones)}), the only zones its instances can run in`,
                fix: `place the instance in one of ${list(zones)}, or list ${m.availabilityZone} in availabilityZones`,
              },
            ],
      );
    },
  },
  {
    id: "resilience:standby-ids-unique",
    severity: "error",
    check: (t) => {
      if (t.family !== "aurora") return [];
      const seen = new Map<string, number | undefined>();
      const out: Finding[] = [];
      for (const s of t.standbys) {
        const key = s.name.toLowerCase();
        if (!seen.has(key)) seen.set(key, s.index);
        else
          out.push({
            field: `standbys[${s.index}].id`,
            message: `'${s.name}' is already used by standbys[${seen.get(key)}] (ids are compared case-insensitively, as instance identifiers are)`,
            fix: "give each standby its own id",
          });
      }
      return out;
    },
  },
  {
    id: "resilience:instance-identifier-length",
    severity: "error",
    check: (t) =>
      t.family !== "aurora"
        ? []
        : t.standbys.flatMap((s): Finding[] => {
            const full = `${t.identifier}-${s.name.toLowerCase()}`;
            if (Token.isUnresolved(t.identifier) || full.length <= 63) return [];
            return [
              {
                field: `standbys[${s.index}].id`,
                message: `the instance identifier '${full}' has ${full.length} characters; RDS allows 63`,
                fix: `shorten the id to at most ${Math.max(1, 63 - t.identifier.length - 1)} characters, or set a shorter clusterIdentifier`,
              },
            ];
          }),
  },
  {
    id: "resilience:tier-matches-role",
    severity: "error",
    check: (t) =>
      t.standbys.flatMap((s): Finding[] => {
        const tier = s.promotionTier;
        if (tier === undefined || Token.isUnresolved(tier)) return [];
        if (s.role === "failover" && tier > PROMOTION_TIER.failover)
          return [
            {
              field: `standbys[${s.index}].promotionTier`,
              message: `a failover standby has promotion tier ${tier}, so readers could outrank it`,
              fix: `use promotion tier ${PROMOTION_TIER.failover} for failover standbys, or set role: 'read'`,
            },
          ];
        if (s.role === "read" && tier < PROMOTION_TIER.readMin)
          return [
            {
              field: `standbys[${s.index}].promotionTier`,
              message: `a read replica has promotion tier ${tier}, so it would be promoted before or with the failover standbys`,
              fix: `use a promotion tier from ${PROMOTION_TIER.readMin} to ${PROMOTION_TIER.max} for readers, or set role: 'failover'`,
            },
          ];
        return [];
      }),
  },
  {
    id: "resilience:failover-standby-in-other-zone",
    severity: "error",
    waivable: "on-construct",
    check: (t) => {
      // AWS places a Multi-AZ DB cluster's and Redshift's standbys itself; an ElastiCache group
      // without replicas is reported by elasticache-replica-for-failover.
      if (t.standbys.length === 0 && t.family !== "aurora") return [];
      const writer = t.writer;
      const failover = t.standbys.filter((s) => s.role === "failover");
      const topTier = Math.min(...failover.map((s) => s.promotionTier ?? PROMOTION_TIER.failover));
      const top = failover.filter((s) => (s.promotionTier ?? PROMOTION_TIER.failover) === topTier);
      const ok = top.some((s) => {
        if (!known(s.availabilityZone) || !known(writer.availabilityZone)) return true;
        if (s.availabilityZone === writer.availabilityZone) return false;
        return s.capacityGib === undefined || writer.capacityGib === undefined || s.capacityGib >= writer.capacityGib;
      });
      if (ok) return [];
      if (t.family === "elasticache")
        return [
          {
            field: "replicaAvailabilityZones",
            message: `no replica is in another Availability Zone than the primary (${writer.availabilityZone}), so losing that zone loses every node; found: ${top.map((s) => describeMember(t, s)).join("; ")}`,
            fix: `put at least one replica in a zone other than ${writer.availabilityZone}`,
          },
        ];
      const writerSize = writer.serverless ? `${writer.instanceClass} up to ${writer.capacityGib ?? "?"} GiB` : writer.instanceClass;
      return [
        {
          field: "standbys",
          message: `no failover standby of the top promotion tier is in another Availability Zone than the writer (${writer.availabilityZone}) with at least the writer's size (${writerSize}); found: ${top.length ? top.map((s) => describeMember(t, s)).join("; ") : "no failover standby"}`,
          fix: `add a standby with role: 'failover' in a zone other than ${writer.availabilityZone}, with instanceClass omitted (same as the writer) or at least as large`,
        },
      ];
    },
  },
  {
    id: "resilience:serverless-needs-scaling",
    severity: "error",
    check: (t) => {
      if (serverlessScaling(t)) return [];
      const serverless = [t.writer, ...t.standbys].filter((m) => m.serverless);
      if (serverless.length === 0) return [];
      return [
        {
          field: "serverlessV2Scaling",
          message: `${andList(serverless.map((m) => (m.role === "writer" ? "the writer" : `standby '${m.name}'`)))} ${serverless.length === 1 ? "is" : "are"} db.serverless, whose capacity is set on the cluster, but serverlessV2Scaling is not set; AWS rejects the instance`,
          fix: "set serverlessV2Scaling: { minCapacity: 0.5, maxCapacity: <ACUs for the writer's peak, 1 ACU ≈ 2 GiB> }",
        },
      ];
    },
  },
  {
    id: "resilience:reader-smaller-than-writer",
    severity: "warning",
    check: (t) => {
      const writerGib = t.writer.capacityGib;
      if (writerGib === undefined) return [];
      return t.standbys.flatMap((s): Finding[] => {
        const gib = s.capacityGib;
        if (gib === undefined || gib >= writerGib || scalesIndependently(s)) return [];
        return [
          {
            field: s.classField,
            message: `${describeMember(t, s)} can still be promoted if every higher-tier standby is lost; a failover to ${s.instanceClass} would cut memory ${Math.round(writerGib / gib)}× (${writerGib} → ${gib} GiB)`,
            fix: "use the writer's instance class, or acknowledge the risk for reporting replicas",
          },
        ];
      });
    },
  },
  {
    id: "resilience:serverless-reader-scales-independently",
    severity: "warning",
    check: (t) => {
      const min = serverlessScaling(t)?.minCapacity;
      return t.standbys.filter(scalesIndependently).map((s) => ({
        field: `standbys[${s.index}].promotionTier`,
        message: `standby '${s.name}' (db.serverless, tier ${s.promotionTier}) scales on its own read load, not with the writer (only tiers 0–1 do); promoted once every failover standby is lost, it starts from its current capacity, as low as ${min ?? "minCapacity"} ACUs`,
        fix: "use role: 'failover' (tier 1) if it should take over at the writer's capacity, or acknowledge it for reporting replicas",
      }));
    },
  },
];

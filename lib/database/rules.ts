import { Token } from "../private/cdktf";
import { defineRules, type Finding } from "../private/validation";
import { PROMOTION_TIER } from "../spec/contract";
import { instanceMemoryGib } from "./instance-class";
import type { ResolvedStandby, ResolvedTopology } from "./resolve";

/**
 * Cross-field rules of `MultiAzDatabase`. Each returns every finding; the runner reports them
 * all at once. Values that are unresolved tokens are skipped (known only at apply time).
 */

const known = (s: string): boolean => !Token.isUnresolved(s);

function zonesWithSubnets(t: ResolvedTopology): Set<string> {
  return new Set(t.subnets.map((s) => s.availabilityZone).filter(known));
}

function subnetZonesUnknown(t: ResolvedTopology): boolean {
  return t.subnets.some((s) => !known(s.availabilityZone));
}

function subnetZoneFinding(field: string, az: string, t: ResolvedTopology): Finding[] {
  const zones = zonesWithSubnets(t);
  if (!known(az) || subnetZonesUnknown(t) || zones.has(az)) return [];
  return [
    {
      field,
      message: `'${az}' has no subnet in the database's subnet group (zones with subnets: ${[...zones].sort().join(", ")})`,
      fix: `add a subnet in ${az} to subnets, or place the instance in one of ${[...zones].sort().join(", ")}`,
    },
  ];
}

function describe(s: ResolvedStandby): string {
  return `standby '${s.id}' (${s.instanceClass} in ${s.availabilityZone}, tier ${s.promotionTier})`;
}

export const multiAzDatabaseRules = defineRules<ResolvedTopology>([
  {
    id: "resilience:subnets-span-two-zones",
    severity: "error",
    check: (t) => {
      const zones = zonesWithSubnets(t);
      if (zones.size >= 2 || subnetZonesUnknown(t)) return [];
      return [
        {
          field: "subnets",
          message: `subnets cover ${zones.size} Availability Zone${zones.size === 1 ? "" : "s"} (${[...zones].join(", ") || "none"}); a DB subnet group needs at least 2`,
          fix: "add subnets in at least two Availability Zones",
        },
      ];
    },
  },
  {
    id: "resilience:writer-zone-has-subnet",
    severity: "error",
    check: (t) => subnetZoneFinding("writer.availabilityZone", t.writer.availabilityZone, t),
  },
  {
    id: "resilience:standby-zone-has-subnet",
    severity: "error",
    check: (t) => t.standbys.flatMap((s) => subnetZoneFinding(`standbys[${s.index}].availabilityZone`, s.availabilityZone, t)),
  },
  {
    id: "resilience:standby-ids-unique",
    severity: "error",
    check: (t) => {
      const seen = new Map<string, number>();
      const out: Finding[] = [];
      for (const s of t.standbys) {
        const first = seen.get(s.id.toLowerCase());
        if (first === undefined) seen.set(s.id.toLowerCase(), s.index);
        else
          out.push({
            field: `standbys[${s.index}].id`,
            message: `'${s.id}' is already used by standbys[${first}] (ids are compared case-insensitively, as instance identifiers are)`,
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
      t.standbys.flatMap((s): Finding[] => {
        const full = `${t.identifier}-${s.id.toLowerCase()}`;
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
        if (Token.isUnresolved(s.promotionTier)) return [];
        if (s.role === "failover" && s.promotionTier > PROMOTION_TIER.failover)
          return [
            {
              field: `standbys[${s.index}].promotionTier`,
              message: `a failover standby has promotion tier ${s.promotionTier}, so readers could outrank it`,
              fix: `use promotion tier ${PROMOTION_TIER.failover} for failover standbys, or set role: 'read'`,
            },
          ];
        if (s.role === "read" && s.promotionTier < PROMOTION_TIER.readMin)
          return [
            {
              field: `standbys[${s.index}].promotionTier`,
              message: `a read replica has promotion tier ${s.promotionTier}, so it would be promoted before or with the failover standbys`,
              fix: `use a promotion tier from ${PROMOTION_TIER.readMin} to ${PROMOTION_TIER.max} for readers, or set role: 'failover'`,
            },
          ];
        return [];
      }),
  },
  {
    id: "resilience:failover-standby-in-other-zone",
    severity: "error",
    check: (t) => {
      const writerAz = t.writer.availabilityZone;
      const writerGib = instanceMemoryGib(t.writer.instanceClass);
      const failover = t.standbys.filter((s) => s.role === "failover");
      const topTier = Math.min(...failover.map((s) => s.promotionTier));
      const top = failover.filter((s) => s.promotionTier === topTier);
      const ok = top.some((s) => {
        if (!known(s.availabilityZone) || !known(writerAz)) return true;
        if (s.availabilityZone === writerAz) return false;
        const gib = instanceMemoryGib(s.instanceClass);
        return gib === undefined || writerGib === undefined || gib >= writerGib;
      });
      if (ok) return [];
      const seen = top.length ? top.map(describe).join("; ") : "no failover standby";
      return [
        {
          field: "standbys",
          message: `no failover standby of the top promotion tier is in another Availability Zone than the writer (${writerAz}) with at least the writer's size (${t.writer.instanceClass}); found: ${seen}`,
          fix: `add a standby with role: 'failover' in a zone other than ${writerAz}, with instanceClass omitted (same as the writer) or at least as large`,
        },
      ];
    },
  },
  {
    id: "resilience:reader-smaller-than-writer",
    severity: "warning",
    check: (t) => {
      const writerGib = instanceMemoryGib(t.writer.instanceClass);
      if (writerGib === undefined) return [];
      return t.standbys.flatMap((s): Finding[] => {
        const gib = instanceMemoryGib(s.instanceClass);
        if (gib === undefined || gib >= writerGib) return [];
        return [
          {
            field: `standbys[${s.index}].instanceClass`,
            message: `${describe(s)} can still be promoted if every higher-tier standby is lost; a failover to ${s.instanceClass} would cut memory ${Math.round(writerGib / gib)}× (${writerGib} → ${gib} GiB)`,
            fix: "use the writer's instance class, or acknowledge the risk for reporting replicas",
          },
        ];
      });
    },
  },
]);

/**
 * Cross-field rules of ContingencyCapacity: every failing rule is reported together, with the
 * construct path. The checks read the props defensively, because the constructor also runs them
 * on props zod rejected (so one error names every problem at once).
 */
import { defineRules, type Finding } from "../private/validation";
import type { ContingencyCapacityProps } from "./contingency-capacity";

export interface CapacityRuleContext {
  readonly props: Partial<ContingencyCapacityProps>;
}

/** `us-east-1a` → `us-east-1`; zone ids (`use1-az1`) have no region suffix to compare. */
function regionOf(az: string): string | undefined {
  const m = /^([a-z]{2}(?:-[a-z]+)+-\d+)[a-z]$/.exec(az);
  return m?.[1];
}

const str = (x: unknown): x is string => typeof x === "string" && x.length > 0;

export const CAPACITY_RULES = defineRules<CapacityRuleContext>([
  {
    id: "resilience:contingency-in-primary-az",
    severity: "error",
    check: ({ props }): Finding[] =>
      str(props.contingencyAvailabilityZone) && props.contingencyAvailabilityZone === props.primaryAvailabilityZone
        ? [
            {
              field: "contingencyAvailabilityZone",
              message: `the contingency is designated in the primary's zone (got "${props.contingencyAvailabilityZone}"), so the outage it is for takes it too`,
              fix: "designate it in another Availability Zone of the same region",
            },
          ]
        : [],
  },
  {
    id: "resilience:contingency-other-region",
    severity: "error",
    check: ({ props }): Finding[] => {
      const { primaryAvailabilityZone: p, contingencyAvailabilityZone: c } = props;
      if (!str(p) || !str(c)) return [];
      const [rp, rc] = [regionOf(p), regionOf(c)];
      return rp && rc && rp !== rc
        ? [
            {
              field: "contingencyAvailabilityZone",
              message: `"${c}" is in ${rc}, the primary "${p}" in ${rp}: storage is replicated across zones of one region, and an Auto Scaling group spans one region`,
              fix: `designate the contingency in a zone of ${rp}`,
            },
          ]
        : [];
    },
  },
  {
    id: "resilience:contingency-subnet-zone",
    severity: "error",
    check: ({ props }): Finding[] => {
      const zone = props.contingencyAvailabilityZone;
      if (!str(zone) || !Array.isArray(props.contingencySubnets)) return [];
      return props.contingencySubnets.flatMap((s, i): Finding[] =>
        s && str(s.availabilityZone) && s.availabilityZone !== zone
          ? [
              {
                field: `contingencySubnets[${i}].availabilityZone`,
                message: `the spot pool would launch in "${s.availabilityZone}", outside the designated zone "${zone}", where a failover cannot revoke it`,
                fix: `pass only subnets of ${zone}`,
              },
            ]
          : [],
      );
    },
  },
  {
    id: "resilience:contingency-smaller-than-primary",
    severity: "warning",
    check: ({ props }): Finding[] => {
      const primary = props.primaryCount ?? 1;
      const designated = props.designatedCount ?? primary;
      return typeof designated === "number" && typeof primary === "number" && designated >= 1 && designated < primary
        ? [
            {
              field: "designatedCount",
              message: `${designated} designated for ${primary} primary instances: a failover would run on ${designated}/${primary} of the capacity`,
              fix: `designate ${primary}, or acknowledge the reduced capacity`,
            },
          ]
        : [];
    },
  },
  {
    id: "resilience:contingency-named-without-instances",
    severity: "error",
    check: ({ props }): Finding[] =>
      props.designationMode === "named" && !(Array.isArray(props.designatedInstances) && props.designatedInstances.length > 0)
        ? [
            {
              field: "designatedInstances",
              message: `named mode designates specific instances or hosts, but none are listed (got ${props.designatedInstances === undefined ? "none" : "[]"})`,
              fix: 'list their ids (i-… or h-…), or use designationMode "count"',
            },
          ]
        : [],
  },
  {
    id: "resilience:contingency-instances-without-named-mode",
    severity: "error",
    check: ({ props }): Finding[] =>
      Array.isArray(props.designatedInstances) && props.designationMode !== "named"
        ? [
            {
              field: "designationMode",
              message: `designatedInstances are listed but the mode is ${props.designationMode ?? "count (the default)"} (got "${props.designationMode ?? "count"}"), which would ignore them`,
              fix: 'set designationMode: "named", or drop designatedInstances',
            },
          ]
        : [],
  },
  {
    id: "resilience:contingency-named-count-mismatch",
    severity: "error",
    check: ({ props }): Finding[] => {
      const ids = props.designatedInstances;
      return props.designationMode === "named" &&
        Array.isArray(ids) &&
        ids.length > 0 &&
        props.designatedCount !== undefined &&
        props.designatedCount !== ids.length
        ? [
            {
              field: "designatedCount",
              message: `named mode designates the ${ids.length} listed instance(s), but designatedCount says otherwise (got ${props.designatedCount})`,
              fix: `drop designatedCount (the list sets it), or set it to ${ids.length}`,
            },
          ]
        : [];
    },
  },
  {
    id: "resilience:contingency-named-duplicate",
    severity: "error",
    check: ({ props }): Finding[] => {
      const ids = Array.isArray(props.designatedInstances) ? props.designatedInstances : [];
      const dup = ids.filter((id, k) => ids.indexOf(id) !== k);
      return dup.length > 0
        ? [
            {
              field: "designatedInstances",
              message: `an instance is designated twice, so fewer are designated than listed (got ${[...new Set(dup)].map((d) => `"${d}"`).join(", ")} twice)`,
              fix: "list each instance or host once",
            },
          ]
        : [];
    },
  },
]);

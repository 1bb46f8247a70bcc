/**
 * Scenarios of contingency capacity: the paths a zone outage does not reach.
 *
 * - `spot-price-spike`: the spot price of every contingency pool jumps above what its lessees bid
 *   for 30 minutes, then falls back: every lease is outbid and revoked (the `contingency-capacity`
 *   component moves the price; FIS has no action for a market price, so the experiment only waits).
 * - `head-node-failure`: the head node alone stops for 10 minutes (`aws:ec2:stop-instances` on the
 *   instances tagged `resilience:role = primary-capacity`); its zone stays healthy, so the
 *   replacement starts there and no lease is touched.
 * - `contingency-supplement`: a supplement beside a healthy primary: the component asks for the
 *   designated capacity for performance; leases are revoked with their notice, then the capacity
 *   joins the primary (the experiment only waits).
 * - `lease-downgrade`: every lease on designated capacity is downgraded to no notice at a lower
 *   price, then the primary zone loses power 10 minutes later: the failover revokes the downgraded
 *   leases without warning.
 * - `second-failover`: the primary zone loses power for 20 minutes (failover into the contingency
 *   zone), comes back (the roles swap: its zone becomes the contingency), and 10 minutes later the
 *   new primary's zone loses power for 20 minutes: the second failover launches back into the
 *   capacity re-designated in the old primary's zone.
 * A plan without contingency capacity has nothing these strike: its runs are "not judged".
 */
import type { FisActionNode } from "../plan/topology-infrastructure";
import type { ExperimentTemplate } from "./experiment";
import type { ScenarioDefinition } from "./registry";

const none = { resources: [], resourceTags: {}, filters: [], parameters: {} };

/** An experiment that only waits: the component acts on the scenario's name. */
function waits(description: string, duration: string): ExperimentTemplate {
  return {
    description,
    emptyTargetResolution: "skip",
    targets: [],
    actions: [{ name: "hold", actionId: "aws:fis:wait", startAfter: [], parameters: { duration }, targets: {} }],
  };
}

export const SPOT_PRICE_SPIKE: ScenarioDefinition = {
  name: "spot-price-spike",
  description: "the spot price of the contingency pools jumps above every lessee's bid for 30 min: outbid leases are revoked",
  build: () => waits("spot price spike on the contingency pools (moved by the contingency-capacity component)", "PT30M"),
};

export const HEAD_NODE_FAILURE: ScenarioDefinition = {
  name: "head-node-failure",
  description: "the contingency service's head node alone stops for 10 min, its zone healthy: a node-only failover",
  build: () => ({
    description: "head node stop (aws:ec2:stop-instances on resilience:role = primary-capacity)",
    emptyTargetResolution: "skip",
    targets: [
      {
        ...none,
        name: "heads",
        resourceType: "aws:ec2:instance",
        selectionMode: "ALL",
        resourceTags: { "resilience:role": "primary-capacity" },
        filters: [{ path: "State.Name", values: ["running"] }],
      },
    ],
    actions: [
      {
        name: "stop-head",
        actionId: "aws:ec2:stop-instances",
        startAfter: [],
        parameters: { startInstancesAfterDuration: "PT10M" },
        targets: { Instances: "heads" },
      },
    ],
  }),
};

export const CONTINGENCY_SUPPLEMENT: ScenarioDefinition = {
  name: "contingency-supplement",
  description: "the designated capacity joins a healthy primary (a supplement for performance): leases revoked, then launched beside it",
  build: () => waits("supplement beside the primary (asked by the contingency-capacity component)", "PT30M"),
};

export const LEASE_DOWNGRADE: ScenarioDefinition = {
  name: "lease-downgrade",
  description: "every lease on designated capacity drops to no notice, then the primary zone loses power for 30 min",
  build: (ctx) => {
    const zone = ctx.topology.contingencyDesignations[0]?.primaryAvailabilityZone;
    // Without a designation there is no lease to downgrade: the experiment only waits (not judged).
    if (zone === undefined) return waits("lease downgrade (the plan designates no contingency capacity)", "PT10M");
    const wait: FisActionNode = {
      name: "downgrade",
      actionId: "aws:fis:wait",
      startAfter: [],
      parameters: { duration: "PT10M" },
      targets: {},
    };
    const power: FisActionNode = {
      name: "power",
      actionId: "sim:az:power-loss",
      startAfter: ["downgrade"],
      parameters: { availabilityZoneIdentifier: zone, duration: "PT30M" },
      targets: {},
    };
    return {
      description: `lease downgrade, then power loss in ${zone}`,
      emptyTargetResolution: "skip",
      targets: [],
      actions: [wait, power],
    };
  },
};

export const SECOND_FAILOVER: ScenarioDefinition = {
  name: "second-failover",
  description:
    "the primary zone loses power for 20 min, returns (the roles swap), then the new primary's zone loses power: a failover back into the old primary's zone",
  build: (ctx) => {
    const d = ctx.topology.contingencyDesignations[0];
    if (d === undefined) return waits("second failover (the plan designates no contingency capacity)", "PT10M");
    const power = (name: string, zone: string, after: string[]): FisActionNode => ({
      name,
      actionId: "sim:az:power-loss",
      startAfter: after,
      parameters: { availabilityZoneIdentifier: zone, duration: "PT20M" },
      targets: {},
    });
    // The old primary restarts once its zone is back and the roles swap; the gap lets that settle.
    const settle: FisActionNode = {
      name: "settle",
      actionId: "aws:fis:wait",
      startAfter: ["primary-out"],
      parameters: { duration: "PT10M" },
      targets: {},
    };
    return {
      description: `power loss in ${d.primaryAvailabilityZone}, then in ${d.contingencyAvailabilityZone} once the roles swapped`,
      emptyTargetResolution: "skip",
      targets: [],
      actions: [
        power("primary-out", d.primaryAvailabilityZone, []),
        settle,
        power("contingency-out", d.contingencyAvailabilityZone, ["settle"]),
      ],
    };
  },
};

export const CONTINGENCY_SCENARIOS: readonly ScenarioDefinition[] = [
  SPOT_PRICE_SPIKE,
  HEAD_NODE_FAILURE,
  CONTINGENCY_SUPPLEMENT,
  LEASE_DOWNGRADE,
  SECOND_FAILOVER,
];

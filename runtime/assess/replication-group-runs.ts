/**
 * The scenarios that realise each disruption type for an ElastiCache (Valkey, Redis OSS)
 * replication group, whose clients the replication-group component runs:
 *
 * - `az`: `az-outage` on the primary's zone (FIS "AZ Availability: Power Interruption"), and
 *   `cache-az-power` there (FIS `aws:elasticache:replicationgroup-interrupt-az-power`: the group's
 *   nodes in the zone lose power, the clients do not).
 * - `hardware`: `cache-node-failure`: the primary node fails and is replaced minutes later.
 * - `software`: `cache-engine-crash` (the primary's engine process crashes and restarts) and
 *   `cache-test-failover` (the TestFailover API, AWS's own way to exercise the failover).
 * - `region`: left to the caller (the same answer as for every database).
 */
import type { DatabaseClusterNode } from "../plan/topology";
import type { DisruptionType } from "../plan/topology-policies";
import type { DisruptionRun } from "./disruption-scenarios";

export function replicationGroupRuns(type: Exclude<DisruptionType, "region">, db: DatabaseClusterNode): DisruptionRun[] {
  const az = db.instances[0]?.availabilityZone;
  const zonal = (scenario: string): DisruptionRun => ({ scenario, ...(az ? { az } : {}) });
  switch (type) {
    case "az":
      return [zonal("az-outage"), zonal("cache-az-power")];
    case "hardware":
      return [{ scenario: "cache-node-failure" }];
    case "software":
      return [{ scenario: "cache-engine-crash" }, { scenario: "cache-test-failover" }];
  }
}

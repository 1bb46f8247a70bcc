/**
 * Which emulator scenarios realise each Resilience Hub disruption type for one database, and when a
 * type cannot be realised, why, said plainly:
 *
 * - `az`: `az-outage` on the database's writer zone (FIS "AZ Availability: Power Interruption").
 * - `hardware`: for Aurora and RDS Multi-AZ DB clusters, `instance-failure`: the writer's host fails
 *   (`sim:rds:instance-failure`), RDS detects the lost writer and a standby is promoted. Their
 *   storage is not on customer EBS volumes (Aurora's cluster volume; RDS-managed volumes FIS's
 *   `aws:ebs:pause-volume-io` cannot target), so `disk-stall` never reaches them; it is kept for
 *   the engines whose storage is on EBS volumes the plan holds. Redshift Multi-AZ (RA3 storage is
 *   Redshift Managed Storage, not EBS): `instance-failure` too, which the database component
 *   carries to the pair itself (FIS has no Redshift action; see emulation/redshift-strikes.ts).
 * - `software`: `writer-crash`: the writer's engine process restarts in place
 *   (`aws:rds:reboot-db-instances`; for Redshift, the coordinator's leader process) and its clients
 *   wait out the engine's crash recovery.
 * - `region`: not assessable.
 * - ElastiCache replication groups: their primary's own faults (`replication-group-runs.ts`).
 *
 * A seed counts only when the fault reached the database's clients (a failed request, or a lost
 * acknowledged write): a seed in which they saw nothing proves nothing about recovery, because the
 * emulator may not carry that fault to them (`CLIENT_GAP` says where it is known not to). A
 * single-region plan has nowhere to recover to; a multi-region plan needs a region's loss, which
 * the emulator does not model.
 */
import type { DatabaseClusterNode, Topology } from "../plan/topology";
import type { DisruptionType } from "../plan/topology-policies";
import { INSTANCE_FAILURE, WRITER_CRASH } from "../scenarios/named-scenarios";
import type { ScenarioDefinition } from "../scenarios/registry";
import { replicationGroupRuns } from "./replication-group-runs";

/** One scenario run for a disruption type: the named scenario and the zone it strikes. */
export interface DisruptionRun {
  readonly scenario: string;
  /** The zone zonal scenarios strike; absent: the emulator's choice (the first writer's zone). */
  readonly az?: string;
  /** The database a one-database scenario strikes (`--database`): each database's own writer is struck. */
  readonly database?: string;
}

export type Realisation = { readonly runs: readonly DisruptionRun[] } | { readonly notAssessable: string };

export function realise(type: DisruptionType, db: DatabaseClusterNode, topology: Topology): Realisation {
  const az = writerZone(db);
  // ElastiCache replication groups: their primary's own faults (see replication-group-runs.ts).
  if (db.kind === "elasticache" && type !== "region") return { runs: replicationGroupRuns(type, db) };
  switch (type) {
    case "az":
      return { runs: [{ scenario: "az-outage", ...(az ? { az } : {}) }] };
    case "hardware":
      if (db.kind === "aurora" || db.kind === "rds-multi-az-cluster" || db.kind === "redshift")
        return { runs: [{ scenario: "instance-failure", ...struck(INSTANCE_FAILURE, db) }] };
      return { runs: [{ scenario: "disk-stall", ...(az ? { az } : {}) }] };
    case "software":
      return { runs: [{ scenario: "writer-crash", ...struck(WRITER_CRASH, db) }] };
    case "region": {
      const regions = new Set(topology.databases.map((d) => d.region ?? topology.region).filter((r) => r !== undefined));
      return {
        notAssessable:
          regions.size > 1
            ? `the emulator does not model losing a whole region (the plan runs in ${[...regions].join(", ")}); drill a region failover on AWS`
            : "single region: the plan runs in one region, so nothing is left to recover in when that region is lost",
      };
    }
  }
}

/** `--database` for a one-database scenario, when it can strike this database's kind. */
function struck(scenario: ScenarioDefinition, db: DatabaseClusterNode): { database?: string } {
  return scenario.strikesOneDatabase?.includes(db.kind) ? { database: db.address } : {};
}

/**
 * Where a scenario is known not to reach a database's clients today, said when no seed reached
 * them, so the reader knows it is the emulator's gap and not the plan's strength.
 */
export const CLIENT_GAP: Readonly<Record<string, string>> = {
  "disk-stall": "database storage is not on the EBS volumes whose I/O the scenario pauses",
};

/** The writer's zone when the plan fixes it. */
export function writerZone(db: DatabaseClusterNode): string | undefined {
  return db.instances[0]?.availabilityZone;
}

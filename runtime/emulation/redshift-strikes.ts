/**
 * The Redshift faults no FIS action reaches. FIS has no Redshift action and the mock cloud no
 * Redshift API, so the database component strikes a Redshift Multi-AZ pair itself: the one
 * `--database` names, else the first, in a plan with no RDS writer for them to strike:
 *
 * - `writer-crash`: the coordinator's leader process crashes and restarts in place; the engine runs
 *   its crash recovery (the profile's `redshiftEngineRestartMs`) before it serves, with no failover.
 * - `instance-failure`: the coordinator's nodes are lost for 10 minutes; the pair detects it and
 *   promotes the supporting cluster, as Redshift Multi-AZ "fails over from primary compute to
 *   secondary compute" on an infrastructure failure (Redshift Management Guide, "Failing over
 *   Multi-AZ deployment").
 */
import type { DatabasePair } from "../database/database-pair";
import type { EmulationContext } from "../scenarios/registry";

/** The scenarios that strike a Redshift pair this way. */
export const REDSHIFT_STRIKES: readonly string[] = ["writer-crash", "instance-failure"];

/** How long `instance-failure` keeps the lost nodes away, as written (divided by the profile's divisor). */
const NODES_LOST_MS = 10 * 60_000;

/**
 * The Redshift database this run's scenario strikes itself, if any: `--database`'s when it names a
 * Redshift one, else the first, when no RDS cluster has a writer.
 */
export function redshiftStruck(ctx: EmulationContext, databases: readonly { database: string; engine: string }[]): string | undefined {
  if (!REDSHIFT_STRIKES.includes(ctx.scenario)) return undefined;
  if (ctx.database !== undefined) return databases.find((d) => d.database === ctx.database && d.engine === "redshift")?.database;
  if ([...ctx.cloud.rds.clusters.values()].some((c) => c.writer !== undefined)) return undefined;
  return databases.find((d) => d.engine === "redshift")?.database;
}

/** Schedules the strike on `pair` at the experiment's start. */
export function strikeRedshift(ctx: EmulationContext, pair: DatabasePair): void {
  ctx.sim.at(ctx.startAtMs, `database/${ctx.scenario}`, () => {
    const coordinator = pair.controlPlane.coordinator;
    if (ctx.scenario === "writer-crash") ctx.env.faults.crash(coordinator.actorName, { restartAfterMs: 1 });
    else
      ctx.env.faults.crash(coordinator.actorName, {
        restartAfterMs: Math.max(1, Math.floor(NODES_LOST_MS / ctx.profile.scenarioTimeDivisor)),
      });
  });
}

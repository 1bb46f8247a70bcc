/**
 * The database subsystem's emulation component: every database of the plan the pair
 * model runs (Redshift Multi-AZ, Aurora, RDS Multi-AZ DB clusters) becomes a coordinating/supporting pair with a client
 * workload; the failover pair's checkers watch every step; the pairs' promotions fill `failovers` (they
 * replace the mock cloud's own rows for the same resources, so each failover is reported once).
 */
import { pairCheckers } from "../checkers/failover-pair";
import { clientRequestsRow } from "../database/client-requests";
import { buildPair, type DatabasePair, startPair } from "../database/database-pair";
import { failoverRows } from "../database/failover-report";
import type { PairMutants } from "../database/mutants";
import { pairSpecsFromPlan } from "../database/pair-from-topology";
import { pairRecoveryRow } from "../database/recovery-measures";
import type { PairWorld } from "../database/world";
import type { ComponentDefinition, EmulationContext } from "../scenarios/registry";
import { redshiftStruck, strikeRedshift } from "./redshift-strikes";

/** The world the pairs see: the mock cloud's zones; a zone has room while it is available. */
export function cloudWorld(ctx: Pick<EmulationContext, "cloud">): PairWorld {
  const zones = ctx.cloud.zones;
  return {
    zoneAvailable: (z) => zones.isAvailable(z),
    zonePowered: (z) => zones.isPowered(z),
    hasCapacity: (z) => zones.isAvailable(z),
  };
}

export const DATABASE_COMPONENT: ComponentDefinition = {
  name: "database",
  description: "the failover pair: coordinating and supporting clusters per database, with a workload, failover and re-pairing",
  attach(ctx) {
    const world = cloudWorld(ctx);
    const mutants = pairMutants(ctx.mutants);
    const specs = pairSpecsFromPlan({
      ...(mutants ? { mutants } : {}),
      topology: ctx.topology,
      cloud: ctx.cloud,
      ids: ctx.ids,
      profile: ctx.profile,
      random: ctx.env.random.fork("database/placement"),
    });
    if (specs.length === 0) {
      ctx.notRun(
        "the plan holds no primary database the failover pair models (an Aurora cluster, a Multi-AZ DB cluster or a Redshift cluster, with its instances)",
      );
      return;
    }
    const struckHere = redshiftStruck(ctx, specs);
    for (const s of specs) {
      const clusterId = ctx.ids.get(s.database);
      ctx.model({
        resource: s.database,
        component: "database",
        what: `${s.engine} failover pair (coordinating and supporting clusters) with a client workload`,
        ids: [
          s.database,
          ...(clusterId !== undefined ? [clusterId] : []),
          ...s.members.flatMap((m) => [m.name, ...(ctx.ids.has(m.name) ? [ctx.ids.get(m.name) as string] : [])]),
        ],
        zones: [...new Set([...s.zones, ...s.members.map((m) => m.zone)])],
        ...(s.database === struckHere ? { scenarios: [ctx.scenario] } : {}),
      });
    }
    const pairs: DatabasePair[] = specs.map((s) => buildPair(ctx.env, world, mutants ? { ...s, mutants } : s));
    for (const p of pairs) {
      // An RDS instance's faults (a reboot, a failure) reach the cluster that stands for it.
      for (const c of p.controlPlane.clusters) {
        // Aurora members are named by address, Multi-AZ DB cluster members by the mock's instance id.
        const id = ctx.ids.get(c.name) ?? (ctx.cloud.rds.instances.has(c.name) ? c.name : undefined);
        if (id !== undefined) ctx.cloud.bindings.bind(id, c.actorName);
      }
      startPair(p);
      if (p.spec.database === struckHere) strikeRedshift(ctx, p);
    }
    // A writer the engine moved while the old one was healthy (FailoverDBCluster, a drill) is a
    // planned coordinator change; a lost writer is the pair's own detection's business.
    ctx.cloud.rds.onWriterChange((clusterId, writer) => {
      const p = pairs.find((x) => ctx.ids.get(x.spec.database) === clusterId);
      const target = writer === undefined ? undefined : (writer.address ?? writer.id);
      if (!p || target === undefined) return;
      p.controlPlane.engineReportsWriter(target);
      if (target !== p.controlPlane.coordinator.name) p.controlPlane.plannedSwitchover(target);
    });
    for (const c of pairCheckers(pairs, () => ctx.env.clock.nowMs())) ctx.sim.checkers.add(c);
    ctx.contribute("database", () => ({
      failovers: pairs.flatMap(failoverRows),
      replacesFailoversOf: pairs.map((p) => p.spec.database),
      clients: pairs.map((p) => clientRequestsRow(p, ctx.env.clock.nowMs())),
      recovery: pairs.map(pairRecoveryRow),
    }));
  },
};

/** The `db.*` test-only switches a run was given, as the pair's mutants (undefined when none). */
function pairMutants(names: ReadonlySet<string>): PairMutants | undefined {
  const keys = [
    "noFence",
    "promoteBeforeDetection",
    "ackBeforeCommit",
    "proxyLeftOnOld",
    "skipSync",
    "noOrphanCheck",
    "pairCopiesWriterShape",
    "supportingAnyZone",
    "retriesFirst",
  ] as const;
  const on = keys.filter((k) => names.has(`db.${k}`));
  return on.length ? Object.fromEntries(on.map((k) => [k, true])) : undefined;
}

/**
 * The replication group's clients (wired to the mock cloud), attached when the plan holds an
 * ElastiCache (Valkey or Redis OSS) replication group: clients in the group's zones write and read
 * through its primary endpoint, replicas trail the primary asynchronously, and the group's
 * invariants judge what the clients saw. Its promotions fill `failovers` in place of the mock
 * cloud's rows for the same groups, and `recovery` gets one row per group (what `assess` measures).
 *
 * Scenarios that strike a replication group's primary (the component injects the fault at the
 * scenario's start; FIS has no action for them, so their experiment only waits):
 * - `cache-node-failure`: the primary node's hardware fails; its replacement is provisioned
 *   `elasticacheNodeReplaceMs` later ("a replacement read replica is launched and provisioned").
 * - `cache-engine-crash`: the primary's engine process crashes and runs again
 *   `elasticacheEngineRestartMs` later; a failure that is not a customer reboot triggers failover.
 * - `cache-test-failover`: the ElastiCache API `TestFailover` on each group's first shard.
 * And one that FIS runs itself:
 * - `cache-az-power`: `aws:elasticache:replicationgroup-interrupt-az-power` on the zone struck.
 */
import { replicationGroupCheckers } from "../checkers/replication-group";
import { drawMs } from "../cloud/timing-profile";
import { groupFailoverRows, groupRecoveryRow } from "../replication-group/recovery";
import { type ReplicationGroupMutants, type ReplicationGroupSpec, ReplicationGroupWorkload } from "../replication-group/workload";
import type { ExperimentTemplate } from "../scenarios/experiment";
import { formatIsoDuration } from "../scenarios/iso-duration";
import type { ComponentDefinition, EmulationContext, ScenarioDefinition } from "../scenarios/registry";

const none = { resources: [], resourceTags: {}, filters: [], parameters: {} };

/** Written durations run divided by the profile's divisor; this undoes it for profile numbers. */
const written = (ctx: EmulationContext, ms: number) => formatIsoDuration(ms * ctx.profile.scenarioTimeDivisor);

/** An experiment that only waits while the component strikes (FIS has no action for the fault). */
function waiting(description: string, duration: string): ExperimentTemplate {
  return {
    description,
    emptyTargetResolution: "skip",
    targets: [],
    actions: [{ name: "fault", actionId: "aws:fis:wait", startAfter: [], parameters: { duration }, targets: {} }],
  };
}

export const CACHE_NODE_FAILURE: ScenarioDefinition = {
  name: "cache-node-failure",
  description: "each ElastiCache replication group's primary node fails; its replacement is provisioned minutes later",
  build: (ctx) =>
    waiting(
      "primary node failure of each replication group (injected by the replication-group component)",
      written(ctx, ctx.profile.elasticacheNodeReplaceMs.maxMs),
    ),
};

export const CACHE_ENGINE_CRASH: ScenarioDefinition = {
  name: "cache-engine-crash",
  description: "the engine process of each ElastiCache replication group's primary crashes and restarts",
  build: (ctx) =>
    waiting(
      "engine crash on the primary of each replication group (injected by the replication-group component)",
      written(ctx, ctx.profile.elasticacheEngineRestartMs.maxMs),
    ),
};

export const CACHE_TEST_FAILOVER: ScenarioDefinition = {
  name: "cache-test-failover",
  description: "ElastiCache TestFailover on the first shard of each replication group",
  build: () => waiting("TestFailover on each replication group's first shard (called by the replication-group component)", "PT2M"),
};

export const CACHE_AZ_POWER: ScenarioDefinition = {
  name: "cache-az-power",
  description: "FIS interrupts power to the replication groups' nodes in the zone for 30 min",
  build: (ctx): ExperimentTemplate => ({
    description: `ElastiCache zone power interruption in ${ctx.az}`,
    emptyTargetResolution: "skip",
    targets: [
      {
        ...none,
        name: "groups",
        resourceType: "aws:elasticache:replicationgroup",
        selectionMode: "ALL",
        parameters: { availabilityZoneIdentifier: ctx.az },
      },
    ],
    actions: [
      {
        name: "interrupt-power",
        actionId: "aws:elasticache:replicationgroup-interrupt-az-power",
        startAfter: [],
        parameters: { duration: written(ctx, ctx.profile.azPowerInterruptionMs) },
        targets: { ReplicationGroups: "groups" },
      },
    ],
  }),
};

export const REPLICATION_GROUP_SCENARIOS: readonly ScenarioDefinition[] = [
  CACHE_AZ_POWER,
  CACHE_NODE_FAILURE,
  CACHE_ENGINE_CRASH,
  CACHE_TEST_FAILOVER,
];
const STRIKES = new Set([CACHE_NODE_FAILURE.name, CACHE_ENGINE_CRASH.name, CACHE_TEST_FAILOVER.name]);

export const REPLICATION_GROUP_COMPONENT: ComponentDefinition = {
  name: "replication-group",
  description: "clients of each ElastiCache replication group through its primary endpoint, with asynchronous replication and failover",
  attach(ctx) {
    const { cloud } = ctx;
    const resources = cloud.elasticache.resources();
    if (resources.length === 0) {
      ctx.notRun("the plan holds no ElastiCache replication group (aws_elasticache_replication_group) for clients to write through");
      return;
    }
    const views = cloud.elasticache.shardViews();
    const mutants: ReplicationGroupMutants = {
      ...(ctx.mutants.has("rg.replicaStopsApplying") ? { replicaStopsApplying: true } : {}),
      ...(ctx.mutants.has("rg.readonlyWritesLeak") ? { readonlyWritesLeak: true } : {}),
    };
    if (ctx.mutants.has("rg.keepOldPrimaryWritable")) cloud.elasticache.keepOldPrimaryWritable = true;
    const workloads = resources.map((g) => {
      const address = g.address ?? g.id;
      const shards = views
        .filter((v) => v.group === address && v.primary !== undefined)
        .map((v) => ({ id: v.shard, primary: v.primary?.id as string, nodes: [v.primary?.id as string, ...v.replicas.map((r) => r.id)] }));
      const planZones = ctx.topology.databases.find((d) => d.address === address)?.zones ?? [];
      const spec: ReplicationGroupSpec = { group: address, shards, clientZones: planZones.length ? [...planZones] : g.zones };
      ctx.model({
        resource: address,
        component: "replication-group",
        what: "clients through the primary endpoint: asynchronous replication, failover, DNS update",
        ids: [g.id, ...(g.address ? [g.address] : []), ...shards.flatMap((s) => s.nodes)],
        zones: [...new Set([...g.zones, ...spec.clientZones])],
        scenarios: [...STRIKES],
      });
      return { id: g.id, workload: new ReplicationGroupWorkload(ctx.env, cloud.elasticache, cloud.zones, ctx.profile, spec, mutants) };
    });
    for (const w of workloads) w.workload.start();
    for (const c of replicationGroupCheckers(workloads.map((w) => w.workload))) ctx.sim.checkers.add(c);
    if (STRIKES.has(ctx.scenario)) {
      const random = ctx.env.random.fork("replication-group/strike");
      ctx.env.timers.after(Math.max(0, ctx.startAtMs - ctx.env.clock.nowMs()), `replication-group ${ctx.scenario}`, () => {
        for (const { id, workload } of workloads) {
          const shard = workload.spec.shards[0];
          const primary = shard && workload.primaryOf(shard.id);
          if (!shard || primary === undefined) continue;
          if (ctx.scenario === CACHE_TEST_FAILOVER.name) cloud.elasticache.testFailover(id, shard.id);
          else if (ctx.scenario === CACHE_NODE_FAILURE.name)
            cloud.elasticache.interruptNode(primary, "node-failure", drawMs(random, ctx.profile.elasticacheNodeReplaceMs));
          else cloud.elasticache.interruptNode(primary, "engine-crash", drawMs(random, ctx.profile.elasticacheEngineRestartMs));
        }
      });
    }
    const zoneOf = (node: string) => cloud.elasticache.node(node)?.az;
    ctx.contribute("replication-group", () => ({
      failovers: workloads.flatMap((w) => groupFailoverRows(w.workload, zoneOf)),
      replacesFailoversOf: workloads.map((w) => w.workload.spec.group),
      recovery: workloads.map((w) => groupRecoveryRow(w.workload)),
    }));
  },
};

/**
 * The survivable cache (wired to the mock cloud), attached when the plan holds an Aurora
 * cluster: its first cluster's writer gets a cache in shared memory and a Zipf workload. Aurora's
 * page cache is managed outside the database process, so it survives a restart of the engine
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.html); RDS Multi-AZ
 * DB clusters run the community engines, whose buffer cache does not, so they get none. When the writer
 * stops taking writes, its engine dies with a few commits in flight; a power loss of its zone also
 * takes the shared memory. When a writer is back:
 * - the same instance (a reboot, `writer-crash`): the engine recovers the surviving cache;
 * - another instance (a failover): the promoted instance's cache is its own — cold for this
 *   workload, since readers are not modelled as serving it.
 * The workload runs in bursts at those instants (no events of its own), so it does not slow runs.
 * After a restart the recovery takes its engine time on the simulation's clock and a client reads
 * every millisecond until the cache answers: that wait is the reported time to available.
 *
 * The cache runs only when the writer's engine stops: the rig, its warm-up and its invariants
 * start at the first loss of the writer (the warm-up is a burst at that instant, as it would have
 * been at the start: no event of the run moves). A scenario that never stops the writer leaves the
 * cache out, and the result says so (`notRun`) instead of listing invariants nothing exercised.
 *
 * BUGGIFY (campaigns): the cache may be file-backed (`file` placement: NVM or a memory-mapped file
 * on the instance's local disk), and the writer's restart may be a power cycle of its host — the
 * cache then comes back from what its file durably held, torn and lost writes included.
 */

import type { CacheRig } from "../cache/cache-rig";
import { checkedCacheRig } from "../checkers/cache-survival";
import type { ComponentDefinition } from "../scenarios/registry";

/** Operations that warm the cache, measure its steady hit ratio, and measure it after a recovery. */
const WARM_OPS = 2_000;
const STEADY_OPS = 3_000;
const MEASURE_OPS = 10_000;
/** Writes in flight when the engine dies. */
const IN_FLIGHT_OPS = 100;
/** A crashed recovery dies after scanning up to this many slots. */
const RECOVERY_CRASH_SLOTS = 256;

export const CACHE_COMPONENT: ComponentDefinition = {
  name: "buffer-cache",
  description: "a survivable buffer cache on the first cluster's writer, recovered after each engine crash",
  attach(ctx) {
    const { cloud } = ctx;
    const cluster = [...cloud.rds.clusters.values()].find((c) => c.kind === "aurora" && cloud.rds.writerAvailable(c) !== undefined);
    let writer = cluster && cloud.rds.writerAvailable(cluster);
    if (!cluster || !writer) {
      ctx.notRun(
        "the plan holds no Aurora cluster with a writer: only Aurora keeps its page cache outside the database process, so only its cache can survive a restart",
      );
      return;
    }
    const database = cluster.address ?? cluster.id;
    const model = {
      resource: database,
      component: "buffer-cache",
      what: "the writer's survivable buffer cache, recovered after each engine crash",
      ids: [cluster.id, ...(cluster.address ? [cluster.address] : []), writer.id, ...(writer.address ? [writer.address] : [])],
      zones: [writer.az],
    };
    ctx.notRun(
      `the writer of ${database} never stopped in this scenario, so its engine never restarted and its cache had nothing to survive`,
    );
    const random = ctx.env.random.fork("buffer-cache/crash");
    const always = { numerator: 1, denominator: 1 };
    /** The cache, warmed and measured at steady state, made when the writer first stops. */
    const start = (): CacheRig => {
      ctx.model(model);
      const placement = ctx.env.buggify("cache-file-placement", always) ? "file" : "shared-memory";
      const made = checkedCacheRig(ctx.sim, cluster.id, {
        placement,
        slotCount: 512,
        pages: 4096,
        pageSize: 512,
        writeBytes: 64,
        chunkBytes: 512,
        ackMode: "immediate",
        mutants: {
          skipIntent: ctx.mutants.has("cache.skipIntent"),
          fileIgnoresPowerLoss: ctx.mutants.has("cache.fileIgnoresPowerLoss"),
          availabilityFormula: ctx.mutants.has("cache.availabilityFormula"),
        },
      });
      made.runBurst(WARM_OPS);
      made.measureSteadyFromNow();
      made.runBurst(STEADY_OPS);
      return made;
    };
    let rig: CacheRig | undefined;
    let entriesBefore = 0;
    let recovered = false;
    cloud.rds.onWriterChange((clusterId, next) => {
      if (clusterId !== cluster.id) return;
      if (!next) {
        if (!writer) return;
        rig ??= start();
        if (!rig.engine) return;
        entriesBefore = rig.validPages();
        rig.withholdAcks(true);
        // The engine dies wherever it is: between any two steps of these operations (a torn
        // page, an intent without its apply), or after them.
        rig.crashAfterSteps(random.int(IN_FLIGHT_OPS * 6));
        rig.runBurst(IN_FLIGHT_OPS);
        // BUGGIFY: the instance's host power-cycles (the same instance comes back).
        if (cloud.zones.isPowered(writer.az) && !ctx.env.buggify("cache-host-power-loss", always)) rig.crashNow("writer lost");
        else rig.powerLoss();
        return;
      }
      if (!rig) {
        // The same writer, and the engine never stopped: nothing to recover.
        if (next.id === writer?.id) return;
        // Another instance took over without a gap: the engine moves, as after a loss.
        rig = start();
      }
      if (rig.engine && next.id === writer?.id) return;
      const cache = rig;
      if (next.id !== writer?.id) cache.moveToFreshMemory();
      writer = next;
      // The in-flight redo that reached storage is acknowledged before R is fixed (then it is part of
      // R), or after (then storage has dropped it): the seed decides.
      const ackFirst = random.int(2) === 0;
      if (ackFirst) cache.withholdAcks(false);
      // BUGGIFY: the recovery itself dies partway through its scan; the next one must finish it.
      const partial = ctx.env.buggify("cache-crash-during-recovery");
      cache.restart({
        ...(partial ? { crashAtSlot: random.int(RECOVERY_CRASH_SLOTS) } : {}),
        onServing: () => {
          cache.runBurst(MEASURE_OPS);
          recovered = true;
        },
      });
      if (!ackFirst) cache.withholdAcks(false);
    });
    ctx.contribute("buffer-cache", () => (recovered && rig ? { cache: { database, ...rig.metrics(entriesBefore) } } : {}));
  },
};

/**
 * Cache survival's acceptance tests in simulation, fixed seeds. The rig checks the cache-survival
 * invariants on every operation; each test also asserts the scenario's own expectation.
 */
import { describe, expect, test } from "vitest";
import { failingSeeds } from "../../test/helpers/swarms";
import { cacheViolations, checkedCacheRig } from "../checkers/cache-survival";
import { runCacheSwarm } from "../checkers/cache-survival/cache-swarm";
import { Simulation } from "../sim/simulation";
import type { CacheRigOptions } from "./cache-rig";

function rigOf(seed: number, options: CacheRigOptions = {}) {
  const sim = new Simulation({ seed, scenario: "cache" });
  return { sim, rig: checkedCacheRig(sim, "db", options) };
}

const settle = (sim: Simulation) => sim.runFor(1_000);

describe("cache survival acceptance (simulation)", () => {
  test("1. clean survival: every page of a warm cache is served from memory after a crash, as storage holds it at R", () => {
    const { sim, rig } = rigOf(1, { pages: 1000, slotCount: 1024, writePercent: 100 });
    for (let p = 0; p < 1000; p++) rig.readPage(p);
    rig.runOps(10_000, 1);
    settle(sim);
    const acked = rig.ackedCommitLsn;
    expect(acked).toBeGreaterThan(9_000);
    rig.crashNow();
    const reads = rig.storage.reads;
    const r = rig.recover();
    expect(r?.recoveryLsn).toBeGreaterThanOrEqual(acked);
    expect(r?.kept).toBe(1000);
    let hits = 0;
    for (let p = 0; p < 1000; p++) if (rig.readPage(p)?.hit) hits++;
    expect(hits).toBe(1000);
    expect(rig.storage.reads - reads).toBe(0);
    expect([...cacheViolations(rig)]).toEqual([]);
  });

  test("2. in-flight writes: exactly the pages written past R are invalid; reads return S(p, R); none was committed", () => {
    const { sim, rig } = rigOf(2, { pages: 500, slotCount: 512, writePercent: 0 });
    for (let p = 0; p < 500; p++) rig.readPage(p);
    settle(sim);
    rig.withholdAcks(true);
    const written = new Set<number>();
    const ackedBefore = rig.ackedCommitLsn;
    for (let i = 0; i < 50; i++) {
      const page = (i * 7) % 500;
      rig.writePage(page);
      written.add(page);
    }
    settle(sim);
    expect(rig.ackedCommitLsn).toBe(ackedBefore);
    rig.crashNow();
    const reads = rig.storage.reads;
    const r = rig.recover();
    expect(r?.reasons["newer-than-recovery-point"]).toBe(written.size);
    expect(r?.invalidated).toBe(written.size);
    for (let p = 0; p < 500; p++) rig.readPage(p);
    expect(rig.storage.reads - reads).toBe(written.size);
    expect([...cacheViolations(rig)]).toEqual([]);
  });

  test("3. acknowledged but not applied: the intent LSN invalidates the slot and the read includes L", () => {
    const { sim, rig } = rigOf(3, { pages: 64, slotCount: 64, writePercent: 0 });
    for (let p = 0; p < 64; p++) rig.readPage(p);
    settle(sim);
    rig.crashAtStep("write-seq-odd");
    expect(rig.writePage(5)).toBeUndefined();
    settle(sim); // storage acknowledges L after the engine died
    const r = rig.recover();
    expect(r?.reasons.intent).toBe(1);
    expect(rig.readPage(5)?.hit).toBe(false);
    expect(rig.storage.materialize(5).lsn).toBeLessThanOrEqual(r?.recoveryLsn ?? 0);
    expect(rig.storage.materialize(5).lsn).toBeGreaterThan(0);
    expect([...cacheViolations(rig)]).toEqual([]);
  });

  test("3. mutant without the intent step: the checker flags the stale read", () => {
    const { sim, rig } = rigOf(3, { pages: 64, slotCount: 64, writePercent: 0, mutants: { skipIntent: true } });
    for (let p = 0; p < 64; p++) rig.readPage(p);
    settle(sim);
    rig.crashAtStep("write-seq-odd");
    rig.writePage(5);
    settle(sim);
    rig.recover();
    rig.readPage(5);
    expect([...cacheViolations(rig).keys()]).toEqual(["cache/kept-equals-storage", "cache/reads-at-recovery-point"]);
  });

  test("4. torn pages: a crash inside a page copy, across 200 seeds, never serves mixed bytes and leaves the slot invalid", () => {
    let torn = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const { sim, rig } = rigOf(seed, { pages: 32, slotCount: 32, writePercent: 100, writeBytes: 4096, chunkBytes: 512 });
      rig.runOps(20, 1);
      settle(sim);
      rig.crashAtStep("write-apply", 1 + (seed % 7));
      rig.runOps(5, 1);
      const r = rig.recover();
      expect(r).toBeDefined();
      torn += (r?.reasons["odd-seqlock"] ?? 0) + (r?.reasons.intent ?? 0);
      for (let p = 0; p < 32; p++) rig.readPage(p);
      expect([...cacheViolations(rig)]).toEqual([]);
    }
    expect(torn).toBe(200);
  });

  test("5. lazy equals eager: the same slots end invalid, lazy is available sooner, a second access hits", () => {
    const run = (mode: "eager" | "lazy") => {
      const { sim, rig } = rigOf(5, { pages: 400, slotCount: 256, mode });
      rig.runOps(3_000, 1);
      rig.withholdAcks(true);
      rig.runOps(40, 1);
      rig.crashNow();
      rig.restart();
      const r = rig.recoveries.at(-1);
      // The restart's own client reads every millisecond until the cache answers.
      sim.runFor(100);
      for (let p = 0; p < 400; p++) rig.readPage(p);
      expect([...cacheViolations(rig)]).toEqual([]);
      return { rig, r };
    };
    const eager = run("eager");
    const lazy = run("lazy");
    const eagerInvalid = eager.r?.invalidated ?? 0;
    const lazyInvalid = (lazy.r?.invalidated ?? 0) + (lazy.rig.engine?.lazyInvalidated ?? 0);
    expect(eagerInvalid).toBeGreaterThan(0);
    expect(lazyInvalid).toBe(eagerInvalid);
    expect(lazy.rig.metrics(0).timeToAvailableMs).toBeLessThan(eager.rig.metrics(0).timeToAvailableMs);
    // every page was read once above: a second read of each is a hit
    const misses = lazy.rig.engine?.misses ?? 0;
    for (let p = 0; p < 256; p++) if (lazy.rig.engine?.slotOf(p) !== undefined) lazy.rig.readPage(p);
    expect(lazy.rig.engine?.misses).toBe(misses);
  });

  test("6. power loss by placement: shared memory starts cold, a file-backed cache survives; reads are right in both", () => {
    const run = (placement: "shared-memory" | "file") => {
      const { rig } = rigOf(6, { pages: 2_000, slotCount: 512, placement, writePercent: 10 });
      rig.runOps(10_000, 1);
      rig.measureSteadyFromNow();
      rig.runOps(12_000, 1);
      rig.powerLoss();
      const r = rig.recover();
      for (let i = 0; i < 1_000; i++) rig.op();
      expect([...cacheViolations(rig)]).toEqual([]);
      return { kept: r?.kept ?? 0, after: rig.hitRatioAfter, before: rig.hitRatioBefore };
    };
    const shm = run("shared-memory");
    const file = run("file");
    expect(shm.kept).toBe(0);
    expect(file.kept).toBeGreaterThan(400);
    expect(shm.after).toBeLessThan(file.after);
    expect(file.after).toBeGreaterThan(file.before - 0.05);
  });

  test("7. identifiers only: recovery reads exactly the persisted pages, the cache is warm before the first client read", () => {
    const { rig } = rigOf(7, { pages: 2_000, slotCount: 512, placement: "identifiers", writePercent: 10 });
    rig.runOps(10_000, 1);
    rig.measureSteadyFromNow();
    rig.runOps(12_000, 1);
    rig.persistIds();
    const ids = rig.validPages();
    rig.powerLoss();
    const reads = rig.storage.reads;
    const r = rig.recover();
    expect(r?.kept).toBe(0);
    expect(rig.storage.reads - reads).toBe(ids);
    expect(rig.engine?.cachedPages).toBe(ids);
    for (let i = 0; i < 10_000; i++) rig.op();
    expect(rig.hitRatioAfter).toBeGreaterThan(rig.hitRatioBefore - 0.05);
    expect([...cacheViolations(rig)]).toEqual([]);
  });

  test("8. write-through mirror: at 500 crash points the NVM copy equals DRAM but for at most one flagged slot, which recovery refuses", () => {
    let tornSeen = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const { sim, rig } = rigOf(seed, { pages: 64, slotCount: 32, placement: "write-through", writePercent: 50, chunkBytes: 1024 });
      rig.runOps(30, 1);
      const random = sim.env.random.fork("test-8");
      if (random.int(2) === 0) rig.tearNextMirrorCopy();
      else rig.crashAfterSteps(random.int(40));
      for (let i = 0; i < 20 && rig.engine; i++) rig.runOps(1, 1);
      if (rig.engine) rig.crashNow();
      const { differing, flagged } = rig.mirrorDiff();
      expect(flagged.length).toBeLessThanOrEqual(1);
      expect(differing.every((s) => flagged.includes(s))).toBe(true);
      tornSeen += flagged.length;
      rig.powerLoss();
      const r = rig.recover();
      expect(r?.reasons["torn-mirror"]).toBe(flagged.length);
      for (let p = 0; p < 64; p++) rig.readPage(p);
      expect([...cacheViolations(rig)]).toEqual([]);
    }
    expect(tornSeen).toBeGreaterThan(100);
  });

  test("10. a crash during recovery, then recovery again: the same kept set, and acknowledged commits, reads at R and kept-equals-storage hold", () => {
    const kept = (crashAtSlot?: number) => {
      const { sim, rig } = rigOf(10, { pages: 400, slotCount: 256 });
      rig.runOps(3_000, 1);
      rig.withholdAcks(true);
      rig.runOps(30, 1);
      rig.crashNow();
      if (crashAtSlot !== undefined) expect(rig.recover(crashAtSlot)).toBeUndefined();
      const r = rig.recover();
      for (let p = 0; p < 400; p++) rig.readPage(p);
      expect([...cacheViolations(rig)]).toEqual([]);
      void sim;
      return r?.keptPages;
    };
    const straight = kept();
    expect(kept(128)).toEqual(straight);
    expect(kept(1)).toEqual(straight);
  });

  test("11. determinism: a seed replays to the same trace hash; another seed differs", () => {
    const hash = (seed: number) => {
      const { sim, rig } = rigOf(seed, { pages: 300, slotCount: 128 });
      rig.runOps(500, 1);
      rig.crashAfterSteps(37);
      rig.runOps(50, 1);
      rig.recover();
      rig.runOps(500, 1);
      return sim.finish().traceHash;
    };
    expect(hash(11)).toBe(hash(11));
    expect(hash(12)).not.toBe(hash(11));
  });
});

describe("cache survival: the fault swarm", () => {
  // `npm run test:long` runs 1,000 seeds (cache-rig.long.test.ts).
  test("100 seeds of random crashes, withheld acks, torn writes, power loss and crashes during recovery: no violation", () => {
    expect(failingSeeds(100, (seed) => runCacheSwarm(seed))).toEqual([]);
  });

  test("the swarm replays: same seed, same trace hash", () => {
    expect(runCacheSwarm(77).traceHash).toBe(runCacheSwarm(77).traceHash);
    expect(runCacheSwarm(78).traceHash).not.toBe(runCacheSwarm(77).traceHash);
  });

  test("the swarm catches a recovery that skips the intent check within a few seeds", () => {
    let caught = 0;
    for (let seed = 1; seed <= 200 && caught === 0; seed++) if (!runCacheSwarm(seed, { mutants: { skipIntent: true } }).ok) caught = seed;
    expect(caught).toBeGreaterThan(0);
  });
});

test("the swarm reaches the rare recovery paths", () => {
  const reached = new Set<string>();
  for (let seed = 1; seed <= 100; seed++)
    for (const [id, c] of Object.entries(runCacheSwarm(seed).coverage)) if ((c as { hits: number }).hits > 0) reached.add(id);
  expect([...reached].filter((id) => id.startsWith("cache ")).sort()).toEqual([
    "cache file placement kept pages after a power loss",
    "cache file recovery refused a lost write (older page version)",
    "cache file recovery refused a torn page (checksum)",
    "cache recovery after a crash during recovery",
    "cache recovery invalidated a page newer than R",
    "cache recovery invalidated a slot by its intent LSN",
    "cache recovery invalidated a torn slot (odd seqlock)",
  ]);
});

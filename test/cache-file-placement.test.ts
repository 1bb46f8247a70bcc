/**
 * The `file` placement in simulation and the cache's planted bugs. The file is a simulated disk: a
 * power loss keeps, loses or tears every sector written since the last completed sync. Each planted
 * bug must be found — by an invariant in the cache's fault swarm or in an emulation — and the same
 * runs without it must be clean.
 */
import { describe, expect, test } from "vitest";
import type { CacheMutants, CacheRigOptions } from "../runtime/cache/cache-rig";
import { cacheViolations, checkedCacheRig } from "../runtime/checkers/cache-survival";
import { runCacheSwarm } from "../runtime/checkers/cache-survival/cache-swarm";
import { emulateInternal } from "../runtime/emulation/emulate";
import { parsePlan } from "../runtime/plan";
import { Simulation } from "../runtime/sim/simulation";
import { synthAuroraExample } from "./helpers/examples";

function rigOf(seed: number, options: CacheRigOptions = {}) {
  const sim = new Simulation({ seed, scenario: "cache-file" });
  return { sim, rig: checkedCacheRig(sim, "db", options) };
}

/** The first seed in 1..`seeds` whose swarm run breaks an invariant with `mutants`, and the invariant. */
function firstCaught(mutants: CacheMutants, seeds: number): { seed: number; invariant: string } | undefined {
  for (let seed = 1; seed <= seeds; seed++) {
    const r = runCacheSwarm(seed, { mutants });
    if (!r.ok) return { seed, invariant: r.failure?.invariant ?? "?" };
  }
  return undefined;
}

describe("file placement (simulated disk)", () => {
  test("a power loss right after a completed sync keeps every valid page; reads match storage", () => {
    const { sim, rig } = rigOf(1, { pages: 300, slotCount: 128, placement: "file", writePercent: 30 });
    rig.runOps(2_000, 1);
    sim.runFor(100);
    const valid = rig.validPages();
    rig.syncFile();
    sim.runFor(1_000);
    rig.powerLoss();
    const r = rig.recover();
    expect(r?.kept).toBe(valid);
    expect(r?.reasons["lost-write"]).toBe(0);
    expect(r?.reasons.checksum).toBe(0);
    for (let p = 0; p < 300; p++) rig.readPage(p);
    expect([...cacheViolations(rig)]).toEqual([]);
  });

  test("writes after the last sync are lost or torn by the power loss: the recovery refuses them and keeps the rest", () => {
    let lost = 0;
    let torn = 0;
    let kept = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const { sim, rig } = rigOf(seed, { pages: 200, slotCount: 64, placement: "file", writePercent: 100, fileSyncEveryOps: 1_000_000 });
      rig.runOps(500, 1);
      rig.syncFile();
      sim.runFor(1_000);
      // Acknowledged writes after the sync: storage has them, the file may not.
      rig.runOps(200, 1);
      sim.runFor(1_000);
      rig.powerLoss();
      const r = rig.recover();
      lost += r?.reasons["lost-write"] ?? 0;
      torn += r?.reasons.checksum ?? 0;
      kept += r?.kept ?? 0;
      for (let p = 0; p < 200; p++) rig.readPage(p);
      expect([...cacheViolations(rig)], `seed ${seed}`).toEqual([]);
    }
    expect(lost).toBeGreaterThan(0);
    expect(torn).toBeGreaterThan(0);
    expect(kept).toBeGreaterThan(0);
  });
});

describe("planted bugs in the cache, each caught", () => {
  test("cache.fileIgnoresPowerLoss (the file placement keeps its DRAM copy) is caught by cache/power-loss-keeps-only-durable in the swarm", () => {
    const caught = firstCaught({ fileIgnoresPowerLoss: true }, 100);
    expect(caught?.invariant).toBe("cache/power-loss-keeps-only-durable");
    expect(caught?.seed).toBeLessThanOrEqual(40);
    for (let seed = 1; seed <= (caught?.seed ?? 0); seed++) expect(runCacheSwarm(seed).ok, `seed ${seed}`).toBe(true);
  });

  test("cache.fileIgnoresPowerLoss is caught in an emulation: writer-crash, seed 5, BUGGIFY (a file-backed cache whose host power-cycles)", () => {
    const topology = parsePlan(synthAuroraExample(), "aurora-postgres");
    const planted = emulateInternal({
      topology,
      scenario: "writer-crash",
      seed: 5,
      buggify: true,
      mutants: ["cache.fileIgnoresPowerLoss"],
    });
    expect(planted.report.failure?.invariant).toBe("cache/power-loss-keeps-only-durable");
    const clean = emulateInternal({ topology, scenario: "writer-crash", seed: 5, buggify: true });
    expect(clean.report.failure).toBeUndefined();
    expect(clean.result.cache?.kept).toBeGreaterThan(0);
  });

  test("cache.trustFileLsnFloor (new LSNs above a reloaded superblock's floor, not storage's) is caught by cache/lsns-above-crash", () => {
    const caught = firstCaught({ trustFileLsnFloor: true }, 200);
    expect(caught?.invariant).toBe("cache/lsns-above-crash");
  });

  test("cache.availabilityFormula (time to available from the work model, not a client) is caught: a client's own wait differs", () => {
    const observe = (mutants: CacheMutants) => {
      const { sim, rig } = rigOf(3, { pages: 300, slotCount: 256, mutants });
      rig.runOps(2_000, 1);
      rig.crashNow();
      const since = sim.env.clock.nowMs();
      // The recovery dies after 100 slots; the supervisor restarts it `recoveryRestartMs` later.
      rig.restart({ crashAtSlot: 100 });
      // This test's own client: a read every millisecond until one is answered.
      let waited = 0;
      while (rig.readPage(1) === undefined && waited < 10_000) {
        sim.runFor(1);
        waited = sim.env.clock.nowMs() - since;
      }
      expect([...cacheViolations(rig)]).toEqual([]);
      return { waited, reported: rig.metrics(0).timeToAvailableMs };
    };
    const honest = observe({});
    expect(honest.waited).toBeGreaterThanOrEqual(50);
    expect(honest.reported).toBe(honest.waited);
    const planted = observe({ availabilityFormula: true });
    expect(planted.reported).not.toBe(planted.waited);
  });
});

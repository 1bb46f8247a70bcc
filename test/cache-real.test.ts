/**
 * cache survival in real mode: the engine runs in a worker thread over the supervisor's SharedArrayBuffer
 * and is terminated at whatever instruction it is on (acceptance 4), or hangs and is fenced
 * (acceptance 9). Uses the built worker (npm test builds first).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, test } from "vitest";
import { CacheSupervisor } from "../runtime/cache/cache-supervisor";
import type { CacheWorkerMessage } from "../runtime/cache/cache-worker";

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await sleep(5);
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe("survivable cache, real worker threads", () => {
  test("4. killing the engine mid-copy: no torn or stale page is kept, torn slots end invalid", async () => {
    let torn = 0;
    for (let round = 0; round < 12; round++) {
      const sup = new CacheSupervisor(32);
      sup.prepare();
      sup.start("write-loop", { chunkBytes: 64 });
      await until(() => sup.messages.length > 50 + round * 40, "redo from the worker");
      await sup.kill();
      const outcome = sup.recover();
      const v = sup.verify(outcome);
      expect(v.keptDiffering).toBe(0);
      expect(v.keptTorn).toBe(0);
      expect(outcome.recoveryLsn).toBeGreaterThan(0);
      torn += v.tornInvalidated;
    }
    // a 4 KiB page is copied in 64 chunks: most kills land inside a copy
    expect(torn).toBeGreaterThan(0);
  }, 60_000);

  test("9. a hung engine is fenced: after the epoch moves, nothing it writes lands", async () => {
    const sup = new CacheSupervisor(16);
    sup.prepare();
    const wait = new SharedArrayBuffer(4);
    sup.start("deadlock", { wait });
    await until(() => sup.messages.some((m) => m.type === "waiting"), "the engine to hang");
    const oldEpoch = sup.memory.ownerEpoch;
    const outcome = sup.recover();
    expect(outcome.epoch).toBe(oldEpoch + 1);
    Atomics.notify(new Int32Array(wait), 0);
    await until(() => sup.messages.some((m) => m.type === "fenced"), "the zombie to find itself fenced");
    await sup.kill();
    const fenced = sup.messages.find((m): m is Extract<CacheWorkerMessage, { type: "fenced" }> => m.type === "fenced");
    expect(fenced?.message).toBe(`engine of epoch ${oldEpoch} is fenced: the cache is owned by epoch ${oldEpoch + 1}`);
    // no record of the old epoch above R
    for (const p of sup.storage.pages()) expect(sup.storage.materialize(p).lsn).toBeLessThanOrEqual(outcome.recoveryLsn);
    expect(sup.verify(outcome)).toEqual({ keptDiffering: 0, keptTorn: 0, tornInvalidated: 0 });
  }, 30_000);
});

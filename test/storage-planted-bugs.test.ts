/**
 * The storage control plane's planted bugs, each caught by a named invariant judged from evidence
 * the data plane does not write for itself (the volumes' block maps against the client's writes,
 * the log bucket as it is), and the same runs without the bug clean.
 */
import { describe, expect, test } from "vitest";
import { runStorageSwarm } from "../runtime/checkers/storage-control-plane/storage-swarm";
import { emulateInternal } from "../runtime/emulation/emulate";
import { parsePlan } from "../runtime/plan";
import { synthAuroraExample } from "./helpers/examples";
import { checkedStorage } from "./helpers/storage";

const MIN = 60_000;
const text = (s: string) => new TextEncoder().encode(s);
const topology = parsePlan(synthAuroraExample(), "aurora-postgres");

/** The world of test/helpers/storage.ts with writes k<i> into block i, one a minute (at i min + 1 s). */
function world(mutants: readonly string[] = []) {
  const w = checkedStorage(9, {}, mutants);
  const writeKeys = (from: number, to: number) => {
    for (let i = from; i <= to; i++) {
      w.sim.runFor(i * MIN + 1_000 - w.sim.env.clock.nowMs());
      w.cp.write("orders", i, text(`k${i}`));
    }
  };
  return { ...w, writeKeys };
}

describe("storage.eagerClone: a clone that copies every block at once while it reports copy-on-write", () => {
  test("the clone scenario: caught by storage/clone-shares-blocks; without the bug every invariant holds", () => {
    const planted = emulateInternal({ topology, scenario: "clone", seed: 11, mutants: ["storage.eagerClone"] }).report;
    expect(planted.failure?.invariant).toBe("storage/clone-shares-blocks");
    expect(planted.failure?.message).toMatch(
      /reports copy-on-write but holds \d+ blocks of its own, \d+ of them .* never written after its snapshot/,
    );
    const clean = emulateInternal({ topology, scenario: "clone", seed: 11 }).result;
    expect(clean.invariants.filter((i) => !i.ok)).toEqual([]);
    expect(clean.restores).toMatchObject([{ kind: "clone", verified: true }]);
  });

  test("hibernate-wake (the wake restores from the hibernation snapshot): caught too", () => {
    const planted = emulateInternal({ topology, scenario: "hibernate-wake", seed: 11, mutants: ["storage.eagerClone"] }).report;
    expect(planted.failure?.invariant).toBe("storage/clone-shares-blocks");
  });

  test("the storage swarm: the first seed catches it", () => {
    expect(runStorageSwarm(1, 4, { mutants: ["storage.eagerClone"] }).failure?.invariant).toBe("storage/clone-shares-blocks");
    expect(runStorageSwarm(1).ok).toBe(true);
  });
});

describe("storage.restoreFromMemory: a restore that replays the source's in-memory log, not the archived backups", () => {
  /** Backups at 5, 10, 15, 20 min hold seq 1…4, 5…9, 10…14, 15…19; the snapshot at 15 min holds seq 14. */
  const damagedThenRecovered = (mutants: readonly string[]) => {
    const w = world(mutants);
    w.writeKeys(1, 21);
    const volumeId = w.cp.describe("orders")?.volumeId ?? "";
    expect(w.cp.listLogBackups("orders").map((s) => [s.fromSeq, s.toSeq])).toEqual([
      [1, 4],
      [5, 9],
      [10, 14],
      [15, 19],
    ]);
    // the object holding seq 15…19 rots in the bucket; the restore needs it before the next backup repairs it
    expect(w.data.logs.damageAtRest(volumeId, 3)).toBe(true);
    w.cp.recoverDatabase("orders", 19 * MIN + 30_000);
    w.sim.runFor(MIN);
    return w;
  };

  test("without the bug: the restore stops at the damaged backup, says so in an error event, and every invariant holds", () => {
    const w = damagedThenRecovered([]);
    const r = w.data.restores.at(-1);
    expect(r?.gap).toEqual({ fromSeq: 15, reason: "damaged" });
    expect(r?.lastSeq).toBe(14);
    expect(r?.effectiveMs).toBe(15 * MIN);
    expect(
      w.cp
        .events("orders")
        .some((e) => e.kind === "error" && /seq 15 .* is damaged: restored to 900000 ms, not 1170000 ms/.test(e.message)),
    ).toBe(true);
    expect(w.failing()).toEqual([]);
  });

  test("with the bug: the restore reaches past the damaged backup, caught by storage/restore-from-archive", () => {
    const w = damagedThenRecovered(["storage.restoreFromMemory"]);
    expect(w.data.restores.at(-1)?.lastSeq).toBe(19);
    expect([...w.violations].join("\n")).toMatch(
      /storage\/restore-from-archive: .* holds vol-orders-\d+'s writes through seq 19, past seq 14: the log backup holding seq 15 is damaged/,
    );
  });

  test("the storage swarm: caught within its first seeds", () => {
    let caught: string | undefined;
    for (let seed = 1; seed <= 5 && !caught; seed++)
      caught = runStorageSwarm(seed, 4, { mutants: ["storage.restoreFromMemory"] }).failure?.invariant;
    expect(caught).toBe("storage/restore-from-archive");
  });
});

describe("storage.persistUnverified: the daily backup's resume marks logs persisted after a copy that failed verification", () => {
  const DAY_WINDOW = 3 * 60 * MIN;
  /** A write at 2:59, then the copies at 3:00 (the log backup) and at the daily backup's resume both arrive damaged. */
  const run = (mutants: readonly string[]) => {
    const w = world(mutants);
    w.sim.runFor(DAY_WINDOW - MIN - w.sim.env.clock.nowMs());
    w.cp.write("orders", 1, text("before the window"));
    w.data.logs.corruptNextCopies(2);
    w.sim.runUntil(() => w.cp.admin.backups.some((b) => b.completedAtMs !== undefined), { withinMs: 5 * MIN });
    return w;
  };

  test("with the bug: caught by storage/persisted-logs-archived the moment the mark moves", () => {
    const w = run(["storage.persistUnverified"]);
    expect(w.cp.admin.backups.filter((b) => b.completedAtMs !== undefined)).toHaveLength(1);
    expect([...w.violations].join("\n")).toMatch(
      /storage\/persisted-logs-archived: vol-orders-\d+'s logs are marked persisted through \d+ ms \(\d+ writes\), but the archive holds them verified only through seq \d+/,
    );
  });

  test("without the bug: the mark stays until the next backup copies the logs again; every invariant holds", () => {
    const w = run([]);
    const volumeId = w.cp.describe("orders")?.volumeId ?? "";
    const mark = w.data.persistedThroughMs(volumeId) ?? 0;
    expect(mark).toBeLessThan(DAY_WINDOW);
    w.sim.runFor(6 * MIN);
    expect(w.data.persistedThroughMs(volumeId)).toBeGreaterThan(DAY_WINDOW);
    expect(w.failing()).toEqual([]);
  });
});

/**
 * The `file` placement in real mode: the cache buffer written to a real file (RealDisk: pwrite,
 * fdatasync), reopened by a new supervisor as after a host restart. A power loss that lost every
 * write since an earlier sync is made real by putting the file back to its bytes at that sync: the
 * recovery must refuse every slot whose page storage has a newer version of (a lost write), and keep
 * only pages equal to storage at R. Uses the built worker (npm test builds first).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { expect, test } from "vitest";
import { CacheSupervisor } from "../runtime/cache/cache-supervisor";

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await sleep(5);
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** Runs the engine's write loop in a worker until `records` more redo records arrived, then kills it and recovers. */
async function writeRound(sup: CacheSupervisor, records: number) {
  const before = sup.messages.length;
  sup.start("write-loop", { chunkBytes: 256 });
  await until(() => sup.messages.length >= before + records, "redo from the worker");
  await sup.kill();
}

test("a real cache file reopened after a restart keeps what it durably held; rolled back to an earlier sync, every rewritten page is refused as a lost write", async () => {
  const path = join(mkdtempSync(join(tmpdir(), "cache-file-")), "cache.bin");
  const sup = new CacheSupervisor(32, 4096, { filePath: path });
  sup.prepare();
  await writeRound(sup, 100);
  await sup.syncFile();
  const atFirstSync = readFileSync(path);
  // Recover, and refill what the recovery refused (the worker never reads from storage).
  sup.prepare();
  await writeRound(sup, 200);
  const last = sup.recover();
  expect(sup.verify(last)).toEqual({ keptDiffering: 0, keptTorn: 0, tornInvalidated: expect.any(Number) });
  await sup.syncFile();
  sup.close();

  // The host restarts: a new supervisor finds the cache in the file, all of it durable.
  const reopened = new CacheSupervisor(32, 4096, { filePath: path, storage: sup.storage });
  const same = reopened.recover();
  expect(same.epoch).toBeGreaterThan(last.epoch);
  expect(same.keptPages).toEqual(last.keptPages);
  expect(reopened.verify(same).keptDiffering).toBe(0);
  reopened.close();

  // A power loss that lost every write since the first sync: the file holds those older bytes.
  writeFileSync(path, atFirstSync);
  const rolledBack = new CacheSupervisor(32, 4096, { filePath: path, storage: sup.storage });
  const outcome = rolledBack.recover();
  expect(outcome.reasons["lost-write"]).toBeGreaterThan(0);
  const v = rolledBack.verify(outcome);
  expect(v.keptDiffering).toBe(0);
  expect(v.keptTorn).toBe(0);
  // Every page the second round rewrote has a newer version in storage than the file's: none is kept.
  for (const page of outcome.keptPages)
    expect(rolledBack.memory.pageLsn(outcome.index.get(page) as number)).toBe(sup.storage.pageVersion(page));
  rolledBack.close();
}, 60_000);

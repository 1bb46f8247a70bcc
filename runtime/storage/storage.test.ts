/**
 * The storage control plane in simulation: the EBS accounting, and the spec's runtime acceptance tests 5–10 with
 * fixed seeds. Writes are keys: `k<i>` in block i.
 */
import { describe, expect, test } from "vitest";
import { failingSeeds } from "../../test/helpers/swarms";
import { StorageOracle } from "../checkers/storage-control-plane";
import { runStorageSwarm } from "../checkers/storage-control-plane/storage-swarm";
import { Simulation } from "../sim/simulation";
import { BlockStore } from "./block-store";
import { StorageControlPlane, type StorageControlPlaneOptions } from "./control/control-plane";
import { BLOCK_SIZE, DataPlane } from "./data-plane";
import { SnapshotStore } from "./snapshots";
import { Volume } from "./volume";

const MIN = 60_000;
const text = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array | undefined | "refused") =>
  b === undefined || b === "refused" ? b : new TextDecoder().decode(b).replace(/\0+$/, "");

function world(seed: number, options: Partial<StorageControlPlaneOptions> = {}) {
  const sim = new Simulation({ seed, scenario: "storage" });
  const data = new DataPlane();
  const cp = new StorageControlPlane(sim.env, data, ["us-east-1a", "us-east-1b", "us-east-1c"], options);
  cp.createDatabase("orders");
  sim.runFor(MIN / 2);
  return { sim, data, cp };
}

/** Writes k_from..k_to, one per minute, each at i minutes + 1 s. */
function writeKeys(w: ReturnType<typeof world>, from: number, to: number, name = "orders") {
  const acked: number[] = [];
  for (let i = from; i <= to; i++) {
    w.sim.runFor(i * MIN + 1_000 - w.sim.env.clock.nowMs());
    if (w.cp.write(name, i, text(`k${i}`))) acked.push(i);
  }
  return acked;
}

const keysOf = (w: ReturnType<typeof world>, name: string, upTo: number) =>
  Array.from({ length: upTo }, (_, i) => decode(w.cp.read(name, i + 1))).filter((k) => k !== undefined);

describe("incremental snapshots: the EBS worked example", () => {
  test("10 GiB, then 4 GiB changed, then 2 GiB added, stores 16 GiB; deleting the first frees only what nobody needs", () => {
    const GiB = 16; // blocks per "GiB" in this model
    const store = new BlockStore(BLOCK_SIZE);
    const snaps = new SnapshotStore(store);
    const v = new Volume("vol", store);
    for (let i = 0; i < 10 * GiB; i++) v.write(i, text(`a${i}`), 0);
    const a = snaps.take(v, 1);
    for (let i = 0; i < 4 * GiB; i++) v.write(i, text(`b${i}`), 2);
    const b = snaps.take(v, 3);
    for (let i = 10 * GiB; i < 12 * GiB; i++) v.write(i, text(`c${i}`), 4);
    const c = snaps.take(v, 5);
    expect(snaps.storedBlocks / GiB).toBe(16);
    const cBefore = c.indexes().map((i) => c.get(i));
    snaps.delete(a.id);
    expect(snaps.storedBlocks / GiB).toBe(12);
    expect(c.indexes().map((i) => c.get(i))).toEqual(cBefore);
    expect(new TextDecoder().decode(store.get(b.get(100) as string)).replace(/\0+$/, "")).toBe("a100");
  });
});

describe("storage control plane acceptance (simulation)", () => {
  test("5. a clone at t = 37 holds exactly k1..k37, from the snapshot at 30 plus logs, under a new id and name", () => {
    const w = world(42);
    const acked = writeKeys(w, 1, 100);
    expect(acked).toHaveLength(100); // the source accepted every write
    const at = 37 * MIN + 30_000;
    w.cp.cloneDatabase("orders", "orders-37", at);
    w.sim.runFor(MIN);
    const clone = w.cp.describe("orders-37");
    expect(clone?.state).toBe("AVAILABLE");
    expect(keysOf(w, "orders-37", 100)).toEqual(Array.from({ length: 37 }, (_, i) => `k${i + 1}`));
    const restore = w.data.restores.at(-1);
    expect(restore?.snapshot?.atMs).toBe(30 * MIN);
    expect(restore?.effectiveMs).toBe(at);
    expect(restore?.replayed.count).toBe(8); // k30..k37: the snapshot at 30:00 came just before k30
    expect(clone?.instanceId).not.toBe(w.cp.describe("orders")?.instanceId);
    expect(w.cp.dns.get("orders-37")).toBe(clone?.instanceId);
    // independence: writes to one never reach the other
    w.cp.write("orders-37", 1, text("clone-only"));
    w.cp.write("orders", 2, text("source-only"));
    expect(decode(w.cp.read("orders", 1))).toBe("k1");
    expect(decode(w.cp.read("orders-37", 2))).toBe("k2");
  });

  test("6. hibernate for 60 h: refused, no compute billed, storage kept; resume: same name, new id, same data", () => {
    const w = world(6);
    writeKeys(w, 1, 20);
    const before = w.cp.describe("orders");
    const oldId = before?.instanceId;
    w.cp.hibernateDatabase("orders");
    w.sim.runFor(MIN);
    expect(w.cp.describe("orders")?.state).toBe("HIBERNATED");
    const compute = w.cp.describe("orders")?.computeMs ?? 0;
    w.sim.runFor(60 * 60 * MIN);
    expect(w.cp.read("orders", 1)).toBe("refused");
    w.cp.bill(w.cp.describe("orders") as NonNullable<ReturnType<typeof w.cp.describe>>);
    expect(w.cp.describe("orders")?.computeMs).toBe(compute);
    expect(w.data.snapshots.storedBlocks).toBeGreaterThan(0);
    w.cp.resumeDatabase("orders");
    w.sim.runFor(MIN);
    const after = w.cp.describe("orders");
    expect(after?.state).toBe("AVAILABLE");
    expect(after?.instanceId).not.toBe(oldId);
    expect(w.cp.dns.get("orders")).toBe(after?.instanceId);
    expect(keysOf(w, "orders", 20)).toEqual(Array.from({ length: 20 }, (_, i) => `k${i + 1}`));
  });

  test("7. a scheduled resume never runs early, and runs within one sweep after its time", () => {
    const w = world(7);
    writeKeys(w, 1, 3);
    w.cp.hibernateDatabase("orders");
    w.sim.runFor(MIN);
    const monday = w.sim.env.clock.nowMs() + 62 * 60 * MIN;
    const job = w.cp.resumeDatabase("orders", monday);
    w.sim.runFor(monday - w.sim.env.clock.nowMs() - 1);
    expect(job.state).toBe("QUEUED");
    expect(w.cp.describe("orders")?.state).toBe("HIBERNATED");
    w.sim.runFor(w.cp.options.sweepMs + 1);
    expect(job.startedAtMs).toBeGreaterThanOrEqual(monday);
    expect((job.startedAtMs ?? 0) - monday).toBeLessThanOrEqual(w.cp.options.sweepMs);
  });

  test("8. a silent host: failed on the 3rd missed poll, one recovery, writes up to the last persisted log, DNS moved, an event", () => {
    const w = world(8);
    writeKeys(w, 1, 12); // the log backup at 10:00 holds k1..k9 (k10 came at 10:01)
    const host = w.cp.hosts.find((h) => h.id === w.cp.describe("orders")?.hostId);
    const oldId = w.cp.describe("orders")?.instanceId;
    if (!host) throw new Error("no host");
    host.silent = true;
    const silentAt = w.sim.env.clock.nowMs();
    w.sim.runFor(10 * MIN);
    expect(w.cp.declared).toHaveLength(1);
    expect(w.cp.declared[0]?.misses).toBe(3);
    expect((w.cp.declared[0]?.atMs ?? 0) - silentAt).toBeGreaterThanOrEqual(2 * w.cp.options.pollMs);
    expect(w.cp.admin.workflows.filter((f) => f.action === "recover")).toHaveLength(1);
    expect(w.cp.describe("orders")?.state).toBe("AVAILABLE");
    expect(w.cp.describe("orders")?.instanceId).not.toBe(oldId);
    expect(w.cp.dns.get("orders")).toBe(w.cp.describe("orders")?.instanceId);
    expect(keysOf(w, "orders", 12)).toEqual(Array.from({ length: 9 }, (_, i) => `k${i + 1}`));
    expect(w.cp.admin.events.some((e) => e.kind === "error" && e.message.includes("stopped answering"))).toBe(true);
  });

  test("9. corruption that began 25 minutes ago: the restore point is before it and the bad record is gone", () => {
    const w = world(9);
    writeKeys(w, 1, 30);
    w.sim.runFor(10_000);
    w.cp.write("orders", 5, text("CORRUPT"));
    const onset = w.sim.env.clock.nowMs();
    writeKeys(w, 31, 55);
    w.cp.recoverDatabase("orders", onset - 1);
    w.sim.runFor(MIN);
    const r = w.data.restores.at(-1);
    expect(r?.effectiveMs).toBeLessThanOrEqual(onset);
    expect(decode(w.cp.read("orders", 5))).toBe("k5");
    expect(decode(w.cp.read("orders", 30))).toBe("k30");
    expect(w.cp.read("orders", 31)).toBeUndefined();
  });

  test("10. a restore failing twice succeeds on retry; failing four times rolls back: no orphan, source unchanged, an error event", () => {
    const ok = world(10);
    writeKeys(ok, 1, 10);
    const hostFor = (w: ReturnType<typeof world>) => w.cp.hosts.filter((h) => h.id !== w.cp.describe("orders")?.hostId);
    for (const h of hostFor(ok)) h.failNext("restore", 2);
    ok.cp.cloneDatabase("orders", "copy", 5 * MIN);
    ok.sim.runFor(MIN);
    expect(ok.cp.describe("copy")?.state).toBe("AVAILABLE");
    expect(ok.cp.admin.workflows.at(-1)?.tasks.find((t) => t.name === "restore-snapshot-and-logs")?.attempts).toBe(3);

    const bad = world(10);
    writeKeys(bad, 1, 10);
    for (const h of hostFor(bad)) h.failNext("restore", 4);
    const volumesBefore = bad.data.restores.length;
    bad.cp.cloneDatabase("orders", "copy", 5 * MIN);
    bad.sim.runFor(MIN);
    const wf = bad.cp.admin.workflows.at(-1);
    expect(wf?.state).toBe("ROLLED_BACK");
    expect(wf?.tasks.find((t) => t.name === "restore-snapshot-and-logs")?.attempts).toBe(4);
    expect(bad.cp.describe("copy")).toBeUndefined();
    expect(bad.cp.dns.has("copy")).toBe(false);
    expect(bad.data.restores.length).toBe(volumesBefore);
    expect(keysOf(bad, "orders", 10)).toHaveLength(10);
    expect(bad.cp.admin.events.at(-1)).toMatchObject({ kind: "error", name: "copy" });
  });
});

describe("storage control plane: the fault swarm", () => {
  // `npm run test:long` runs 1,000 seeds (storage.long.test.ts).
  test("50 seeds of clones, hibernation, silent hosts, task failures and recoveries: every invariant holds", () => {
    expect(failingSeeds(50, runStorageSwarm)).toEqual([]);
  }, 60_000);

  test("a seed replays to the same trace; another differs", () => {
    expect(runStorageSwarm(5).traceHash).toBe(runStorageSwarm(5).traceHash);
    expect(runStorageSwarm(6).traceHash).not.toBe(runStorageSwarm(5).traceHash);
  });
});

test("the clone-fidelity oracle catches a restore that lost a write", () => {
  const w = world(13);
  const oracle = new StorageOracle(w.data);
  w.cp.onWrite.push((v, i, b, at) => oracle.written(v, i, b, at));
  writeKeys(w, 1, 10);
  w.cp.cloneDatabase("orders", "copy", 8 * MIN);
  w.sim.runFor(MIN);
  const restore = w.data.restores.at(-1);
  // a buggy replay that applied an older version of k7: put one in before the oracle looks
  restore?.volume.write(7, text("k7-old"), 0);
  oracle.checkNewRestores();
  expect(oracle.verified).toEqual([false]);
  expect(oracle.firstMismatch).toMatch(/after write 7\) holds 7 blocks that differ from the 7 the client's writes say/);
});

describe("storage control plane: the daily control-plane backup", () => {
  const DAY_WINDOW = 3 * 3_600_000;

  test("in its window, in order: suspend → snapshot, verify, row → resume → completion event; writes refused only while suspended", () => {
    const w = world(41);
    w.sim.runFor(DAY_WINDOW - w.sim.env.clock.nowMs());
    const host = w.cp.hosts.find((h) => h.id === w.cp.describe("orders")?.hostId);
    expect(w.sim.runUntil(() => w.data.suspended.size === 1, { withinMs: MIN })).toBe(true);
    expect(w.cp.write("orders", 1, text("during"))).toBe(false);
    w.sim.runFor(MIN);
    expect(w.data.suspended.size).toBe(0);
    expect(w.cp.write("orders", 1, text("after"))).toBe(true);
    const order = (host?.ran ?? [])
      .map((r) => r.task)
      .filter(
        (t) => t.kind === "suspend-for-backup" || t.kind === "resume-from-backup" || (t.kind === "snapshot" && t.tier === "control-plane"),
      )
      .map((t) => t.kind);
    expect(order.slice(0, 3)).toEqual(["suspend-for-backup", "snapshot", "resume-from-backup"]);
    const [row] = w.cp.admin.backups;
    expect(row).toMatchObject({ name: "orders", verified: true });
    expect(row?.resumedAtMs).toBeLessThanOrEqual(row?.completedAtMs ?? 0);
    expect(w.cp.admin.events.filter((e) => e.message === "backup complete, available")).toHaveLength(1);
    expect(w.cp.admin.jobs.filter((j) => j.action === "backup")).toHaveLength(1);
  });

  test("11. the admin tier hangs after the suspend: the host's timer resumes the database within T; no completion, no row", () => {
    const w = world(11);
    w.cp.hangAfter("suspend", 60 * MIN);
    w.sim.runFor(DAY_WINDOW - w.sim.env.clock.nowMs());
    expect(w.sim.runUntil(() => w.data.suspended.size === 1, { withinMs: MIN })).toBe(true);
    const since = [...w.data.suspended.values()][0]?.sinceMs ?? 0;
    expect(since).toBeGreaterThan(0);
    w.sim.runFor(w.cp.options.resumeTimerMs);
    expect(w.data.suspended.size).toBe(0);
    const host = w.cp.hosts.find((h) => h.id === w.cp.describe("orders")?.hostId);
    expect(host?.autoResumed[0]?.atMs).toBe(since + w.cp.options.resumeTimerMs);
    expect(w.cp.write("orders", 1, text("unlocked"))).toBe(true);
    w.sim.runFor(2 * 60 * MIN);
    expect(w.cp.admin.events.some((e) => e.message === "backup complete, available")).toBe(false);
    expect(w.cp.admin.backups.filter((b) => b.completedAtMs !== undefined)).toEqual([]);
    expect(w.cp.admin.workflows.find((f) => f.action === "backup")?.state).toBe("ROLLED_BACK");
  });
});

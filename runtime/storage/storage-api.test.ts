/**
 * The rest of the storage control plane's API with fixed seeds: log backups, repartition, customer
 * snapshots, delete and the event log — each with the `storage/` checkers running after every event.
 */
import { describe, expect, test } from "vitest";
import { checkedStorage } from "../../test/helpers/storage";
import type { LogSegment } from "./log-archive";

const MIN = 60_000;
const text = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array | undefined | "refused") =>
  b === undefined || b === "refused" ? b : new TextDecoder().decode(b).replace(/\0+$/, "");

function world() {
  const w = checkedStorage(9);
  const { sim, cp } = w;
  /** Writes k<i> into block i, one a minute, from minute `from` to `to`. */
  const writeKeys = (from: number, to: number) => {
    for (let i = from; i <= to; i++) {
      sim.runFor(i * MIN + 1_000 - sim.env.clock.nowMs());
      cp.write("orders", i, text(`k${i}`));
    }
  };
  return { ...w, writeKeys };
}

describe("log backups", () => {
  test("every 5 minutes the closed log is copied and verified; the listing runs from seq 1 without a gap", () => {
    const w = world();
    w.writeKeys(1, 23);
    w.sim.runFor(MIN);
    const list = w.cp.listLogBackups("orders");
    expect(list.length).toBeGreaterThanOrEqual(4);
    expect(list[0]?.fromSeq).toBe(1);
    for (let k = 1; k < list.length; k++) expect(list[k]?.fromSeq).toBe((list[k - 1]?.toSeq ?? 0) + 1);
    expect(list.every((s) => s.verified && s.records.length === s.toSeq - s.fromSeq + 1)).toBe(true);
    // everything written before the last backup is saved; what came after waits for the next one
    const log = w.data.volume(w.cp.describe("orders")?.volumeId ?? "")?.log ?? [];
    const last = list.at(-1);
    expect(last?.toSeq).toBe(log.filter((r) => r.atMs <= (last?.copiedAtMs ?? 0)).length);
    expect(last?.toSeq).toBeLessThan(log.length);
    expect([...w.violations]).toEqual([]);
  });

  test("a copy that arrives damaged is discarded and copied again by the next backup: no gap, nothing unverified", () => {
    const w = world();
    w.writeKeys(1, 7);
    w.data.logs.corruptNextCopies(1);
    w.writeKeys(8, 12); // the backup at minute 10 fails verification
    const volumeId = w.cp.describe("orders")?.volumeId ?? "";
    expect(w.cp.listLogBackups("orders").at(-1)?.toSeq).toBe(4);
    w.writeKeys(13, 16); // the one at minute 15 copies seq 5… again
    const list = w.cp.listLogBackups("orders");
    expect(list.map((s) => [s.fromSeq, s.toSeq])).toEqual([
      [1, 4],
      [5, 14],
    ]);
    expect(w.data.volume(volumeId)?.log.filter((r) => r.atMs <= 15 * MIN)).toHaveLength(14);
    expect([...w.violations]).toEqual([]);
  });

  test("a saved copy that differs from the client's writes is reported (storage/log-backup-complete)", () => {
    const w = world();
    w.writeKeys(1, 6);
    const list = w.cp.listLogBackups("orders") as LogSegment[];
    const last = list.at(-1) as LogSegment;
    const bad = last.records.map((r) => ({ ...r, hash: "0".repeat(64) }));
    list.push({
      ...last,
      fromSeq: last.toSeq + 1,
      toSeq: last.toSeq + bad.length,
      records: bad.map((r, i) => ({ ...r, seq: last.toSeq + 1 + i })),
    });
    w.sim.runFor(MIN);
    expect([...w.violations].join("\n")).toMatch(
      /storage\/log-backup-complete: log backup of .*: the saved copy of seq \d+ differs from the client's write/,
    );
  });

  test("a listing with a gap is reported (storage/log-backup-complete)", () => {
    const w = world();
    w.writeKeys(1, 12);
    w.sim.runFor(MIN);
    // a backup that skipped a record: the next segment starts one too late
    const list = w.cp.listLogBackups("orders") as LogSegment[];
    const last = list.at(-1) as LogSegment;
    list.push({ ...last, fromSeq: last.toSeq + 2, toSeq: last.toSeq + 3 });
    w.sim.runFor(MIN);
    expect([...w.violations].join("\n")).toMatch(/storage\/log-backup-complete: log backup of .*: segment \d+…\d+ after \d+ leaves a gap/);
  });
});

describe("repartition", () => {
  test("three clones of one point: disjoint, together exactly the source; the source took writes throughout", () => {
    const w = world();
    w.writeKeys(1, 30);
    const at = w.sim.env.clock.nowMs();
    w.cp.repartitionDatabase("orders", ["p0", "p1", "p2"], at);
    w.writeKeys(31, 33);
    w.sim.runFor(MIN);
    const keys = (name: string) => Array.from({ length: 33 }, (_, i) => i + 1).filter((i) => decode(w.cp.read(name, i)) !== undefined);
    const parts = ["p0", "p1", "p2"].map(keys);
    expect(parts[0]).toEqual([3, 6, 9, 12, 15, 18, 21, 24, 27, 30]);
    expect(parts.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(keys("orders")).toHaveLength(33);
    expect(w.cp.describe("p1")?.state).toBe("AVAILABLE");
    expect([...w.violations]).toEqual([]);
  });

  test("partitions that overlap are reported (storage/partitions-cover-source)", () => {
    const w = world();
    w.writeKeys(1, 10);
    w.cp.repartitionDatabase("orders", ["p0", "p1"], w.sim.env.clock.nowMs());
    w.sim.runUntil(() => w.data.restores.length === 1, { withinMs: MIN });
    // the first partition's prune misses block 1, which belongs to the second
    w.data.restores[0]?.volume.write(1, text("k1"), 0);
    w.sim.runFor(MIN);
    expect([...w.violations].join("\n")).toMatch(/storage\/partitions-cover-source: .*: block 1 is in both/);
  });
});

describe("customer snapshots, delete and events", () => {
  test("a snapshot is stored; delete releases the volume and unbinds the name; clones and the event log stay", () => {
    const w = world();
    w.writeKeys(1, 5);
    w.cp.snapshotDatabase("orders");
    w.cp.cloneDatabase("orders", "copy", w.sim.env.clock.nowMs());
    w.sim.runFor(MIN);
    const volumeId = w.cp.describe("orders")?.volumeId ?? "";
    w.cp.deleteDatabase("orders");
    w.sim.runFor(MIN);
    expect(w.cp.describe("orders")?.state).toBe("DELETED");
    expect(w.cp.dns.has("orders")).toBe(false);
    expect(w.data.volume(volumeId)).toBeUndefined();
    expect(w.cp.read("orders", 1)).toBe("refused");
    expect(decode(w.cp.read("copy", 5))).toBe("k5");
    expect(w.cp.events("orders").map((e) => e.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^snapshot snap-\S+ stored$/),
        "deleted: volume released, name unbound; snapshots and clones kept",
      ]),
    );
    expect([...w.violations]).toEqual([]);
  });

  test("a clone of a deleted database rolls back with an error event, leaving nothing behind", () => {
    const w = world();
    w.writeKeys(1, 3);
    w.cp.deleteDatabase("orders");
    w.sim.runFor(MIN);
    w.cp.cloneDatabase("orders", "late", w.sim.env.clock.nowMs());
    w.sim.runFor(2 * MIN);
    expect(w.cp.describe("late")).toBeUndefined();
    expect(w.cp.events("late").at(-1)).toMatchObject({ kind: "error" });
    expect([...w.violations]).toEqual([]);
  });
});

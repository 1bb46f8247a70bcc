import { describe, expect, test } from "vitest";
import { ShardData } from "./shard-data";

describe("a shard's data under asynchronous replication", () => {
  test("a replica holds only what was acknowledged up to its lag; a promoted replica's prefix is the new data and the old tail is gone", () => {
    const d = new ShardData(["p", "r1", "r2"]);
    for (let i = 1; i <= 5; i++) d.append("p", { writeId: i, ackedAtMs: i * 100 });
    d.apply("r1", "p", 300);
    d.apply("r2", "p", 100);
    expect([d.length("p"), d.length("r1"), d.length("r2")]).toEqual([5, 3, 1]);
    expect(d.latest("r1")).toBe(3);
    d.promote("r1");
    d.append("r1", { writeId: 6, ackedAtMs: 600 });
    expect([...d.held("r1")]).toEqual([1, 2, 3, 6]);
    // r2 catches up from the new primary; the old primary, back, resyncs in full.
    d.apply("r2", "r1", 1_000);
    expect(d.apply("p", "r1", 1_000)).toBe(false);
    expect([...d.held("p")]).toEqual([1, 2, 3, 6]);
    expect([...d.held("r2")]).toEqual([1, 2, 3, 6]);
  });

  test("a primary that lost its memory holds nothing, and its replicas clear theirs when they resync", () => {
    const d = new ShardData(["p", "r"]);
    d.append("p", { writeId: 1, ackedAtMs: 1 });
    d.apply("r", "p", 1);
    d.wipe("p");
    d.apply("r", "p", 10);
    expect([d.latest("p"), d.latest("r")]).toEqual([undefined, undefined]);
  });
});

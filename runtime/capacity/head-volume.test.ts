import { describe, expect, test } from "vitest";
import { HeadVolume } from "./head-volume";

const all = () => true;
const withoutA = (z: string) => z !== "a";

describe("the head node's volume", () => {
  test("1,000 writes acknowledged before zone a is lost are all readable after the failover", () => {
    const v = new HeadVolume(["a", "b", "c"]);
    v.attach("old", all);
    for (let k = 0; k < 1000; k++) expect(v.write("old", 1, 1, all).ok).toBe(true);
    expect(v.attach("new", withoutA)).toEqual(["a"]);
    expect(v.readableLsn(withoutA)).toBe(1000);
    expect(v.write("new", 2, 1, withoutA)).toEqual({ ok: true, lsn: 1001 });
  });

  test("single writer: once the new head attached, the old one's writes are refused, even where it can still reach a copy", () => {
    const v = new HeadVolume(["a", "b", "c"]);
    v.attach("old", all);
    v.write("old", 1, 10, all);
    v.attach("new", withoutA);
    expect(v.write("old", 1, 1, all)).toEqual({ ok: false, reason: "fenced" });
    expect(v.lsn).toBe(10);
  });

  test("fencing: a fenced copy is unfenced only at the current LSN, after catching up", () => {
    const v = new HeadVolume(["a", "b", "c"]);
    v.attach("old", all);
    v.write("old", 1, 5, all);
    v.attach("new", withoutA);
    v.write("new", 2, 7, withoutA);
    expect(v.fencedZones()).toEqual(["a"]);
    expect(v.catchUp("a")).toBe(12);
    expect(v.fencedZones()).toEqual([]);
    expect(v.readableLsn(all)).toBe(12);
  });

  test("no acknowledgement without quorum: with two of three copies gone, a write is refused", () => {
    const v = new HeadVolume(["a", "b", "c"]);
    v.attach("h", all);
    expect(v.write("h", 1, 1, (z) => z === "c")).toEqual({ ok: false, reason: "no-quorum" });
    expect(v.lsn).toBe(0);
  });
});

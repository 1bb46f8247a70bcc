/**
 * Volumes, incremental snapshots, deletes and point-in-time restores against a reference model
 * (plain maps of every state ever reached), over random operation sequences (fast-check).
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { BlockStore } from "./block-store";
import { BLOCK_SIZE } from "./data-plane";
import { ownLog, restoreToPoint } from "./point-in-time";
import { SnapshotStore } from "./snapshots";
import { Volume } from "./volume";

type Op =
  | { readonly kind: "write"; readonly index: number; readonly value: number }
  | { readonly kind: "snapshot" }
  | { readonly kind: "delete"; readonly pick: number }
  | { readonly kind: "restore"; readonly back: number; readonly cloneWrites: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("write" as const), index: fc.nat(15), value: fc.nat(5) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("snapshot" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), pick: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("restore" as const), back: fc.nat(30), cloneWrites: fc.nat(3) }) },
);

const text = (s: string) => new TextEncoder().encode(s);
const read = (v: Volume, i: number) => {
  const b = v.read(i);
  return b === undefined ? undefined : new TextDecoder().decode(b).replace(/\0+$/, "");
};

describe("storage model", () => {
  test("random writes, snapshots, deletes and restores agree with a reference model", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const store = new BlockStore(BLOCK_SIZE);
        const snaps = new SnapshotStore(store);
        const v = new Volume("v", store);
        // reference: the state after every write, by time
        const history: { atMs: number; state: Map<number, string> }[] = [{ atMs: 0, state: new Map() }];
        const live = new Map<number, string>();
        const snapshotStates = new Map<string, Map<number, string>>();
        let now = 0;
        for (const o of ops) {
          now += 1;
          if (o.kind === "write") {
            v.write(o.index, text(`${o.index}:${o.value}`), now);
            live.set(o.index, `${o.index}:${o.value}`);
            history.push({ atMs: now, state: new Map(live) });
          } else if (o.kind === "snapshot") {
            snapshotStates.set(snaps.take(v, now).id, new Map(live));
          } else if (o.kind === "delete") {
            const ids = snaps.of("v").map((s) => s.id);
            const id = ids[o.pick % Math.max(1, ids.length)];
            if (id) {
              snaps.delete(id);
              snapshotStates.delete(id);
            }
          } else {
            const at = Math.max(0, now - o.back);
            const r = restoreToPoint(store, snaps, v, at, { id: `r${now}`, logs: ownLog(v, now), clonesOfSource: 0 });
            const want = [...history].reverse().find((h) => h.atMs <= at)?.state ?? new Map();
            for (let i = 0; i < 16; i++) expect(read(r.volume, i)).toBe(want.get(i));
            // the restored volume is independent of its source
            for (let k = 0; k < o.cloneWrites; k++) r.volume.write(k, text("clone"), now);
            for (let i = 0; i < 16; i++) expect(read(v, i)).toBe(live.get(i));
            r.volume.release();
          }
          // every snapshot still reads as it was taken, whatever was deleted around it
          for (const [id, state] of snapshotStates) {
            const s = snaps.get(id);
            for (let i = 0; i < 16; i++)
              expect(
                s?.get(i) === undefined ? undefined : new TextDecoder().decode(store.get(s.get(i) as string)).replace(/\0+$/, ""),
              ).toBe(state.get(i));
          }
        }
        // snapshot storage is the unique blocks of the snapshots left
        const unique = new Set<string>();
        for (const s of snaps.of("v")) for (const i of s.indexes()) unique.add(s.get(i) as string);
        expect(snaps.storedBlocks).toBe(unique.size);
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});

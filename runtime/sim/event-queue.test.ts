import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { EventQueue, type Queued } from "./event-queue";

interface Item extends Queued {
  readonly id: number;
}

/** Drives a queue like the kernel does: times never go backwards, seq increases per push. */
function drive(ops: readonly { delay: number; cancel: boolean }[]): { popped: Item[]; pushed: Item[] } {
  const q = new EventQueue<Item>();
  let now = 0;
  let seq = 0;
  const pushed: Item[] = [];
  const popped: Item[] = [];
  for (const [i, op] of ops.entries()) {
    const item: Item = { id: i, atMs: now + op.delay, seq: seq++, cancelled: false };
    q.push(item, now);
    pushed.push(item);
    if (op.cancel) {
      item.cancelled = true;
      q.noteCancelled();
    }
    // Interleave pops so the FIFO for "now" and the heap both get exercised.
    if (i % 3 === 2) {
      const e = q.pop();
      if (e) {
        now = e.atMs;
        popped.push(e);
      }
    }
  }
  for (let e = q.pop(); e; e = q.pop()) popped.push(e);
  return { popped, pushed };
}

const ops = fc.array(
  fc.record({ delay: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 1000 })), cancel: fc.boolean() }),
  {
    maxLength: 300,
  },
);

describe("EventQueue", () => {
  test("pops every live event exactly once, in (atMs, seq) order: equal times in insertion order", () => {
    fc.assert(
      fc.property(ops, (list) => {
        const { popped, pushed } = drive(list);
        expect(popped.map((e) => e.id).sort((a, b) => a - b)).toEqual(pushed.filter((e) => !e.cancelled).map((e) => e.id));
        for (let i = 1; i < popped.length; i++) {
          const a = popped[i - 1] as Item;
          const b = popped[i] as Item;
          expect(a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq)).toBe(true);
        }
      }),
    );
  });

  test("events due at the same millisecond come out in the order they were pushed", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 200 }), (times) => {
        const q = new EventQueue<Item>();
        for (const [i, t] of times.entries()) q.push({ id: i, atMs: t, seq: i, cancelled: false }, 0);
        const out: Item[] = [];
        for (let e = q.pop(); e; e = q.pop()) out.push(e);
        const expected = times
          .map((t, i) => ({ t, i }))
          .sort((a, b) => a.t - b.t || a.i - b.i)
          .map((x) => x.i);
        expect(out.map((e) => e.id)).toEqual(expected);
      }),
    );
  });

  test("mass cancellation compacts the heap and keeps order", () => {
    const q = new EventQueue<Item>();
    const items = Array.from({ length: 5000 }, (_, i) => ({ id: i, atMs: 1 + (i % 97), seq: i, cancelled: false }));
    for (const it of items) q.push(it, 0);
    for (const it of items)
      if (it.id % 5 !== 0) {
        it.cancelled = true;
        q.noteCancelled();
      }
    expect(q.size).toBe(1000);
    const out: Item[] = [];
    for (let e = q.pop(); e; e = q.pop()) out.push(e);
    expect(out.map((e) => e.id)).toEqual(
      items
        .filter((i) => i.id % 5 === 0)
        .sort((a, b) => a.atMs - b.atMs || a.seq - b.seq)
        .map((i) => i.id),
    );
  });

  test("peekAtMs reports the earliest time and Infinity when empty", () => {
    const q = new EventQueue<Item>();
    expect(q.peekAtMs()).toBe(Number.POSITIVE_INFINITY);
    q.push({ id: 0, atMs: 9, seq: 0, cancelled: false }, 0);
    q.push({ id: 1, atMs: 4, seq: 1, cancelled: false }, 0);
    expect(q.peekAtMs()).toBe(4);
  });
});

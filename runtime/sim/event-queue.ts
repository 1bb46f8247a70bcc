/**
 * The event queue: a binary min-heap ordered by (atMs, seq), plus a FIFO for events due at the
 * current millisecond. `seq` is a global insertion counter, so events due at the same time run in
 * the order they were scheduled — the tie-break every determinism argument rests on.
 *
 * The FIFO is the "or better": most events in message-heavy systems are scheduled for `now`
 * (zero-latency hops, immediate callbacks). Any event already in the heap for `now` was scheduled
 * earlier and so has a smaller `seq`; the heap drains first, and the FIFO is already in `seq`
 * order, so (atMs, seq) order holds exactly while those events skip the O(log n) heap.
 *
 * Cancellation is lazy (a flag checked at pop); the heap is compacted when dead entries outnumber
 * live ones, so a system that arms and cancels a timeout per request does not grow without bound.
 */

/** Anything the queue can order. */
export interface Queued {
  atMs: number;
  seq: number;
  cancelled: boolean;
}

/** Dead entries tolerated before a compaction is considered. */
const COMPACT_MIN_DEAD = 1024;

export class EventQueue<E extends Queued> {
  private heap: E[] = [];
  /**
   * Slots [fifoHead, fifoTail) hold the FIFO's events. The array is reused, never emptied with
   * `length = 0`: that gave V8's backing store away, and every millisecond's first event made a new one.
   */
  private readonly fifo: (E | undefined)[] = [];
  private fifoHead = 0;
  private fifoTail = 0;
  private fifoAtMs = -1;
  private dead = 0;

  /** Live (not cancelled) events. */
  get size(): number {
    return this.heap.length + this.fifoTail - this.fifoHead - this.dead;
  }

  /**
   * Adds `e`; `nowMs` is the current time, which decides whether `e` may take the FIFO. Callers
   * assign `e.seq` from one increasing counter before pushing.
   */
  push(e: E, nowMs: number): void {
    // The FIFO holds events of one millisecond only; it is always drained before time moves on.
    if (e.atMs === nowMs && (this.fifoAtMs === nowMs || this.fifoHead === this.fifoTail)) {
      this.fifoAtMs = nowMs;
      if (this.fifoTail < this.fifo.length) this.fifo[this.fifoTail] = e;
      else this.fifo.push(e);
      this.fifoTail++;
      return;
    }
    const heap = this.heap;
    let i = heap.length;
    heap.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = heap[p] as E;
      if (parent.atMs < e.atMs || (parent.atMs === e.atMs && parent.seq < e.seq)) break;
      heap[i] = parent;
      i = p;
    }
    heap[i] = e;
  }

  /** Time of the next event (cancelled ones included), or Infinity when empty. */
  peekAtMs(): number {
    if (this.fifoHead < this.fifoTail) {
      const top = this.heap[0];
      return top !== undefined && top.atMs <= this.fifoAtMs ? top.atMs : this.fifoAtMs;
    }
    const top = this.heap[0];
    return top === undefined ? Number.POSITIVE_INFINITY : top.atMs;
  }

  /** Removes and returns the next live event, or undefined when none is left. */
  pop(): E | undefined {
    for (;;) {
      const e = this.popAny();
      if (e === undefined) return undefined;
      if (!e.cancelled) return e;
      this.dead--;
    }
  }

  /** Tells the queue one of its events was cancelled (for compaction accounting). */
  noteCancelled(): void {
    this.dead++;
    const heap = this.heap;
    if (this.dead > COMPACT_MIN_DEAD && this.dead * 2 > heap.length) this.compact();
  }

  private popAny(): E | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (this.fifoHead < this.fifoTail && (top === undefined || top.atMs > this.fifoAtMs)) {
      const e = this.fifo[this.fifoHead] as E;
      this.fifo[this.fifoHead++] = undefined;
      if (this.fifoHead === this.fifoTail) {
        this.fifoHead = 0;
        this.fifoTail = 0;
      }
      return e;
    }
    if (top === undefined) return undefined;
    const last = heap.pop() as E;
    if (heap.length > 0) this.siftDown(last);
    return top;
  }

  private siftDown(e: E): void {
    const heap = this.heap;
    const n = heap.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      let child = heap[l] as E;
      if (r < n) {
        const right = heap[r] as E;
        if (right.atMs < child.atMs || (right.atMs === child.atMs && right.seq < child.seq)) {
          c = r;
          child = right;
        }
      }
      if (e.atMs < child.atMs || (e.atMs === child.atMs && e.seq < child.seq)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = e;
  }

  /** Drops cancelled entries from the heap and rebuilds it in O(n). */
  private compact(): void {
    const live = this.heap.filter((e) => !e.cancelled);
    this.dead -= this.heap.length - live.length;
    this.heap = [];
    // Re-inserting in (atMs, seq) order keeps the heap valid without any sifting work.
    live.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
    this.heap = live;
  }
}

/**
 * Pages by id in a few large buffers instead of one small array each. A simulated cache touches
 * thousands of pages per run; an array of more than 64 bytes is a separate allocation the garbage
 * collector tracks one by one, which cost more than the cache's own work. Here a page is a slot in
 * a chunk of `PAGES_PER_CHUNK` pages; chunks are never moved, so a page's view stays valid until
 * the page is deleted (its slot is then reused).
 */

const PAGES_PER_CHUNK = 256;

export class PageSlab {
  private readonly chunks: Uint8Array[] = [];
  /** A view per slot, made once. */
  private readonly views: Uint8Array[] = [];
  private readonly slotOf = new Map<number, number>();
  private readonly free: number[] = [];

  constructor(readonly pageSize: number) {}

  /** Pages held. */
  get size(): number {
    return this.slotOf.size;
  }

  has(id: number): boolean {
    return this.slotOf.has(id);
  }

  /** The page's bytes (a live view), or undefined when the slab does not hold it. */
  get(id: number): Uint8Array | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.views[slot];
  }

  /** The page's bytes, added as zeros when absent (a live view). */
  getOrAdd(id: number): Uint8Array {
    const slot = this.slotOf.get(id);
    if (slot !== undefined) return this.views[slot] as Uint8Array;
    const fresh = this.free.pop() ?? this.grow();
    const view = this.views[fresh] as Uint8Array;
    view.fill(0);
    this.slotOf.set(id, fresh);
    return view;
  }

  delete(id: number): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.free.push(slot);
  }

  clear(): void {
    for (const slot of this.slotOf.values()) this.free.push(slot);
    this.slotOf.clear();
  }

  /** Ids held, in the order they were added. */
  ids(): IterableIterator<number> {
    return this.slotOf.keys();
  }

  private grow(): number {
    const chunk = new Uint8Array(PAGES_PER_CHUNK * this.pageSize);
    const first = this.views.length;
    this.chunks.push(chunk);
    for (let i = 0; i < PAGES_PER_CHUNK; i++) this.views.push(chunk.subarray(i * this.pageSize, (i + 1) * this.pageSize));
    // Hand out the lowest new slot now, the rest later in ascending order.
    for (let i = PAGES_PER_CHUNK - 1; i > 0; i--) this.free.push(first + i);
    return first;
  }
}

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
  /** A view per slot, made on first use (a chunk's last slots often never are). */
  private readonly views: (Uint8Array | undefined)[] = [];
  /** Slots made so far (every chunk's). */
  private slots = 0;
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
    return slot === undefined ? undefined : this.view(slot);
  }

  /** The page's bytes, added as zeros when absent (a live view). */
  getOrAdd(id: number): Uint8Array {
    const slot = this.slotOf.get(id);
    if (slot !== undefined) return this.view(slot);
    const fresh = this.free.pop() ?? this.grow();
    const view = this.view(fresh);
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

  private view(slot: number): Uint8Array {
    const made = this.views[slot];
    if (made) return made;
    const chunk = this.chunks[Math.floor(slot / PAGES_PER_CHUNK)] as Uint8Array;
    const at = (slot % PAGES_PER_CHUNK) * this.pageSize;
    const view = chunk.subarray(at, at + this.pageSize);
    this.views[slot] = view;
    return view;
  }

  private grow(): number {
    this.chunks.push(new Uint8Array(PAGES_PER_CHUNK * this.pageSize));
    const first = this.slots;
    this.slots += PAGES_PER_CHUNK;
    // Hand out the lowest new slot now, the rest later in ascending order.
    for (let i = PAGES_PER_CHUNK - 1; i > 0; i--) this.free.push(first + i);
    return first;
  }
}

/**
 * What the cache survival checkers watch: every rig of one simulation, through the typed events
 * each rig emits. The watch keeps the oracle the read checkers judge against — what every page of
 * each rig must read as: storage's content at the recovery point R after each recovery, plus every
 * client write since — and hands each event to the invariants, after updating the oracle for a
 * recovery and before updating it for a write (so a write's own check sees the page as it was).
 */
import type { CacheEvent } from "../../cache/cache-events";
import { PageSlab } from "../../cache/page-slab";

/**
 * One rig as the checkers see it: its name and what each of its pages must read as. The pages live
 * in one slab per rig, not an array each (the model is updated on every write and read on every
 * read, and per-page arrays cost more garbage collection than the cache's own work).
 */
export class WatchedRig {
  private slab: PageSlab | undefined;
  private zero: Uint8Array | undefined;

  constructor(readonly name: string) {}

  /** What `page` must read as: a live view, to compare at once and not keep. */
  expected(page: number, pageSize: number): Uint8Array {
    const held = this.slab?.get(page);
    if (held) return held;
    if (this.zero?.length !== pageSize) this.zero = new Uint8Array(pageSize);
    return this.zero;
  }

  /** The model's pages (made with the rig's page size on first use). */
  model(pageSize: number): PageSlab {
    this.slab ??= new PageSlab(pageSize);
    return this.slab;
  }
}

export type CacheListener = (rig: WatchedRig, e: CacheEvent) => void;

type Kind = CacheEvent["kind"];
const KINDS: readonly Kind[] = ["recovered", "serving", "read", "write", "committed", "power-lost"];

export class CacheWatch {
  readonly rigs: WatchedRig[] = [];
  /** Listeners by the kind of event they judge, in registration order: a read reaches only the read checkers. */
  private readonly listeners = new Map<Kind, CacheListener[]>(KINDS.map((k) => [k, []]));

  /** `l` hears every event of `kinds` (all kinds when not given), in order. */
  onCacheEvent(l: CacheListener, kinds: readonly Kind[] = KINDS): void {
    for (const k of kinds) this.listeners.get(k)?.push(l);
  }

  /** A new rig named `name`; returns the observer to give it. */
  observe(name: string): (e: CacheEvent) => void {
    const rig = new WatchedRig(name);
    this.rigs.push(rig);
    return (e) => {
      if (e.kind === "recovered") {
        const model = rig.model(e.pageSize);
        model.clear();
        for (const p of e.storage.pages()) e.storage.materializeInto(p, e.outcome.recoveryLsn, model.getOrAdd(p));
      }
      for (const l of this.listeners.get(e.kind) as CacheListener[]) l(rig, e);
      if (e.kind === "write") {
        rig.model(e.memory.pageSize).getOrAdd(e.page).set(e.data, e.offset);
      }
    };
  }
}

/**
 * The first violation of one invariant per rig. The checker reports the first rig (in the order
 * the rigs were made) that broke it.
 */
let recorded = 0;

export class PerRigViolations {
  private readonly byRig = new Map<WatchedRig, string>();
  private readonly order = new Map<WatchedRig, number>();

  constructor(private readonly watch: CacheWatch) {}

  /** What `first()` answers, recomputed when a violation is recorded (checked after every event). */
  private firstOfRigs: string | undefined;

  set(rig: WatchedRig, why: string): void {
    if (this.byRig.has(rig)) return;
    this.byRig.set(rig, `${rig.name}: ${why}`);
    this.order.set(rig, recorded++);
    this.firstOfRigs = this.scanFirst();
  }

  /** When this rig's violation was recorded, relative to every other (for listing them in order). */
  orderOf(rig: WatchedRig): number {
    return this.order.get(rig) ?? Number.POSITIVE_INFINITY;
  }

  of(rig: WatchedRig): string | undefined {
    return this.byRig.get(rig);
  }

  first(): string | undefined {
    return this.firstOfRigs;
  }

  private scanFirst(): string | undefined {
    for (const r of this.watch.rigs) {
      const v = this.byRig.get(r);
      if (v !== undefined) return v;
    }
    return undefined;
  }
}

/**
 * Byte equality through Buffer's native compare (the oracle check runs on every read). `Buffer.compare`
 * takes plain Uint8Arrays: no Buffer view is made per check (two per read were most of the
 * checkers' garbage).
 */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

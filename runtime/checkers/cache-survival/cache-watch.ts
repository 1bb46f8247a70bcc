/**
 * What the cache survival checkers watch: every rig of one simulation, through the typed events
 * each rig emits. The watch keeps the oracle the read checkers judge against — what every page of
 * each rig must read as: storage's content at the recovery point R after each recovery, plus every
 * client write since — and hands each event to the invariants, after updating the oracle for a
 * recovery and before updating it for a write (so a write's own check sees the page as it was).
 */
import type { CacheEvent } from "../../cache/cache-events";

/** One rig as the checkers see it: its name and what each of its pages must read as. */
export interface WatchedRig {
  readonly name: string;
  readonly model: Map<number, Uint8Array>;
}

export type CacheListener = (rig: WatchedRig, e: CacheEvent) => void;

export class CacheWatch {
  readonly rigs: WatchedRig[] = [];
  private readonly listeners: CacheListener[] = [];

  onCacheEvent(l: CacheListener): void {
    this.listeners.push(l);
  }

  /** A new rig named `name`; returns the observer to give it. */
  observe(name: string): (e: CacheEvent) => void {
    const rig: WatchedRig = { name, model: new Map() };
    this.rigs.push(rig);
    return (e) => {
      if (e.kind === "recovered") {
        rig.model.clear();
        for (const p of e.storage.pages()) rig.model.set(p, e.storage.materialize(p, e.outcome.recoveryLsn).bytes);
      }
      for (const l of this.listeners) l(rig, e);
      if (e.kind === "write") {
        const current = (rig.model.get(e.page) ?? new Uint8Array(e.memory.pageSize)).slice();
        current.set(e.data, e.offset);
        rig.model.set(e.page, current);
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

  set(rig: WatchedRig, why: string): void {
    if (this.byRig.has(rig)) return;
    this.byRig.set(rig, `${rig.name}: ${why}`);
    this.order.set(rig, recorded++);
  }

  /** When this rig's violation was recorded, relative to every other (for listing them in order). */
  orderOf(rig: WatchedRig): number {
    return this.order.get(rig) ?? Number.POSITIVE_INFINITY;
  }

  of(rig: WatchedRig): string | undefined {
    return this.byRig.get(rig);
  }

  first(): string | undefined {
    for (const r of this.watch.rigs) {
      const v = this.byRig.get(r);
      if (v !== undefined) return v;
    }
    return undefined;
  }
}

/** Byte equality through Buffer's native compare (the oracle check runs on every read). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { completionReaders, unread } from "./cursor";
import { PairsToJudge } from "./pairs-to-judge";

/** Every request ends in exactly one outcome within the client's timeout, and only a coordinating cluster answers. */
export const invariant: Invariant = {
  id: "failover-pair/one-outcome-per-request",
  description: "Every request ends in exactly one outcome within the client's timeout, and only a coordinating cluster answers.",
};

/**
 * Every request ends in exactly one of result, retryable error, fatal error (none left hanging past
 * the client's timeout), and no client reached a cluster that was not coordinating.
 */
export function oneOutcome(pairs: readonly DatabasePair[], nowMs: () => number): Checker {
  const judge = new PairsToJudge(pairs);
  const readers = completionReaders(pairs);
  const done = new Map<DatabasePair, IdSet>();
  return {
    ...invariant,
    afterEvent(changed) {
      for (const p of judge.select(changed)) {
        let ids = done.get(p);
        if (!ids) {
          ids = new IdSet();
          done.set(p, ids);
        }
        const h = p.history;
        const end = h.completed;
        for (let i = unread(readers, p, end, () => h.reader()); i < end; i++) {
          const c = h.completionAt(i);
          if (c === undefined) throw new Error(`${p.spec.database}: completion ${i} was dropped before one-outcome-per-request read it`);
          if (ids.has(c.id)) return `${p.spec.database}: request ${c.id} got a second outcome (${c.outcome})`;
          ids.add(c.id);
          if (c.outcome === "ok" && c.viaRole !== "coordinating")
            return `${p.spec.database}: request ${c.id} was answered through ${c.via}, a ${c.viaRole} cluster`;
        }
      }
      return undefined;
    },
    atEnd() {
      for (const p of pairs) {
        const ids = done.get(p) ?? new IdSet();
        const horizon = nowMs() - p.spec.timing.clientTimeoutMs - p.spec.timing.tickMs;
        // Requests the history no longer keeps had their outcome read here (the history drops an
        // invoke only once every reader has read its outcome): only kept ones can be hanging.
        const h = p.history;
        let hanging: { readonly id: number; readonly atMs: number } | undefined;
        for (let id = h.firstKeptInvokeId; id <= h.sent && !hanging; id++) {
          const i = h.invokeOf(id);
          if (i && i.atMs < horizon && !ids.has(i.id)) hanging = i;
        }
        if (hanging) return `${p.spec.database}: request ${hanging.id} sent at ${hanging.atMs} ms has no outcome`;
      }
      return undefined;
    },
  };
}

/**
 * Request ids seen, as a bitmap: ids are 1, 2, 3… in invoke order, so a run's thousands of
 * outcomes cost a bit each instead of a hash-set entry.
 */
class IdSet {
  private bits = new Uint8Array(1024);

  has(id: number): boolean {
    const byte = Math.floor(id / 8);
    return byte < this.bits.length && ((this.bits[byte] as number) & (1 << (id % 8))) !== 0;
  }

  add(id: number): void {
    if (!Number.isSafeInteger(id) || id < 0) throw new RangeError(`request ids are whole numbers, got ${id}`);
    const byte = Math.floor(id / 8);
    if (byte >= this.bits.length) {
      const grown = new Uint8Array(Math.max(byte + 1, this.bits.length * 2));
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[byte] = (this.bits[byte] as number) | (1 << (id % 8));
  }
}

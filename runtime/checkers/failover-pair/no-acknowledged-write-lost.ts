import type { DatabasePair } from "../../database/database-pair";
import { writeIdOf } from "../../database/write-ids";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { PairsToJudge } from "./pairs-to-judge";

/** A write acknowledged to the client is in storage, at the sequence acknowledged, from then on. */
export const invariant: Invariant = {
  id: "failover-pair/no-acknowledged-write-lost",
  description: "A write acknowledged to the client is in storage, at the sequence acknowledged, from then on.",
};

/** The acknowledgement's write is not what storage holds at its sequence (a request that named no write counts as none). */
function differs(p: DatabasePair, seq: number, key: number): boolean {
  const held = p.storage.keyAt(seq);
  return Number.isNaN(key) ? held !== undefined : held !== key;
}

/**
 * An acknowledged sequence is in storage, with its write, when the client hears the acknowledgement
 * and forever after (what later results show is `failover-pair/no-stale-results`). The
 * acknowledgements are the history's own record of them (sequence, write, time: a few numbers
 * each, kept for the whole run so a write lost hours later is still named); the storage is asked
 * for the write at a sequence, never for its own view of what was lost.
 */
export function noLostAck(pairs: readonly DatabasePair[]): Checker {
  const judge = new PairsToJudge(pairs);
  /**
   * Per pair, the acks count and the storage's latest sequence at the last look. Storage only
   * appends (a commit is never rewritten), so while neither moved the last look's answer stands;
   * without this every event re-read 64 acks of every pair, which made an emulation of many
   * databases quadratic.
   */
  const checkedAt = new Map<DatabasePair, { acks: number; storage: number }>();
  return {
    ...invariant,
    afterEvent(changed) {
      for (const p of judge.select(changed)) {
        const acks = p.history.acks;
        // New acks are checked against storage as they come; when the storage moved, the recent
        // ones are checked again too (a storage that lost or rewrote commits), and every one at the end.
        let last = checkedAt.get(p);
        if (!last) {
          last = { acks: 0, storage: 0 };
          checkedAt.set(p, last);
        } else if (last.storage === p.storage.latest && last.acks === acks.length) continue;
        const from = last.storage !== p.storage.latest ? Math.min(last.acks, Math.max(0, acks.length - 64)) : last.acks;
        last.acks = acks.length;
        last.storage = p.storage.latest;
        for (let i = from; i < acks.length; i++) {
          const key = acks.key(i);
          if (Number.isNaN(key)) continue; // a read's answer: no write to look for
          const seq = acks.seq(i);
          if (differs(p, seq, key)) {
            const held = p.storage.keyAt(seq);
            return `${p.spec.database}: write ${writeIdOf(key)} was acknowledged as seq ${seq} at ${acks.atMs(i)} ms, but storage holds ${held === undefined ? "nothing" : writeIdOf(held)} there`;
          }
        }
      }
      return undefined;
    },
    atEnd() {
      for (const p of pairs) {
        const acks = p.history.acks;
        for (let i = 0; i < acks.length; i++) {
          const key = acks.key(i);
          if (Number.isNaN(key)) continue;
          if (differs(p, acks.seq(i), key))
            return `${p.spec.database}: acknowledged write ${writeIdOf(key)} (seq ${acks.seq(i)}) is not in storage`;
        }
      }
      return undefined;
    },
  };
}

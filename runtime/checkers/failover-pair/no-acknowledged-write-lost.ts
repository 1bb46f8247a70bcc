import type { DatabasePair } from "../../database/database-pair";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";
import { Cursors } from "./cursor";
import { PairsToJudge } from "./pairs-to-judge";

/** A write acknowledged to the client is in storage, at the sequence acknowledged, from then on. */
export const invariant: Invariant = {
  id: "failover-pair/no-acknowledged-write-lost",
  description: "A write acknowledged to the client is in storage, at the sequence acknowledged, from then on.",
};

/**
 * An acknowledged sequence is in storage, with its write, when the client hears the acknowledgement
 * and forever after (what later results show is `failover-pair/no-stale-results`).
 */
export function noLostAck(pairs: readonly DatabasePair[]): Checker {
  const judge = new PairsToJudge(pairs);
  const cursors = new Cursors<DatabasePair>();
  const acks = new Map<DatabasePair, Ack[]>();
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
        let list = acks.get(p);
        if (!list) {
          list = [];
          acks.set(p, list);
        }
        const done = p.history.completions;
        for (let i = cursors.from(p, done); i < done.length; i++) {
          const c = done[i] as (typeof done)[number];
          if (c.outcome !== "ok") continue;
          const inv = p.history.invokes[c.id - 1];
          if (!inv) continue;
          if (inv.kind === "write" && c.seq !== undefined) list.push({ atMs: c.atMs, seq: c.seq, writeId: inv.writeId as string });
        }
        // New acks are checked against storage as they come; when the storage moved, the recent
        // ones are checked again too (a storage that lost or rewrote commits), and every one at the end.
        let last = checkedAt.get(p);
        if (!last) {
          last = { acks: 0, storage: 0 };
          checkedAt.set(p, last);
        } else if (last.storage === p.storage.latest && last.acks === list.length) continue;
        const from = last.storage !== p.storage.latest ? Math.min(last.acks, Math.max(0, list.length - 64)) : last.acks;
        last.acks = list.length;
        last.storage = p.storage.latest;
        for (let i = from; i < list.length; i++) {
          const a = list[i] as Ack;
          const at = p.storage.at(a.seq);
          if (at?.writeId !== a.writeId)
            return `${p.spec.database}: write ${a.writeId} was acknowledged as seq ${a.seq} at ${a.atMs} ms, but storage holds ${at ? at.writeId : "nothing"} there`;
        }
      }
      return undefined;
    },
    atEnd() {
      for (const p of pairs)
        for (const a of acks.get(p) ?? []) {
          const at = p.storage.at(a.seq);
          if (at?.writeId !== a.writeId) return `${p.spec.database}: acknowledged write ${a.writeId} (seq ${a.seq}) is not in storage`;
        }
      return undefined;
    },
  };
}

interface Ack {
  readonly atMs: number;
  readonly seq: number;
  readonly writeId: string;
}

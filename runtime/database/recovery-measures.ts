/**
 * The recovery a database's clients saw, measured from their own history (never from what the
 * control plane says it did): each stretch in which requests failed, from the last result the
 * clients got before it to the first write acknowledged after it (the recovery time), and the
 * acknowledged writes storage no longer holds, as a span of time (the recovery point).
 */
import { longestOutageMs, OutageScan } from "../contract/client-outages";
import type { RecoveryRow } from "../contract/emulation-result";
import type { DatabasePair } from "./database-pair";
import type { Completion } from "./history";

export { type ClientAnswer, longestOutageMs, OUTAGES_MAX, outagesOf } from "../contract/client-outages";

/** The pair's recovery row: outages from its clients' history, and the acknowledged writes storage lost. */
export function pairRecoveryRow(p: DatabasePair): RecoveryRow {
  const completions = p.history.completions;
  const invokes = p.history.invokes;
  const startMs = invokes[0]?.atMs ?? 0;
  const scan = new OutageScan(startMs);
  const lost: Completion[] = [];
  let lastKeptBeforeLoss: number | undefined;
  for (const c of completions) {
    scan.answer(c.atMs, c.outcome === "ok", c.outcome === "ok" && c.seq !== undefined);
    if (c.outcome !== "ok" || c.seq === undefined) continue;
    const kept = p.storage.at(c.seq)?.writeId === invokes[c.id - 1]?.writeId;
    if (!kept) lost.push(c);
    else if (lost.length === 0) lastKeptBeforeLoss = c.atMs;
  }
  const lastLost = lost.at(-1);
  const outages = scan.outages();
  return {
    database: p.spec.database,
    measuredBy: "clients",
    outages,
    longestOutageMs: longestOutageMs(outages),
    acknowledgedWritesLost: lost.length,
    // From the newest write that survived before the first loss: what the data went back to.
    dataLossWindowMs: lastLost ? lastLost.atMs - (lastKeptBeforeLoss ?? startMs) : 0,
  };
}

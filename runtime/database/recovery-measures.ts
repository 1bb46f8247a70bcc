/**
 * The recovery a database's clients saw, measured from their own history (never from what the
 * control plane says it did): each stretch in which requests failed, from the last result the
 * clients got before it to the first write acknowledged after it (the recovery time), and the
 * acknowledged writes storage no longer holds, as a span of time (the recovery point).
 */
import { longestOutageMs } from "../contract/client-outages";
import type { RecoveryRow } from "../contract/emulation-result";
import type { DatabasePair } from "./database-pair";

export { type ClientAnswer, longestOutageMs, OUTAGES_MAX, outagesOf } from "../contract/client-outages";

/** The pair's recovery row: outages from its clients' history, and the acknowledged writes storage lost. */
export function pairRecoveryRow(p: DatabasePair): RecoveryRow {
  const h = p.history;
  const acks = h.acks;
  let lost = 0;
  let lastLostMs: number | undefined;
  let lastKeptBeforeLoss: number | undefined;
  for (let i = 0; i < acks.length; i++) {
    if (!p.storage.holds(acks.seq(i), acks.key(i))) {
      lost++;
      lastLostMs = acks.atMs(i);
    } else if (lost === 0) lastKeptBeforeLoss = acks.atMs(i);
  }
  const outages = h.outages();
  return {
    database: p.spec.database,
    measuredBy: "clients",
    outages,
    longestOutageMs: longestOutageMs(outages),
    acknowledgedWritesLost: lost,
    // From the newest write that survived before the first loss: what the data went back to.
    dataLossWindowMs: lastLostMs !== undefined ? lastLostMs - (lastKeptBeforeLoss ?? h.firstInvokeAtMs ?? 0) : 0,
  };
}

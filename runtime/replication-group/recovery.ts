/**
 * What a replication group's clients saw, from their own history: the outages (the last answer
 * before each stretch of failed requests → the first write acknowledged after it), the acknowledged
 * writes the shard's final primary does not hold (replication is asynchronous, so a failover can
 * lose the writes the promoted replica had not applied), and each promotion's recovery split into
 * detection, promotion, DNS update and what the clients waited.
 */
import { longestOutageMs, type Outage, outagesOf } from "../contract/client-outages";
import type { FailoverRow, RecoveryRow } from "../contract/emulation-result";
import type { Answer } from "./history";
import type { ReplicationGroupWorkload } from "./workload";

/** Acknowledged writes the shard's final primary does not hold, in acknowledgement order. */
export function lostWrites(w: ReplicationGroupWorkload): Answer[] {
  const heldBy = new Map<string, Set<number>>();
  for (const s of w.spec.shards) {
    const primary = w.primaryOf(s.id);
    heldBy.set(s.id, primary ? (w.dataOf(s.id)?.held(primary) ?? new Set()) : new Set());
  }
  return w.history.inOrder().filter((a) => {
    const r = w.history.requestOf(a);
    return a.outcome === "ok" && r.kind === "write" && !heldBy.get(r.shard)?.has(r.writeId as number);
  });
}

/** The outages the group's clients saw. */
export function groupOutages(w: ReplicationGroupWorkload): Outage[] {
  const answers = w.history.inOrder();
  return outagesOf(
    answers.map((a) => ({ atMs: a.atMs, ok: a.outcome === "ok", writeAck: a.outcome === "ok" && w.history.requestOf(a).kind === "write" })),
    w.history.requests[0]?.sentAtMs ?? 0,
  );
}

export function groupRecoveryRow(w: ReplicationGroupWorkload): RecoveryRow {
  const outages = groupOutages(w);
  const lost = lostWrites(w);
  const lostIds = new Set(lost.map((a) => a.id));
  const first = lost[0];
  let lastKeptBeforeLoss: number | undefined;
  if (first)
    for (const a of w.history.inOrder()) {
      if (a.atMs > first.atMs) break;
      if (a.outcome === "ok" && w.history.requestOf(a).kind === "write" && !lostIds.has(a.id)) lastKeptBeforeLoss = a.atMs;
    }
  const last = lost.at(-1);
  return {
    database: w.spec.group,
    measuredBy: "clients",
    outages,
    longestOutageMs: longestOutageMs(outages),
    acknowledgedWritesLost: lost.length,
    dataLossWindowMs: last ? last.atMs - (lastKeptBeforeLoss ?? w.history.requests[0]?.sentAtMs ?? 0) : 0,
  };
}

/** One row per promotion, with the recovery split and the outage its clients saw around it. */
export function groupFailoverRows(w: ReplicationGroupWorkload, zoneOf: (node: string) => string | undefined): FailoverRow[] {
  const outages = groupOutages(w);
  const lost = lostWrites(w);
  return w.failovers.map((f) => {
    const switched = f.dnsUpdatedAtMs ?? f.completedAtMs;
    // The outage that spans the promotion (the clients' view of this failover), if any.
    const around = outages.find((o) => o.fromMs <= f.completedAtMs && (o.toMs === null || o.toMs >= f.lostAtMs));
    const clientOutageMs = around ? (around.toMs ?? switched) - around.fromMs : 0;
    const lastSeen = [...w.history.inOrder()].reverse().find((a) => a.node === f.from && a.outcome === "ok" && a.atMs <= f.completedAtMs);
    return {
      resource: w.spec.group,
      fromAz: (f.from && zoneOf(f.from)) ?? "",
      toAz: zoneOf(f.to) ?? "",
      fromInstance: f.from ?? "",
      toInstance: f.to,
      detectedAtMs: f.detectedAtMs,
      completedAtMs: f.completedAtMs,
      clientOutageMs,
      model: "replication-group" as const,
      cause: f.cause === "test-failover" ? ("planned" as const) : ("primary-lost" as const),
      epoch: f.term,
      lastSeenAtMs: lastSeen?.atMs ?? f.lostAtMs,
      rto: {
        detectionMs: f.detectedAtMs - f.lostAtMs,
        promotionMs: f.completedAtMs - f.detectedAtMs,
        switchMs: switched - f.completedAtMs,
        clientOutageMs,
      },
      lostAckedWrites: lost.filter((a) => a.atMs <= f.completedAtMs && a.atMs >= (around?.fromMs ?? f.lostAtMs) - w.lagBoundMs).length,
    };
  });
}

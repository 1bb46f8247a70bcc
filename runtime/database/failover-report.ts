/**
 * A pair's promotions as rows of the `emulate --json` failovers section, with the recovery time
 * split the way an operator asks about it: detection (last answered probe → declared failed),
 * promotion (→ the new coordinator's engine enabled), switch (→ the endpoint routes to it), and
 * the client-visible outage measured from the clients' own history (last result before the loss →
 * first write acknowledged after it), which is longer than the control-plane event whenever a DNS
 * TTL or a client timeout has to run out.
 */
import type { FailoverDetail, FailoverRecord } from "../contract/emulation-result";
import type { DatabasePair } from "./database-pair";

/** The mock cloud's failover row, with the failover pair's detail. */
export interface PairFailoverRow extends FailoverRecord, FailoverDetail {}

/** Acknowledged writes that are not in storage at their sequence (RPO; 0 when `failover-pair/no-acknowledged-write-lost` holds). */
export function lostAckedWrites(p: DatabasePair): number {
  let lost = 0;
  const acks = p.history.acks;
  for (let i = 0; i < acks.length; i++) if (!p.storage.holds(acks.seq(i), acks.key(i))) lost++;
  return lost;
}

/** Completed promotions of `p` as result rows. */
export function failoverRows(p: DatabasePair): PairFailoverRow[] {
  const lost = lostAckedWrites(p);
  return p.controlPlane.failovers
    .filter((f) => f.switchedAtMs !== undefined && f.transformedAtMs !== undefined)
    .map((f) => {
      const switched = f.switchedAtMs as number;
      const transformed = f.transformedAtMs as number;
      const lastOk = p.history.lastOkBefore(f.detectedAtMs) ?? f.lastSeenAtMs;
      const firstAck = p.history.firstAckAfter(transformed);
      const clientOutageMs = (firstAck ?? switched) - lastOk;
      return {
        resource: p.spec.database,
        fromAz: f.fromAz,
        toAz: f.toAz,
        fromInstance: f.fromCluster,
        toInstance: f.toCluster,
        detectedAtMs: f.detectedAtMs,
        completedAtMs: switched,
        clientOutageMs,
        ...(f.repairedWith ? { repairedWith: { az: f.repairedWith.az, atMs: f.repairedWith.atMs } } : {}),
        model: "failover-pair",
        cause: f.cause,
        epoch: f.epochAfter ?? f.epoch,
        lastSeenAtMs: f.lastSeenAtMs,
        rto: {
          detectionMs: f.detectedAtMs - f.lastSeenAtMs,
          promotionMs: transformed - f.detectedAtMs,
          switchMs: switched - transformed,
          clientOutageMs,
        },
        lostAckedWrites: lost,
      };
    });
}

/**
 * One seed of the durable log's crash swarm: a host appends records of random sizes while the seed
 * crashes its process, cuts its power (unsynced sectors lost, torn or kept) and stalls its disk.
 * After every restart the recovered log is compared with an oracle of what was written and what
 * was acknowledged:
 * - nothing acknowledged is lost (recovered through ≥ every acknowledged seq);
 * - every recovered record holds what its seq's latest writer wrote (no torn, stale or resurrected
 *   record is ever accepted);
 * - lives strictly increase.
 */

import type { ActorContext } from "../sim/ports";
import { ratio } from "../sim/ratio";
import { Simulation } from "../sim/simulation";
import { DurableLog, type DurableLogOptions, type LogRecovery } from "./durable-log";

const PAYLOAD = 200;

export interface LogSwarmResult {
  readonly seed: number;
  readonly violations: readonly string[];
  readonly appended: number;
  readonly acknowledged: number;
  readonly recoveries: number;
  /** How often each recovery stopped for each reason (a torn tail is `bad-checksum`). */
  readonly stops: Readonly<Record<LogRecovery["stoppedBy"], number>>;
}

export function runDurableLogSwarm(seed: number, durationMs = 1_000, mutant?: DurableLogOptions["mutant"]): LogSwarmResult {
  const sim = new Simulation({
    seed,
    disk: { unsyncedLostRatio: ratio(1, 3), unsyncedTornRatio: ratio(1, 3), syncLatencyMsMin: 1, syncLatencyMsMean: 3 },
  });
  const faults = sim.env.random.fork("log-swarm/faults");
  const violations: string[] = [];
  /** seq → the payload its latest writer wrote (records past a recovery's end are forgotten). */
  const written = new Map<number, Uint8Array>();
  let ackedThrough = 0;
  let appended = 0;
  let acknowledged = 0;
  let recoveries = 0;
  let lastLife = 0;
  const stops: Record<LogRecovery["stoppedBy"], number> = { empty: 0, "bad-magic": 0, "bad-checksum": 0, "bad-sequence": 0, "log-full": 0 };

  const boot = (ctx: ActorContext) => {
    const disk = ctx.disk("log", { sectorSizeBytes: 512, sectorCount: 4_096 });
    const { log, recovery } = DurableLog.open(disk, { payloadBytes: PAYLOAD, mutant });
    recoveries++;
    stops[recovery.stoppedBy]++;
    check(recovery);
    ctx.timers.every(1 + ctx.random.int(3), "append", () => {
      const payload = new Uint8Array(1 + ctx.random.int(PAYLOAD));
      for (let i = 0; i < payload.length; i++) payload[i] = ctx.random.int(256);
      const seq = log.append(ctx.random.int(64), payload, ctx.clock.nowMs(), () => {
        acknowledged++;
        ackedThrough = Math.max(ackedThrough, seq);
      });
      written.set(seq, payload);
      appended++;
    });
    return { receive() {} };
  };

  const check = (r: LogRecovery) => {
    const n = r.entries.length;
    if (n < ackedThrough) violations.push(`recovery ${recoveries}: lost acknowledged records ${n + 1}…${ackedThrough}`);
    for (const e of r.entries) {
      const w = written.get(e.seq);
      if (!w || Buffer.compare(w, e.payload) !== 0) {
        violations.push(`recovery ${recoveries}: seq ${e.seq} holds ${e.payload.length} bytes that its latest writer did not write`);
        break;
      }
    }
    if (r.life <= lastLife) violations.push(`recovery ${recoveries}: life ${r.life} after life ${lastLife}`);
    lastLife = r.life;
    for (const seq of [...written.keys()]) if (seq > n) written.delete(seq);
    sim.env.sometimes("log recovery stopped at a torn record", r.stoppedBy === "bad-checksum");
    sim.env.sometimes("log recovery kept unsynced records of a crashed process", n > ackedThrough);
  };

  sim.spawn("host", { zone: "z", boot });
  sim.env.timers.every(37, "faults", () => {
    switch (faults.int(6)) {
      case 0:
        sim.faults.crash("host", { kind: "process", restartAfterMs: 1 + faults.int(20) });
        break;
      case 1:
      case 2:
        sim.faults.crash("host", { kind: "power", restartAfterMs: 1 + faults.int(20) });
        break;
      case 3:
        sim.faults.stallDisk("host", "log", { forMs: 1 + faults.int(30) });
        break;
      default:
        break;
    }
  });
  sim.runFor(durationMs);
  return { seed, violations, appended, acknowledged, recoveries, stops };
}

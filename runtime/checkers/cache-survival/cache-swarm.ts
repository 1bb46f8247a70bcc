/**
 * One seed of the cache's fault swarm: the seed picks the mode, the
 * placement and the chunk size, then runs a Zipf workload through rounds of random faults —
 * a crash between any two engine steps (torn pages included), acknowledgements withheld and
 * released, host power loss, a crash during recovery — recovering after each. The rig's
 * invariants are checked on every operation; the run report carries them and the trace hash.
 */

import type { CachePlacement, CacheRigOptions } from "../../cache/cache-rig";
import type { RunReport } from "../../sim/run-report";
import { Simulation } from "../../sim/simulation";
import { checkedCacheRig } from "./index";

export interface CacheSwarmOptions {
  /** Fault rounds per seed. @default 6 */
  readonly rounds?: number;
  /** Client operations per round. @default 60 */
  readonly opsPerRound?: number;
  readonly mutants?: CacheRigOptions["mutants"];
}

export function runCacheSwarm(seed: number, o: CacheSwarmOptions = {}): RunReport {
  const sim = new Simulation({ seed, scenario: "cache-swarm" });
  const pick = sim.env.random.fork("cache-swarm");
  const placements: CachePlacement[] = ["shared-memory", "file", "identifiers", "write-through"];
  const rig = checkedCacheRig(sim, "db", {
    pages: 200,
    slotCount: 48,
    pageSize: 4096,
    writePercent: pick.between(10, 60),
    writeBytes: pick.pick([64, 512, 4096]),
    chunkBytes: pick.pick([256, 1024, 4096]),
    mode: pick.pick(["eager", "lazy"] as const),
    placement: pick.pick(placements),
    ackDelayMs: [1, pick.between(2, 30)],
    ...(o.mutants ? { mutants: o.mutants } : {}),
  });
  const rounds = o.rounds ?? 6;
  const ops = o.opsPerRound ?? 60;
  for (let round = 0; round < rounds; round++) {
    if (pick.int(3) === 0) rig.withholdAcks(true);
    if (pick.int(8) === 0) rig.tearNextMirrorCopy();
    rig.crashAfterSteps(pick.int(ops * 8));
    for (let i = 0; i < ops && rig.engine; i++) {
      rig.op();
      sim.runFor(1);
      if (pick.int(40) === 0) rig.withholdAcks(false);
    }
    if (pick.int(2) === 0) rig.withholdAcks(false);
    sim.runFor(pick.int(20));
    // Power may also go after the engine already died mid-step (its unshipped LSNs go with the memory).
    if (pick.int(4) === 0) rig.powerLoss();
    else if (rig.engine) rig.crashNow();
    if (pick.int(5) === 0) rig.recover(pick.int(48));
    rig.recover();
    rig.withholdAcks(false);
  }
  for (let i = 0; i < ops; i++) {
    rig.op();
    sim.runFor(1);
  }
  return sim.finish();
}

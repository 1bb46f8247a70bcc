/**
 * A storage control plane in a simulation, database "orders" created, with every
 * checker run after every event: the checkers keep cursors and watch state over time, so they must
 * see the run as it goes, as the simulator's own checker loop does.
 */

import { StorageOracle, storageCheckers } from "../../runtime/checkers/storage-control-plane";
import { Simulation } from "../../runtime/sim/simulation";
import { StorageControlPlane, type StorageControlPlaneOptions } from "../../runtime/storage/control/control-plane";
import { DataPlane, dataPlaneMutants } from "../../runtime/storage/data-plane";

const MIN = 60_000;

/** `mutants`: test-only planted bugs of the data plane by name (`storage.eagerClone`, …). */
export function checkedStorage(seed: number, options: Partial<StorageControlPlaneOptions> = {}, mutants: readonly string[] = []) {
  const sim = new Simulation({ seed, scenario: "storage" });
  const data = new DataPlane(dataPlaneMutants(new Set(mutants)));
  const cp = new StorageControlPlane(sim.env, data, ["us-east-1a", "us-east-1b", "us-east-1c"], options);
  const oracle = new StorageOracle(data);
  cp.onWrite.push((v, i, b, at) => oracle.written(v, i, b, at));
  const checkers = storageCheckers(cp, oracle, () => sim.env.clock.nowMs());
  /** Every report so far, as `<checker id>: <message>`. */
  const violations = new Set<string>();
  const check = () => {
    for (const c of checkers) {
      const v = c.afterEvent?.();
      if (v !== undefined) violations.add(`${c.id}: ${v}`);
    }
  };
  // After every event, as the simulator's own loop runs them (a backup's suspension lasts seconds),
  // but collecting every report instead of stopping at the first.
  sim.checkers.add({ id: "storage/all", description: "every storage checker, collected", afterEvent: () => void check() });
  cp.createDatabase("orders");
  sim.runFor(MIN / 2);
  /** The ids of the checkers that reported so far, running them once more now. */
  const failing = () => {
    check();
    return [...new Set([...violations].map((v) => v.slice(0, v.indexOf(": "))))].sort();
  };
  return { sim, data, cp, oracle, violations, failing };
}

/**
 * One seed of the storage control plane's fault swarm: a database takes writes for a few virtual
 * hours while the seed schedules clones to past points, repartitions, hibernation and scheduled
 * resumes, customer snapshots, deletes of clones, silent hosts, injected task failures,
 * corruption recoveries and a faulty log bucket (copies damaged in transit, backups damaged at rest
 * or lost); clients write to the clones too. The `storage/` checkers run on every step; the
 * report carries them, the coverage and the trace hash.
 */

import type { RunReport } from "../../sim/run-report";
import { Simulation } from "../../sim/simulation";
import { StorageControlPlane } from "../../storage/control/control-plane";
import { DataPlane, dataPlaneMutants } from "../../storage/data-plane";
import { storageCheckers } from "./index";
import { StorageOracle } from "./storage-oracle";

const MIN = 60_000;

export interface StorageSwarmOptions {
  /** Test-only planted bugs by name (`storage.eagerClone`, …): see `DataPlaneMutants`. */
  readonly mutants?: readonly string[];
}

export function runStorageSwarm(seed: number, hours = 4, o: StorageSwarmOptions = {}): RunReport {
  const sim = new Simulation({ seed, scenario: "storage-swarm" });
  const random = sim.env.random.fork("storage-swarm");
  const data = new DataPlane(dataPlaneMutants(new Set(o.mutants ?? [])));
  const cp = new StorageControlPlane(sim.env, data, ["us-east-1a", "us-east-1b", "us-east-1c"], {
    maxRetries: random.between(1, 3),
  });
  const oracle = new StorageOracle(data);
  cp.onWrite.push((v, i, b, at) => oracle.written(v, i, b, at));
  for (const c of storageCheckers(cp, oracle, () => sim.env.clock.nowMs())) sim.checkers.add(c);
  cp.createDatabase("db");
  const end = hours * 60 * MIN;
  let clones = 0;
  sim.env.timers.every(MIN, "storage-swarm/client", () => {
    for (let k = 0; k < 3; k++) cp.write("db", random.int(64), new TextEncoder().encode(`v${sim.env.clock.nowMs()}-${k}`));
    const others = [...cp.admin.instances.values()].filter((i) => i.name !== "db" && i.state === "AVAILABLE");
    if (others.length > 0) cp.write(random.pick(others).name, random.int(64), new TextEncoder().encode(`c${sim.env.clock.nowMs()}`));
  });
  sim.env.timers.every(20 * MIN, "storage-swarm/fault", () => {
    const now = sim.env.clock.nowMs();
    if (now > end - 40 * MIN) return;
    switch (random.int(10)) {
      case 0:
        cp.cloneDatabase("db", `clone-${++clones}`, Math.max(0, now - random.int(60) * MIN));
        break;
      case 1: {
        cp.hibernateDatabase("db");
        cp.resumeDatabase("db", now + random.between(1, 10) * MIN);
        break;
      }
      case 2: {
        const host = cp.hosts.find((h) => h.id === cp.describe("db")?.hostId);
        if (host && cp.hosts.filter((h) => h.silent).length < cp.hosts.length - 1) host.silent = true;
        break;
      }
      case 3:
        random.pick(cp.hosts).failNext(random.pick(["restore", "snapshot", "persist-logs"] as const), random.between(1, 4));
        break;
      case 4:
        cp.recoverDatabase("db", Math.max(0, now - random.int(30) * MIN));
        break;
      case 5:
        cp.hangAfter(random.pick(["suspend", "provision", "snapshot", "restore-snapshot-and-logs"]), random.between(1, 20) * MIN);
        break;
      case 6: {
        const parts = random.between(2, 4);
        const at = Math.max(0, now - random.int(60) * MIN);
        cp.repartitionDatabase(
          "db",
          Array.from({ length: parts }, (_, k) => `part-${++clones}-${k}`),
          at,
        );
        break;
      }
      case 7:
        cp.snapshotDatabase("db");
        break;
      case 8: {
        const clone = [...cp.admin.instances.keys()].filter((n) => n !== "db");
        if (clone.length > 0) cp.deleteDatabase(random.pick(clone));
        break;
      }
      default: {
        const volumeId = cp.describe("db")?.volumeId ?? "";
        const saved = data.logs.list(volumeId).length;
        const fault = random.int(3);
        if (fault === 0) data.logs.corruptNextCopies(random.between(1, 3));
        else if (fault === 1 && saved > 0) data.logs.damageAtRest(volumeId, random.int(saved));
        else if (fault === 2 && saved > 1) data.logs.lose(volumeId, random.int(saved - 1));
        break;
      }
    }
    sim.env.sometimes(
      "storage: a clone rolled back",
      cp.admin.workflows.some((w) => w.state === "ROLLED_BACK"),
    );
    sim.env.sometimes("storage: a host declared failed", cp.declared.length > 0);
    sim.env.sometimes(
      "storage: a repartition completed",
      data.restores.some((r) => r.partition !== undefined),
    );
    sim.env.sometimes(
      "storage: a database deleted",
      [...cp.admin.instances.values()].some((i) => i.state === "DELETED"),
    );
  });
  sim.runFor(end);
  sim.beginQuietPhase();
  sim.runFor(30 * MIN);
  return sim.finish();
}

/**
 * Each storage control plane lifecycle invariant checker must be able to fail: a
 * healthy run passes them all, and a planted bad state makes exactly the one it is about report.
 * Also the two races the swarm found once invariant 6 had a checker, kept as regressions.
 */
import { describe, expect, test } from "vitest";
import { checkedStorage } from "../../../test/helpers/storage";
import type { WorkflowRecord } from "../../storage/control/admin-store";
import type { StorageControlPlaneOptions } from "../../storage/control/control-plane";

const MIN = 60_000;
const text = (s: string) => new TextEncoder().encode(s);

function world(options: Partial<StorageControlPlaneOptions> = {}) {
  const w = checkedStorage(5, options);
  for (let i = 1; i <= 5; i++) w.cp.write("orders", i, text(`k${i}`));
  w.sim.runFor(MIN);
  return w;
}

describe("storage control plane lifecycle checkers", () => {
  test("a healthy hour with a clone and a hibernation passes every checker", () => {
    const w = world();
    w.cp.cloneDatabase("orders", "copy", w.sim.env.clock.nowMs());
    w.cp.hibernateDatabase("orders");
    w.cp.resumeDatabase("orders", 30 * MIN);
    for (let m = 0; m < 60; m++) {
      w.sim.runFor(MIN);
      w.cp.write("copy", m % 7, text(`c${m}`));
      expect(w.failing(), `minute ${m}`).toEqual([]);
    }
  });

  test("5: a write to the source that shows in its clone is reported", () => {
    const w = world();
    w.cp.cloneDatabase("orders", "copy", w.sim.env.clock.nowMs());
    w.sim.runFor(MIN);
    expect(w.failing()).toEqual([]);
    const clone = w.data.volume(w.cp.describe("copy")?.volumeId ?? "");
    w.cp.write("orders", 3, text("new"));
    clone?.write(3, text("new"), 0); // a shared layer would do this
    expect(w.failing()).toEqual(["storage/volumes-independent"]);
  });

  test("6: a hibernated instance that accepts connections, or wakes on its old id, is reported", () => {
    const w = world();
    w.cp.hibernateDatabase("orders");
    w.sim.runFor(MIN);
    expect(w.cp.describe("orders")?.state).toBe("HIBERNATED");
    expect(w.failing()).toEqual([]);
    const inst = w.cp.describe("orders");
    if (inst) inst.state = "AVAILABLE"; // woken without a resume
    expect(w.failing()).toContain("storage/hibernation-keeps-name");
  });

  test("7: a restore past the point asked for is reported", () => {
    const w = world();
    w.cp.recoverDatabase("orders", w.sim.env.clock.nowMs() - MIN / 2);
    w.sim.runFor(MIN);
    expect(w.failing()).toEqual([]);
    const r = w.data.restores[0];
    if (r) w.data.restores.push({ ...r, effectiveMs: r.atMs + 1 });
    expect(w.failing()).toContain("storage/restore-to-asked-point");
  });

  test("8: data-plane snapshots further apart than the interval are reported", () => {
    const w = world();
    // the cadence timer runs every 15 minutes; a checker told 5 must see the gap
    (w.cp.options as { snapshotEveryMs: number }).snapshotEveryMs = 5 * MIN;
    w.sim.runFor(6 * MIN);
    expect(w.failing()).toEqual(["storage/backup-cadence"]);
  });

  test("12 and 18: a task started before its predecessor passed, and a rollback without an error event, are reported", () => {
    const w = world();
    const bad = (state: WorkflowRecord["state"], tasks: WorkflowRecord["tasks"]): WorkflowRecord => ({
      id: `wf-${state}`,
      jobId: "job-x",
      action: "clone",
      name: "ghost",
      state,
      tasks,
    });
    w.cp.admin.workflows.push(
      bad("RUNNING", [
        { name: "provision", state: "DISPATCHED", attempts: 1, startedAtMs: 10 },
        { name: "restore", state: "DISPATCHED", attempts: 1, startedAtMs: 11 },
      ]),
    );
    expect(w.failing()).toEqual(["storage/task-order"]);
    w.cp.admin.workflows.pop();
    w.cp.admin.workflows.push(bad("ROLLED_BACK", []));
    expect(w.failing()).toEqual(["storage/failures-are-events", "storage/task-order"]);
  });
});

describe("races the swarm found (regressions)", () => {
  test("a hibernate that waits for a running backup acts only after it, and the instance keeps a host while available", () => {
    const w = world();
    w.sim.runFor(3 * 3_600_000 - w.sim.env.clock.nowMs()); // the backup window opens
    w.cp.hibernateDatabase("orders");
    w.sim.runFor(5 * MIN);
    const inst = w.cp.describe("orders");
    expect(inst?.state).toBe("HIBERNATED");
    expect(w.cp.admin.backups.at(-1)?.completedAtMs).toBeDefined();
    expect(w.failing()).toEqual([]);
  });

  test("hibernating a hibernated instance is refused with an event, not compensated into an available one", () => {
    const w = world();
    w.cp.hibernateDatabase("orders");
    w.sim.runFor(MIN);
    w.cp.hibernateDatabase("orders");
    w.sim.runFor(MIN);
    expect(w.cp.describe("orders")?.state).toBe("HIBERNATED");
    expect(w.cp.admin.events.at(-1)).toMatchObject({
      kind: "error",
      message: "hibernate refused: the instance is HIBERNATED, not AVAILABLE",
    });
    expect(w.failing()).toEqual([]);
  });
});

import { describe, expect, test } from "vitest";
import { Simulation, type SimulationOptions } from "./index";
import type { ActorContext, Disk } from "./ports";
import { ratio } from "./ratio";

const SECTOR = 16;
const bytes = (fill: number) => new Uint8Array(SECTOR).fill(fill);

/** One actor `host` with disk `d`; returns the sim and a way to reach the current incarnation's ports. */
function host(options: Omit<SimulationOptions, "seed"> = {}, seed = 1) {
  const sim = new Simulation({ seed, ...options });
  let ctx: ActorContext | undefined;
  sim.spawn("host", {
    zone: "z",
    boot: (c) => {
      ctx = c;
      return { receive() {} };
    },
  });
  const disk = (): Disk => (ctx as ActorContext).disk("d", { sectorSizeBytes: SECTOR, sectorCount: 64 });
  return { sim, disk, ctx: () => ctx as ActorContext };
}

describe("simulated disk", () => {
  test("writes are visible at once, and never-written sectors read as zeros", () => {
    const { disk } = host();
    disk().write(3, new Uint8Array([...bytes(7), ...bytes(8)]));
    expect(disk().read(3, 2)).toEqual(new Uint8Array([...bytes(7), ...bytes(8)]));
    expect(disk().read(0)).toEqual(bytes(0));
  });

  test("a process crash keeps unsynced writes: the host's cache outlives the process", () => {
    const { sim, disk } = host();
    disk().write(0, bytes(1));
    sim.faults.crash("host", { kind: "process" });
    sim.faults.restart("host");
    expect(disk().read(0)).toEqual(bytes(1));
  });

  test("a power loss never harms synced sectors and loses unsynced ones when the lost ratio is 1", () => {
    const { sim, disk } = host({ disk: { unsyncedLostRatio: ratio(1, 1) } });
    let synced = false;
    disk().write(0, bytes(1));
    disk().sync(() => {
      synced = true;
    });
    sim.runFor(1_000);
    expect(synced).toBe(true);
    disk().write(0, bytes(2));
    disk().write(1, bytes(3));
    sim.faults.crash("host", { kind: "power" });
    sim.faults.restart("host");
    expect([disk().read(0), disk().read(1)]).toEqual([bytes(1), bytes(0)]);
  });

  test("a torn sector is a prefix of the new bytes over the old ones", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { sim, disk } = host({ disk: { unsyncedLostRatio: ratio(0, 1), unsyncedTornRatio: ratio(1, 1) } }, seed);
      disk().write(0, bytes(0xaa));
      disk().sync();
      sim.runFor(100);
      disk().write(0, bytes(0xbb));
      sim.faults.crash("host", { kind: "power" });
      sim.faults.restart("host");
      const s = [...disk().read(0)];
      const cut = s.indexOf(0xaa);
      expect(cut).toBeGreaterThan(0);
      expect(s).toEqual([...Array(cut).fill(0xbb), ...Array(SECTOR - cut).fill(0xaa)]);
    }
  });

  test("a sync in flight at a power loss is void and its callback never runs", () => {
    const { sim, disk } = host({ disk: { syncLatencyMsMin: 50, syncLatencyMsMean: 50, unsyncedLostRatio: ratio(1, 1) } });
    let called = false;
    disk().write(0, bytes(9));
    disk().sync(() => {
      called = true;
    });
    sim.at(10, "power", () => sim.faults.crash("host", { kind: "power", restartAfterMs: 1 }));
    sim.runFor(1_000);
    expect(called).toBe(false);
    expect(disk().read(0)).toEqual(bytes(0));
  });

  test("a stalled disk completes no sync until the stall ends", () => {
    const { sim, disk } = host({ disk: { syncLatencyMsMin: 2, syncLatencyMsMean: 2 } });
    disk().write(0, bytes(1));
    const done: number[] = [];
    sim.faults.stallDisk("host", "d", { forMs: 500 });
    disk().sync(() => done.push(sim.nowMs));
    sim.runFor(1_000);
    expect(done).toEqual([502]);
  });

  test("out-of-range and partial-sector writes are refused; geometry is fixed at first open", () => {
    const { disk, ctx } = host();
    expect(() => disk().write(64, bytes(1))).toThrow(/outside 0\.\.63/);
    expect(() => disk().write(0, new Uint8Array(5))).toThrow(/whole 16-byte sectors/);
    expect(() => ctx().disk("d", { sectorSizeBytes: 512 })).toThrow(/another geometry/);
  });
});

import { describe, expect, test } from "vitest";
import { safety } from "./checker";
import { Simulation, swarmOptions } from "./index";

const idle = () => ({ receive() {} });

describe("faults", () => {
  test("a zone power loss crashes every actor in the zone; none boots there until power returns", () => {
    const lines: string[] = [];
    const sim = new Simulation({ seed: 1, trace: { sink: (l) => lines.push(l) } });
    for (const [n, z] of [
      ["a1", "a"],
      ["a2", "a"],
      ["b1", "b"],
    ] as const)
      sim.spawn(n, { zone: z, boot: idle });
    sim.at(100, "AZ a loses power for 1 s", () => sim.faults.powerLoss("a", { forMs: 1_000 }));
    sim.at(200, "a3 launched into the dark zone", () => sim.spawn("a3", { zone: "a", boot: idle }));
    sim.at(300, "a restart attempt", () => sim.faults.restart("a1"));
    sim.runFor(500);
    expect(["a1", "a2", "a3", "b1"].map((n) => sim.env.actor(n)?.up)).toEqual([false, false, false, true]);
    sim.runFor(1_000);
    expect(["a1", "a2", "a3", "b1"].map((n) => sim.env.actor(n)?.up)).toEqual([true, true, true, true]);
    expect(lines.filter((l) => / (fault|crash|boot) /.test(l) && !l.startsWith("0 "))).toEqual([
      "100 1 fault world power-loss zone:a begin",
      "100 1 crash a1 kind=power incarnation=1",
      "100 1 crash a2 kind=power incarnation=1",
      "1100 4 fault world power-loss zone:a end",
      "1100 4 boot a1 incarnation=2",
      "1100 4 boot a2 incarnation=2",
      "1100 4 boot a3 incarnation=1",
    ]);
  });

  test("watchers hear every fault begin after it took effect and end after it was undone, however it ends", () => {
    const sim = new Simulation({ seed: 1 });
    sim.spawn("a1", { zone: "a", boot: idle });
    sim.spawn("b1", { zone: "b", boot: idle });
    const heard: string[] = [];
    const stop = sim.faults.watch((n) => heard.push(`${sim.nowMs} ${n.state} ${n.target.kind} a1.up=${sim.env.actor("a1")?.up}`));
    sim.at(100, "AZ a dark for 1 s", () => sim.faults.powerLoss("a", { forMs: 1_000 }));
    sim.at(200, "b1 crashes", () => sim.faults.crash("b1"));
    sim.at(300, "b isolated", () => sim.faults.isolate({ zone: "b" }));
    sim.runFor(2_000);
    sim.beginQuietPhase();
    stop();
    sim.faults.powerLoss("a");
    expect(heard).toEqual([
      "100 begin power-loss a1.up=false",
      "200 begin crash a1.up=false",
      "300 begin cut a1.up=false",
      "1100 end power-loss a1.up=true",
      "2000 end crash a1.up=true",
      "2000 end cut a1.up=true",
    ]);
  });

  test("a custom fault of a world model applies at once, undoes when it ends, heals in the quiet phase and is ignored after", () => {
    const lines: string[] = [];
    const sim = new Simulation({ seed: 1, trace: { sink: (l) => lines.push(l) } });
    const stopped = new Set<string>();
    const stop = (id: string, forMs?: number) =>
      sim.faults.custom(
        `stop-instance ${id}`,
        () => stopped.add(id),
        () => stopped.delete(id),
        forMs === undefined ? {} : { forMs },
      );
    sim.at(10, "stop i-1 for 100 ms", () => stop("i-1", 100));
    sim.at(20, "stop i-2 until healed", () => stop("i-2"));
    sim.runFor(50);
    expect([...stopped]).toEqual(["i-1", "i-2"]);
    sim.runFor(100);
    expect([...stopped]).toEqual(["i-2"]);
    sim.beginQuietPhase();
    expect([...stopped]).toEqual([]);
    expect(stop("i-3").active).toBe(false);
    expect(stopped.size).toBe(0);
    expect(lines.filter((l) => l.includes(" fault "))).toEqual([
      "10 1 fault world stop-instance i-1 begin",
      "20 2 fault world stop-instance i-2 begin",
      "110 3 fault world stop-instance i-1 end",
      "150 3 fault world stop-instance i-2 end",
      "150 3 fault world stop-instance i-3 ignored=quiet-phase",
    ]);
  });

  test("ending a fault early cancels its scheduled end", () => {
    const sim = new Simulation({ seed: 1 });
    sim.spawn("a", { zone: "z", boot: idle });
    const h = sim.faults.isolate({ actors: ["a"] }, { forMs: 1_000 });
    expect(sim.activeFaults().map((f) => f.label)).toEqual(["isolate actors:a"]);
    h.end();
    h.end();
    expect([h.active, sim.activeFaults()]).toEqual([false, []]);
    expect(sim.runUntilQuiet({ withinMs: 10 })).toBe(true);
  });

  test("chaos never leaves more actors down than its budget, spares exempt actors, and stops in the quiet phase", () => {
    const sim = new Simulation({
      seed: 8,
      chaos: { crashIntervalMsMean: 50, restartDelayMsMean: 400, actorsDownMax: 2, partitionIntervalMsMean: 100 },
    });
    const names = ["r0", "r1", "r2", "r3", "r4", "driver"];
    for (const [i, n] of names.entries()) sim.spawn(n, { zone: n === "driver" ? "drivers" : `z${i % 3}`, boot: idle });
    sim.chaos.exempt("driver");
    let crashes = 0;
    sim.checkers.add({ id: "count-crashes", onEvent: (e) => void (e.kind === "crash" && crashes++) });
    sim.checkers.add(
      safety("down-at-most-2", () => {
        const down = names.filter((n) => !sim.env.actor(n)?.up);
        return down.length <= 2 && !down.includes("driver") ? undefined : `down: ${down.join(",")}`;
      }),
    );
    sim.runFor(20_000);
    expect(sim.failure).toBeUndefined();
    expect(crashes).toBeGreaterThan(20);
    sim.beginQuietPhase();
    const before = crashes;
    const r = sim.finish();
    sim.runFor(20_000);
    expect([r.ok, crashes, sim.activeFaults(), names.every((n) => sim.env.actor(n)?.up)]).toEqual([true, before, [], true]);
  });

  test("swarm seeds choose different fault mixes and log every knob at the top of the trace", () => {
    const knobs = (seed: number) => {
      const lines: string[] = [];
      new Simulation({ ...swarmOptions(seed), trace: { sink: (l) => lines.push(l) } });
      return lines.filter((l) => l.startsWith("0 0 knob "));
    };
    expect(knobs(1)).toContain("0 0 knob world chaos.actorsDownMax=1");
    expect(knobs(1)).toEqual(knobs(1));
    expect(new Set([1, 2, 3, 4, 5].map((s) => knobs(s).join("\n"))).size).toBeGreaterThan(3);
  });
});

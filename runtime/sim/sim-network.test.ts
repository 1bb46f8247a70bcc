import { describe, expect, test } from "vitest";
import { Simulation, type SimulationOptions } from "./index";
import { ratio } from "./ratio";

/** Two senders (`a` in z1, `b` in z2) and a receiver `r` in z1 that logs (from, sentAt, arrivedAt). */
function world(options: Omit<SimulationOptions, "seed"> = {}) {
  const sim = new Simulation({ seed: 3, ...options });
  const got: { from: string; sentAtMs: number; atMs: number }[] = [];
  sim.spawn<number>("r", {
    zone: "z1",
    boot: (ctx) => ({ receive: (sentAtMs, from) => got.push({ from, sentAtMs, atMs: ctx.clock.nowMs() }) }),
  });
  const send = (from: "a" | "b", everyMs: number) =>
    sim.spawn<number>(from, {
      zone: from === "a" ? "z1" : "z2",
      boot: (ctx) => {
        ctx.timers.every(everyMs, "send", () => ctx.network.send("r", ctx.clock.nowMs()));
        return { receive() {} };
      },
    });
  return { sim, got, send };
}

describe("simulated network", () => {
  test("latency stays within the zone's bounds and cross-zone hops are slower", () => {
    const { sim, got, send } = world({
      network: { latencyMsMin: 0, latencyMsMean: 1, crossZoneLatencyMsMin: 5, crossZoneLatencyMsMean: 8, latencyMsMax: 30 },
    });
    send("a", 10);
    send("b", 10);
    sim.runFor(10_000);
    const lat = (from: string) => got.filter((g) => g.from === from).map((g) => g.atMs - g.sentAtMs);
    expect(Math.min(...lat("a"))).toBe(0);
    expect(Math.max(...lat("a"))).toBeLessThanOrEqual(30);
    expect(Math.min(...lat("b"))).toBe(5);
    const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
    expect(mean(lat("b"))).toBeGreaterThan(mean(lat("a")) + 4);
  });

  test("loss drops about the given share and duplication delivers twice", () => {
    const lossy = world({ network: { lossRatio: ratio(1, 4) } });
    lossy.send("a", 1);
    lossy.sim.runFor(4_000);
    expect(lossy.got.length).toBeGreaterThan(2_700);
    expect(lossy.got.length).toBeLessThan(3_300);
    const dup = world({ network: { duplicateRatio: ratio(1, 1) } });
    dup.send("a", 10);
    dup.sim.runFor(995);
    expect(dup.got).toHaveLength(2 * 99);
  });

  test("isolating a zone cuts both directions; a one-way cut only the first direction", () => {
    const both = world();
    both.send("a", 10);
    both.send("b", 10);
    both.sim.faults.isolate({ zone: "z2" }, { forMs: 500 });
    both.sim.runFor(1_000);
    expect(both.got.filter((g) => g.from === "b" && g.sentAtMs < 500)).toEqual([]);
    expect(both.got.filter((g) => g.from === "b").length).toBeGreaterThan(40);
    const oneWay = world();
    oneWay.send("a", 10);
    oneWay.send("b", 10);
    oneWay.sim.faults.partition({ actors: ["r"] }, { actors: ["b"] }, { oneWay: true });
    oneWay.sim.runFor(500);
    expect(oneWay.got.filter((g) => g.from === "b").length).toBeGreaterThan(40);
    oneWay.sim.faults.partition({ actors: ["b"] }, { actors: ["r"] }, { oneWay: true });
    const before = oneWay.got.length;
    oneWay.sim.runFor(500);
    expect(oneWay.got.slice(before).filter((g) => g.from === "b" && g.sentAtMs >= 500)).toEqual([]);
  });

  test("a partition that begins while a message is in flight drops it on arrival", () => {
    const lines: string[] = [];
    const sim = new Simulation({
      seed: 3,
      network: { crossZoneLatencyMsMin: 50, crossZoneLatencyMsMean: 50 },
      trace: { sink: (l) => lines.push(l) },
    });
    const got: unknown[] = [];
    sim.spawn("r", { zone: "z1", boot: () => ({ receive: (m) => got.push(m) }) });
    sim.spawn("b", {
      zone: "z2",
      boot: (ctx) => {
        ctx.timers.after(1_000, "send", () => ctx.network.send("r", "hello"));
        return { receive() {} };
      },
    });
    sim.at(1_010, "cut", () => sim.faults.isolate({ zone: "z2" }));
    sim.runFor(2_000);
    expect(got).toEqual([]);
    expect(lines.filter((l) => l.includes(" drop "))).toEqual(["1050 3 drop b to=r hello reason=partition"]);
  });

  test("slow links add latency while the fault lasts", () => {
    const { sim, got, send } = world({ network: { crossZoneLatencyMsMin: 2, crossZoneLatencyMsMean: 2 } });
    send("b", 10);
    sim.faults.slow({ zone: "z2" }, { zone: "z1" }, { extraLatencyMs: 300, forMs: 1_000 });
    sim.runFor(3_000);
    const lat = got.map((g) => [g.sentAtMs, g.atMs - g.sentAtMs]);
    expect(lat.filter(([t]) => (t as number) < 1_000).every(([, l]) => l === 302)).toBe(true);
    expect(lat.filter(([t]) => (t as number) >= 1_000).every(([, l]) => l === 2)).toBe(true);
  });

  test("messages beyond the inbox bound are dropped as overflow", () => {
    const lines: string[] = [];
    const sim = new Simulation({
      seed: 1,
      network: { inFlightPerActorMax: 2, latencyMsMin: 5, latencyMsMean: 5 },
      trace: { sink: (l) => lines.push(l) },
    });
    sim.spawn("r", { zone: "z", boot: () => ({ receive() {} }) });
    sim.spawn("a", {
      zone: "z",
      boot: (ctx) => {
        ctx.timers.after(1, "burst", () => {
          for (const n of [1, 2, 3]) ctx.network.send("r", `m${n}`);
        });
        return { receive() {} };
      },
    });
    sim.runFor(100);
    expect(lines.filter((l) => / (recv|drop) /.test(l))).toEqual([
      "1 1 drop a to=r m3 reason=overflow",
      "6 2 recv r from=a m1",
      "6 3 recv r from=a m2",
    ]);
  });

  test("sending to a name that was never spawned is a programming error", () => {
    const sim = new Simulation({ seed: 1 });
    sim.spawn("a", {
      zone: "z",
      boot: (ctx) => {
        ctx.timers.after(1, "oops", () => ctx.network.send("ghost", 1));
        return { receive() {} };
      },
    });
    expect(sim.run({ faultPhaseMs: 5, quietPhaseMs: 0 }).failure?.message).toMatch(/a sent a message to "ghost", which was never spawned/);
  });
});

import { describe, expect, test } from "vitest";
import { liveness, safety } from "./checker";
import type { ActorContext } from "./ports";
import { Simulation } from "./simulation";

/** A simulation whose trace lines are captured. */
function traced(seed = 1, extra: Partial<ConstructorParameters<typeof Simulation>[0]> = {}) {
  const lines: string[] = [];
  const sim = new Simulation({ seed, scenario: "unit", ...extra, trace: { sink: (l) => lines.push(l), ...extra.trace } });
  return { sim, lines, events: () => lines.filter((l) => !/ (seed|knob) world /.test(l)) };
}

/** An actor ticking every 10 ms and the invariant "fewer than 3 ticks" (violated at t=30 ms, step 3). */
function tickerBelow3(sim: Simulation): void {
  let ticks = 0;
  sim.spawn("a", {
    zone: "z",
    boot: (ctx) => {
      ctx.timers.every(10, "tick", () => ticks++);
      return { receive() {} };
    },
  });
  sim.checkers.add(safety("ticks-below-3", () => (ticks < 3 ? undefined : `ticks=${ticks}`)));
}

describe("Simulation", () => {
  test("timers fire at their virtual times, and same-time events run in the order they were scheduled", () => {
    const { sim } = traced();
    const fired: string[] = [];
    sim.spawn("a", {
      zone: "z1",
      boot: (ctx) => {
        ctx.timers.after(10, "first", () => fired.push(`first@${ctx.clock.nowMs()}`));
        ctx.timers.after(10, "second", () => fired.push(`second@${ctx.clock.nowMs()}`));
        ctx.timers.after(5, "early", () => fired.push(`early@${ctx.clock.nowMs()}`));
        const h = ctx.timers.every(4, "tick", () => {
          fired.push(`tick@${ctx.clock.nowMs()}`);
          if (ctx.clock.nowMs() >= 8) h.cancel();
        });
        return { receive() {} };
      },
    });
    sim.runFor(100);
    expect(fired).toEqual(["tick@4", "early@5", "tick@8", "first@10", "second@10"]);
    expect(sim.nowMs).toBe(100);
  });

  test("a crash cancels the incarnation's timers, a restart boots fresh state, and messages to a down actor are dropped", () => {
    const { sim, events } = traced();
    const boots: number[] = [];
    sim.spawn<string>("worker", {
      zone: "z1",
      boot: (ctx) => {
        boots.push(ctx.incarnation);
        let count = 0;
        ctx.timers.every(10, "count", () => {
          count++;
          ctx.trace.record("counted", `n=${count}`);
        });
        return { receive() {} };
      },
    });
    sim.spawn<string>("pinger", {
      zone: "z2",
      boot: (ctx) => {
        ctx.timers.every(7, "ping", () => ctx.network.send("worker", "ping"));
        return { receive() {} };
      },
    });
    sim.at(25, "crash", () => sim.faults.crash("worker", { restartAfterMs: 20 }));
    sim.runFor(60);
    expect(boots).toEqual([1, 2]);
    const ev = events();
    expect(ev.filter((l) => l.includes("counted")).map((l) => l.split(" ").slice(0, 1).concat(l.split(" ").slice(-1)).join(" "))).toEqual([
      "10 n=1",
      "20 n=2",
      "55 n=1",
    ]);
    expect(ev.filter((l) => / (crash|boot) worker /.test(l)).map((l) => l.replace(/^(\d+) \d+ /, "$1 "))).toEqual([
      "0 boot worker incarnation=1",
      "25 crash worker kind=process incarnation=1",
      "45 boot worker incarnation=2",
    ]);
    // Pings sent at 28, 35 and 42 arrive 1–2 ms later (cross-zone) while the worker is down.
    const drops = ev.filter((l) => / drop pinger to=worker ping reason=down$/.test(l)).map((l) => Number(l.split(" ")[0]));
    expect(drops).toHaveLength(3);
    expect(drops.every((t) => t > 25 && t < 45)).toBe(true);
  });

  test("runUntil stops at the first event after which the condition holds; runUntilQuiet ignores background timers", () => {
    const { sim } = traced();
    let n = 0;
    sim.spawn("a", {
      zone: "z",
      boot: (ctx) => {
        ctx.timers.every(10, "hb", () => n++, { background: true });
        ctx.timers.after(35, "job", () => {});
        return { receive() {} };
      },
    });
    expect(sim.runUntil(() => n === 2, { withinMs: 1_000 })).toBe(true);
    expect(sim.nowMs).toBe(20);
    expect(sim.runUntil(() => n === 1, { withinMs: 50 })).toBe(false);
    expect(sim.nowMs).toBe(70);
    const { sim: sim2 } = traced();
    sim2.spawn("a", {
      zone: "z",
      boot: (ctx) => {
        ctx.timers.every(10, "hb", () => {}, { background: true });
        ctx.timers.after(35, "job", () => {});
        return { receive() {} };
      },
    });
    expect(sim2.runUntilQuiet({ withinMs: 1_000 })).toBe(true);
    expect(sim2.nowMs).toBe(35);
  });

  test("an exception in actor code ends the run as a crash failure at that step", () => {
    const { sim } = traced();
    sim.spawn("bad", {
      zone: "z",
      boot: (ctx) => {
        ctx.timers.after(3, "boom", () => JSON.parse("{"));
        return { receive() {} };
      },
    });
    const report = sim.run({ faultPhaseMs: 100, quietPhaseMs: 100 });
    expect(report.ok).toBe(false);
    expect(report.failure).toMatchObject({ kind: "crash", step: 1, atMs: 3, seed: 1, scenario: "unit" });
    expect(report.failure?.message).toMatch(/^SyntaxError/);
    expect(report.virtualDurationMs).toBe(3);
  });

  test("a zero-delay loop hits the per-millisecond limit instead of hanging", () => {
    const report = new Simulation({ seed: 1, network: { latencyMsMin: 0, latencyMsMean: 0 }, limits: { eventsPerMsMax: 1000 } });
    report.spawn<number>("a", { zone: "z", boot: (ctx) => ({ receive: (m) => ctx.network.send("b", m + 1) }) });
    report.spawn<number>("b", {
      zone: "z",
      boot: (ctx) => {
        ctx.timers.after(1, "go", () => ctx.network.send("a", 0));
        return { receive: (m) => ctx.network.send("a", m + 1) };
      },
    });
    const r = report.run({ faultPhaseMs: 10, quietPhaseMs: 10 });
    expect(r.failure?.kind).toBe("crash");
    expect(r.failure?.message).toMatch(/more than 1000 events at t=1 ms: a zero-delay loop/);
  });

  test("the first safety violation stops the run; invariants report checks and where they first failed", () => {
    const { sim } = traced();
    tickerBelow3(sim);
    sim.checkers.add(liveness("never-checked", () => undefined));
    const r = sim.run({ faultPhaseMs: 100, quietPhaseMs: 100 });
    expect(r.failure).toMatchObject({ kind: "correctness", invariant: "ticks-below-3", step: 3, atMs: 30, message: "ticks=3" });
    expect(r.invariants).toEqual([
      { id: "ticks-below-3", ok: false, checks: 3, firstViolation: { atMs: 30, step: 3, message: "ticks=3" } },
      { id: "never-checked", ok: true, checks: 0 },
    ]);
  });

  test("with stopOnViolation off the run goes on and each invariant keeps its first violation", () => {
    const sim = new Simulation({ seed: 1, stopOnViolation: false });
    tickerBelow3(sim);
    const r = sim.run({ faultPhaseMs: 100, quietPhaseMs: 0 });
    expect(r.ok).toBe(true);
    expect(r.events).toBe(10);
    expect(r.invariants[0]).toEqual({
      id: "ticks-below-3",
      ok: false,
      checks: 10,
      firstViolation: { atMs: 30, step: 3, message: "ticks=3" },
    });
  });

  test("a liveness check failing at the end of the quiet phase is a liveness failure naming what is pending", () => {
    const sim = new Simulation({ seed: 4, scenario: "stuck" });
    sim.checkers.add(liveness("converged", () => "pending: no coordinator"));
    const r = sim.run({ faultPhaseMs: 10, quietPhaseMs: 10 });
    expect(r.failure).toMatchObject({ kind: "liveness", invariant: "converged", message: "pending: no coordinator", atMs: 20 });
    expect(r.failure?.replay).toBe("cdktf-resilience replay <plan> --seed 4 --scenario stuck");
  });

  test("the quiet phase heals partitions, restores power, restarts crashed actors and ignores later faults", () => {
    const { sim, events } = traced();
    for (const [name, zone] of [
      ["a", "z1"],
      ["b", "z2"],
      ["c", "z3"],
    ] as const)
      sim.spawn(name, { zone, boot: () => ({ receive() {} }) });
    sim.faults.isolate({ zone: "z1" });
    sim.faults.powerLoss("z2");
    sim.faults.crash("c", { kind: "power" });
    sim.runFor(10);
    expect(["a", "b", "c"].map((n) => sim.env.actor(n)?.up)).toEqual([true, false, false]);
    sim.beginQuietPhase();
    expect(["a", "b", "c"].map((n) => [sim.env.actor(n)?.up, sim.env.actor(n)?.incarnation])).toEqual([
      [true, 1],
      [true, 2],
      [true, 2],
    ]);
    expect(sim.activeFaults()).toEqual([]);
    expect(sim.faults.crash("a").active).toBe(false);
    expect(events().slice(-1)).toEqual(["10 0 fault world crash a process ignored=quiet-phase"]);
  });

  test("domain events go to the trace under the actor's name, and kernel kinds are refused", () => {
    const { sim, events } = traced();
    let ctxRef: ActorContext | undefined;
    sim.spawn("db", {
      zone: "z",
      boot: (ctx) => {
        ctxRef = ctx;
        ctx.trace.record("promoted", "epoch=2");
        ctx.trace.scoped("control-plane").record("paired", "with=db-b");
        return { receive() {} };
      },
    });
    expect(events()).toEqual([
      "0 0 spawn db zone=z",
      "0 0 boot db incarnation=1",
      "0 0 promoted db epoch=2",
      "0 0 paired control-plane with=db-b",
    ]);
    expect(() => ctxRef?.trace.record("crash")).toThrow(/kernel kind/);
    expect(() => ctxRef?.trace.record("two words")).toThrow(/one word/);
  });

  test("actor names are unique single words and faults name unknown actors", () => {
    const sim = new Simulation({ seed: 1 });
    sim.spawn("a", { zone: "z", boot: () => ({ receive() {} }) });
    expect(() => sim.spawn("a", { zone: "z", boot: () => ({ receive() {} }) })).toThrow(/already exists/);
    expect(() => sim.spawn("a b", { zone: "z", boot: () => ({ receive() {} }) })).toThrow(/one word/);
    expect(() => sim.faults.crash("nobody")).toThrow(/no actor named "nobody"/);
  });

  test("the report has the emulate JSON fields and survives JSON round-trips", () => {
    const sim = new Simulation({ seed: 9, scenario: "shape" });
    sim.spawn("a", {
      zone: "z",
      boot: (ctx) => {
        ctx.timers.every(100, "t", () => ctx.sometimes("ticked"));
        return { receive() {} };
      },
    });
    sim.checkers.add(safety("always", () => undefined));
    const r = sim.run({ faultPhaseMs: 1_000, quietPhaseMs: 500 });
    expect(Object.keys(r).slice(0, 6)).toEqual(["seed", "scenario", "virtualDurationMs", "events", "traceHash", "invariants"]);
    expect(r).toMatchObject({
      seed: 9,
      scenario: "shape",
      virtualDurationMs: 1_500,
      events: 15,
      ok: true,
      coverage: { ticked: { evaluations: 15, hits: 15 } },
    });
    expect(r.traceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  test("scheduling in the past or at a fractional time is refused", () => {
    const sim = new Simulation({ seed: 1 });
    sim.runFor(10);
    expect(() => sim.at(5, "late", () => {})).toThrow(/not an integer time ≥ now/);
    expect(() => sim.env.timers.after(1.5, "frac", () => {})).toThrow(/integer ≥ 0/);
  });
});

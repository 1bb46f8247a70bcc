import { Simulation } from "../../runtime/sim";
import { type BenchRow, type BenchSuite, medianMs } from "../harness";

const DAY_MS = 86_400_000;

/** 1,000 no-op actors, each re-arming a one-shot timer 1–100 ms ahead: pure scheduling work. */
export function noOpActors(trace: boolean): Simulation {
  const sim = new Simulation({ seed: 1, scenario: "bench-noop", trace: { enabled: trace } });
  for (let i = 0; i < 1_000; i++)
    sim.spawn(`a${i}`, {
      zone: `z${i % 3}`,
      boot: (ctx) => {
        const tick = (): void => {
          ctx.timers.after(1 + ctx.random.int(100), "tick", tick);
        };
        tick();
        return { receive() {} };
      },
    });
  sim.runFor(100_000);
  return sim;
}

/** 100 actors with one periodic timer each, for 24 virtual hours. */
function periodicDay(periodMs: number, trace: boolean): Simulation {
  const sim = new Simulation({ seed: 1, scenario: "bench-day", trace: { enabled: trace } });
  for (let i = 0; i < 100; i++)
    sim.spawn(`a${i}`, {
      zone: `z${i % 3}`,
      boot: (ctx) => {
        ctx.timers.every(periodMs, "probe", () => {});
        return { receive() {} };
      },
    });
  sim.runFor(DAY_MS);
  return sim;
}

/** 50 pairs of actors bouncing a message across zones: the network path (latency draw, delivery). */
function pingPong(trace: boolean): Simulation {
  const sim = new Simulation({ seed: 1, scenario: "bench-pingpong", trace: { enabled: trace } });
  for (let i = 0; i < 100; i++)
    sim.spawn<number>(`p${i}`, {
      zone: `z${i % 3}`,
      boot: (ctx) => {
        if (i % 2 === 0) ctx.timers.after(0, "serve", () => ctx.network.send(`p${i + 1}`, 0));
        return { receive: (n, from) => ctx.network.send(from, n + 1) };
      },
    });
  sim.runFor(100_000);
  return sim;
}

/** Median wall time of `n` runs and the events one run processed. */
export async function measure(run: () => Simulation, n: number): Promise<{ ms: number; events: number }> {
  let events = 0;
  const ms = await medianMs(
    () => {
      events = run().step;
    },
    n,
    1,
  );
  return { ms, events };
}

export const perSecond = (m: { ms: number; events: number }) => (m.events / m.ms) * 1000;
const millions = (n: number) => `${(n / 1e6).toFixed(2)} M events`;

export const simSuite: BenchSuite = {
  name: "sim",
  async run(): Promise<BenchRow[]> {
    const off = await measure(() => noOpActors(false), 5);
    const on = await measure(() => noOpActors(true), 5);
    const net = await measure(() => pingPong(false), 3);
    const day5 = await measure(() => periodicDay(5_000, true), 3);
    const day1off = await measure(() => periodicDay(1_000, false), 3);
    const day1on = await measure(() => periodicDay(1_000, true), 3);
    return [
      {
        name: "no-op actors, scheduled events/s (trace off)",
        value: perSecond(off),
        unit: "events/s",
        goal: { atLeast: 1_000_000 },
        note: `1,000 actors re-arming 1–100 ms timers; ${millions(off.events)}, median of 5`,
      },
      {
        name: "no-op actors, scheduled events/s (trace on)",
        value: perSecond(on),
        unit: "events/s",
        goal: { atLeast: 1_000_000 },
        note: "every event traced and SHA-256 hashed",
      },
      { name: "tracing overhead (on ÷ off), no-op actors", value: on.ms / off.ms, unit: "×", note: "wall time ratio, same run" },
      {
        name: "message ping-pong, events/s (trace off)",
        value: perSecond(net),
        unit: "events/s",
        note: `50 cross-zone pairs; ${millions(net.events)}`,
      },
      {
        name: "24 h virtual, 100 actors, 5 s probe timers (trace on)",
        value: day5.ms,
        unit: "ms",
        goal: { atMost: 1000 },
        note: `${millions(day5.events)}; the pair's probe period`,
      },
      {
        name: "24 h virtual, 100 actors, 1 s timers (trace off)",
        value: day1off.ms,
        unit: "ms",
        goal: { atMost: 1000 },
        note: millions(day1off.events),
      },
      {
        name: "24 h virtual, 100 actors, 1 s timers (trace on)",
        value: day1on.ms,
        unit: "ms",
        note: `tracing overhead ${(day1on.ms / day1off.ms).toFixed(2)}×`,
      },
    ];
  },
};

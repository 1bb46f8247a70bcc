import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type RunReport, Simulation, swarmOptions } from "./index";

/** A random workload: actors that tick, gossip to random peers and persist to disk, under swarm faults. */
interface Workload {
  readonly actors: readonly { readonly zone: number; readonly periodMs: number; readonly fanout: number; readonly usesDisk: boolean }[];
}

const workload: fc.Arbitrary<Workload> = fc.record({
  actors: fc.array(
    fc.record({
      zone: fc.integer({ min: 0, max: 2 }),
      periodMs: fc.integer({ min: 1, max: 200 }),
      fanout: fc.integer({ min: 0, max: 3 }),
      usesDisk: fc.boolean(),
    }),
    { minLength: 2, maxLength: 6 },
  ),
});

function run(seed: number, w: Workload): { report: RunReport; lines: string[] } {
  const lines: string[] = [];
  const sim = new Simulation({
    ...swarmOptions(seed, { chaos: { crashIntervalMsMean: 500, partitionIntervalMsMean: 700 } }),
    trace: { sink: (l) => lines.push(l) },
  });
  const names = w.actors.map((_, i) => `n${i}`);
  w.actors.forEach((spec, i) => {
    sim.spawn<number>(names[i] as string, {
      zone: `z${spec.zone}`,
      boot: (ctx) => {
        let seen = 0;
        const disk = spec.usesDisk ? ctx.disk("log", { sectorSizeBytes: 8, sectorCount: 16 }) : undefined;
        ctx.timers.every(spec.periodMs, "gossip", () => {
          for (let k = 0; k < spec.fanout; k++) ctx.network.send(ctx.random.pick(names), seen);
          if (disk && ctx.buggify("skip-sync") === false) {
            disk.write(ctx.random.int(16), new Uint8Array(8).fill(seen & 0xff));
            disk.sync(() => ctx.trace.record("synced", `seen=${seen}`));
          }
        });
        return {
          receive: (m) => {
            seen = Math.max(seen, m) + 1;
          },
        };
      },
    });
  });
  return { report: sim.run({ faultPhaseMs: 3_000, quietPhaseMs: 1_000 }), lines };
}

describe("determinism", () => {
  test("the same seed and workload give the same report and a byte-identical trace", () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), workload, (seed, w) => {
        const a = run(seed, w);
        const b = run(seed, w);
        expect(b.report).toEqual(a.report);
        expect(b.lines).toEqual(a.lines);
      }),
      { numRuns: 25 },
    );
  });

  test("different seeds give different traces", () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), workload, (seed, w) => {
        fc.pre(w.actors.some((a) => a.fanout > 0));
        expect(run(seed + 1, w).report.traceHash).not.toBe(run(seed, w).report.traceHash);
      }),
      { numRuns: 25 },
    );
  });
});

/**
 * The crash-containment invariants as property checks: random fault plans (kind, role, process,
 * timing, elevated or not, one to three faults) over random seeds. The checkers must hold after
 * every event, every group must be back to normal, pages conserved with every returned arena empty,
 * and a group that no fault touched (and no application restart reached) returns exactly the
 * fault-free run's results at exactly the same virtual times (results and latency equal to the
 * shadow's, no tolerance).
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { simApplication } from "../checkers/crash-containment/sim-rig";
import { Simulation } from "../sim/simulation";
import type { JobTicket } from "./application";
import type { FaultKind } from "./errors";
import type { FaultSpec } from "./host";

const GROUPS = ["A", "B", "C"];
const KINDS: FaultKind[] = ["protection-fault", "uncaught-exception", "assertion", "unexpected-exit"];

const fault = fc.record({
  group: fc.constantFrom(...GROUPS),
  role: fc.constantFrom("leader" as const, "compute" as const),
  index: fc.integer({ min: 0, max: 2 }),
  kind: fc.constantFrom(...KINDS),
  elevated: fc.boolean(),
  atMs: fc.integer({ min: 1, max: 40 }),
});

function runPlan(seed: number, plan: readonly (FaultSpec & { atMs: number })[]) {
  const sim = new Simulation({ seed, scenario: "processes-property" });
  const { app, checks } = simApplication(sim, {
    pageSize: 4_096,
    poolPages: 128,
    groups: GROUPS.map((id) => ({ id, computeProcesses: 3 })),
  });
  const tickets: JobTicket[] = [];
  for (const g of GROUPS)
    for (let j = 0; j < 3; j++) tickets.push(app.submit({ rows: 9_000 + 1_000 * j, seed: j, chunkRows: 500 }, { group: g }));
  for (const f of [...plan].sort((a, b) => a.atMs - b.atMs)) {
    sim.runFor(f.atMs - sim.nowMs);
    app.injectFault(f);
  }
  sim.runFor(3_000);
  return { sim, app, checks, tickets };
}

describe("crash-containment invariants over random fault plans", () => {
  test("checkers hold, groups converge, untouched groups match the fault-free run exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.array(fault, { minLength: 1, maxLength: 3 }), (seed, raw) => {
        const plan = raw.map(({ elevated, ...f }) => ({ ...f, ...(elevated ? { at: { whileElevated: true as const } } : {}) }));
        const base = runPlan(seed, []);
        const r = runPlan(seed, plan);
        expect(r.sim.failure).toBeUndefined();
        expect([...r.checks.violations]).toEqual([]);
        expect(r.app.groups.every((g) => g.state === "normal") && !r.app.restarting).toBe(true);
        const stats = r.app.memoryStats();
        expect(stats.fencedPages).toBe(0);
        expect(stats.freePages + Object.values(stats.byArena).reduce((a, b) => a + b, 0)).toBe(128);
        if (r.app.counters.appRestarts > 0) return;
        const touched = new Set(r.app.events.filter((e) => e.kind === "fault").map((e) => e.group));
        const view = (ts: JobTicket[]) =>
          ts
            .filter((t) => !touched.has(t.group))
            .map((t) => (t.outcome?.ok ? [t.outcome.result.sum, t.outcome.result.completedAtMs] : t.outcome?.error.reason));
        expect(view(r.tickets)).toEqual(view(base.tickets));
        for (const t of r.tickets) expect(t.outcome).toBeDefined();
      }),
      { numRuns: 60, seed: 2002 },
    );
  });
});

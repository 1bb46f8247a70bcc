import { describe, expect, test } from "vitest";
import { formatFailure, mergeCoverage, unreachedPoints } from "../runtime/sim";
import { registerSimulation, runRegister } from "./demo/register-scenario";

const SEEDS = Array.from({ length: 60 }, (_, i) => i + 1);

function firstFailingRun() {
  for (const seed of SEEDS) {
    const r = runRegister(seed, { plantedBug: "ack-before-majority" });
    if (!r.ok) return r;
  }
  return undefined;
}

describe("replicated register on the simulator", () => {
  test("the correct protocol keeps every invariant across 60 swarm seeds", () => {
    const reports = SEEDS.map((seed) => runRegister(seed));
    const failures = reports.filter((r) => !r.ok).map((r) => formatFailure(r.failure as NonNullable<typeof r.failure>));
    expect(failures).toEqual([]);
    for (const r of reports)
      expect(r.invariants.map((i) => [i.id, i.ok, i.checks > 0])).toEqual([
        ["acked-writes-survive", true, true],
        ["one-leader-per-term", true, true],
        ["writes-resume", true, true],
      ]);
  });

  test("the planted ack-before-majority bug is caught as a correctness failure naming seed, step and invariant", () => {
    const failing = firstFailingRun();
    expect(failing, "no seed in 1..60 caught the planted bug").toBeDefined();
    const f = failing?.failure;
    expect(f).toMatchObject({
      kind: "correctness",
      invariant: "acked-writes-survive",
      seed: failing?.seed,
      scenario: "register-ack-before-majority",
    });
    expect(f?.message).toMatch(/^r\d elected in term \d+ with version \d+, but version \d+ was acknowledged$/);
    expect(f?.step).toBe(failing?.events);
    expect(f?.traceTail.at(-1)).toMatch(/ violation world id=acked-writes-survive /);
    expect(formatFailure(f as NonNullable<typeof f>)).toContain(`seed: ${failing?.seed}  scenario: register-ack-before-majority`);
  });

  test("a failing seed replays to the same violation at the same step with a byte-identical trace", () => {
    const seed = firstFailingRun()?.seed as number;
    const lines: string[][] = [[], []];
    const [a, b] = [0, 1].map((i) =>
      registerSimulation(seed, { plantedBug: "ack-before-majority" }, { trace: { sink: (l) => lines[i]?.push(l) } }).run({
        faultPhaseMs: 20_000,
        quietPhaseMs: 10_000,
      }),
    );
    expect(a?.failure).toBeDefined();
    expect(b).toEqual(a);
    expect(lines[1]).toEqual(lines[0]);
  });

  test("coverage from many runs merges into one record that names the rare paths reached", () => {
    const merged = mergeCoverage(...SEEDS.slice(0, 20).map((seed) => runRegister(seed).coverage));
    expect(Object.keys(merged)).toContain("buggify:leader-skips-heartbeat");
    expect(merged["leader stepped down on a higher term"]?.hits).toBeGreaterThan(0);
    expect(unreachedPoints(merged)).not.toContain("leader stepped down on a higher term");
    expect(JSON.parse(JSON.stringify(merged))).toEqual(merged);
  });
});

import { describe, expect, test } from "vitest";
import { liveness, safety } from "./checker";
import { Checkers } from "./checkers";

const event = (step: number, kind: string) => ({ step, atMs: step * 10, kind, subject: "a", detail: "", data: undefined });

describe("Checkers", () => {
  test("counts checks per invariant and keeps only the first violation of each", () => {
    const c = new Checkers();
    let n = 0;
    c.add(safety("n-small", () => (n < 2 ? undefined : `n=${n}`)));
    c.add({ id: "no-crash-events", onEvent: (e) => (e.kind === "crash" ? `crash at step ${e.step}` : undefined) });
    c.add(liveness("done", () => "pending: not done"));
    const found = [];
    for (let step = 1; step <= 4; step++) {
      n = step;
      found.push(c.observe(event(step, step === 3 ? "crash" : "timer"))?.invariant, c.afterEvent(step, step * 10)?.invariant);
    }
    found.push(c.atEnd(4, 40)?.kind);
    expect(found).toEqual([undefined, undefined, undefined, "n-small", "no-crash-events", undefined, undefined, undefined, "liveness"]);
    expect(c.results()).toEqual([
      { id: "n-small", ok: false, checks: 4, firstViolation: { atMs: 20, step: 2, message: "n=2" } },
      { id: "no-crash-events", ok: false, checks: 4, firstViolation: { atMs: 30, step: 3, message: "crash at step 3" } },
      { id: "done", ok: false, checks: 1, firstViolation: { atMs: 40, step: 4, message: "pending: not done" } },
    ]);
  });

  test("refuses duplicate ids and checkers without a hook", () => {
    const c = new Checkers().add(safety("x", () => undefined));
    expect(() => c.add(liveness("x", () => undefined))).toThrow(/already registered/);
    expect(() => c.add({ id: "y" })).toThrow(/no hook/);
    expect([c.observing, c.stepping]).toEqual([false, true]);
  });
});

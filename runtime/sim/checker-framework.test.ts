/**
 * The checker framework's contract as a reader of a report relies on it, pinned where the
 * broader tests leave it open (found by mutation testing, `npm run mutate -- --shard sim`):
 * which violation a step reports when several invariants fail on it, that a passing checker
 * never becomes a violation, and what an invariant's checker carries.
 */
import { describe, expect, test } from "vitest";
import { livenessOf, safetyOf } from "../checkers/invariant";
import { liveness, safety } from "./checker";
import { Checkers } from "./checkers";
import { Coverage, mergeCoverage, unreachedPoints } from "./coverage";

const event = (step: number) => ({ step, atMs: step * 10, kind: "timer", subject: "a", detail: "", data: undefined });

describe("one step, several failing invariants", () => {
  test("the step reports the first registered invariant that failed, and every one keeps its own first violation", () => {
    const c = new Checkers()
      .add({ id: "first", onEvent: () => "first broke" })
      .add({ id: "second", onEvent: () => "second broke" })
      .add(safety("third", () => "third broke"))
      .add(safety("fourth", () => "fourth broke"))
      .add(liveness("fifth", () => "fifth broke"))
      .add(liveness("sixth", () => "sixth broke"));
    expect(c.observe(event(1))).toEqual({ invariant: "first", kind: "correctness", atMs: 10, step: 1, message: "first broke" });
    expect(c.afterEvent(1, 10)).toEqual({ invariant: "third", kind: "correctness", atMs: 10, step: 1, message: "third broke" });
    expect(c.atEnd(2, 20)).toEqual({ invariant: "fifth", kind: "liveness", atMs: 20, step: 2, message: "fifth broke" });
    expect(c.results().map((r) => [r.id, r.ok, r.firstViolation?.message])).toEqual([
      ["first", false, "first broke"],
      ["second", false, "second broke"],
      ["third", false, "third broke"],
      ["fourth", false, "fourth broke"],
      ["fifth", false, "fifth broke"],
      ["sixth", false, "sixth broke"],
    ]);
  });

  test("a later failure is still reported when an earlier invariant already failed on a previous step", () => {
    let second = false;
    const c = new Checkers().add(safety("early", () => "early broke")).add(safety("late", () => (second ? "late broke" : undefined)));
    expect(c.afterEvent(1, 10)?.invariant).toBe("early");
    second = true;
    expect(c.afterEvent(2, 20)).toEqual({ invariant: "late", kind: "correctness", atMs: 20, step: 2, message: "late broke" });
    expect(c.afterEvent(3, 30)).toBeUndefined();
  });

  test("checkers that hold (undefined or nothing returned) are counted but never violate", () => {
    const c = new Checkers()
      .add({ id: "quiet", onEvent: () => undefined })
      .add({ id: "silent", afterEvent: () => {} })
      .add(liveness("done", () => undefined));
    for (let step = 1; step <= 3; step++) {
      expect(c.observe(event(step))).toBeUndefined();
      expect(c.afterEvent(step, step * 10)).toBeUndefined();
    }
    expect(c.atEnd(4, 40)).toBeUndefined();
    expect(c.results()).toEqual([
      { id: "quiet", ok: true, checks: 3 },
      { id: "silent", ok: true, checks: 3 },
      { id: "done", ok: true, checks: 1 },
    ]);
  });

  test("an event-only checker is observing, not stepping; a liveness-only one neither", () => {
    expect([
      new Checkers().add({ id: "e", onEvent: () => undefined }).observing,
      new Checkers().add({ id: "e", onEvent: () => undefined }).stepping,
    ]).toEqual([true, false]);
    const end = new Checkers().add(liveness("l", () => undefined));
    expect([end.observing, end.stepping]).toEqual([false, false]);
    expect(new Checkers().add({ id: "s", afterEvent: () => undefined }).stepping).toBe(true);
  });
});

describe("an invariant's checker", () => {
  const inv = { id: "system/what-it-guarantees", description: "What it guarantees, in one sentence." };

  test("safetyOf runs after every event and carries the id and the sentence", () => {
    const checker = safetyOf(inv, () => "broken");
    expect(checker).toMatchObject({ id: inv.id, description: inv.description });
    expect([checker.afterEvent?.(), checker.onEvent, checker.atEnd]).toEqual(["broken", undefined, undefined]);
  });

  test("livenessOf runs once at the end and carries the id and the sentence", () => {
    const checker = livenessOf(inv, () => "not converged");
    expect(checker).toMatchObject({ id: inv.id, description: inv.description });
    expect([checker.atEnd?.(), checker.onEvent, checker.afterEvent]).toEqual(["not converged", undefined, undefined]);
  });
});

describe("coverage records", () => {
  test("a point evaluated but never hit is unreached; one hit once is reached; merged counts add up", () => {
    const c = new Coverage();
    c.note("never", false);
    c.note("never", false);
    c.note("once", false);
    c.note("once", true);
    expect(c.record()).toEqual({ never: { evaluations: 2, hits: 0 }, once: { evaluations: 2, hits: 1 } });
    expect(unreachedPoints(c.record())).toEqual(["never"]);
    const merged = mergeCoverage(c.record(), c.record(), { never: { evaluations: 1, hits: 1 } });
    expect(merged).toEqual({ never: { evaluations: 5, hits: 1 }, once: { evaluations: 4, hits: 2 } });
    expect(unreachedPoints(merged)).toEqual([]);
  });

  test("keys come out in code-unit order whatever order the points were first noted in", () => {
    const c = new Coverage();
    for (const id of ["b", "a", "c", "B", "a b"]) c.note(id, true);
    expect(Object.keys(c.record())).toEqual(["B", "a", "a b", "b", "c"]);
    expect(Object.keys(mergeCoverage({ z: { evaluations: 1, hits: 0 } }, { a: { evaluations: 1, hits: 0 } }))).toEqual(["a", "z"]);
  });
});

/**
 * The workflow engine's states, each transition pinned on its own (found by mutation testing,
 * `npm run mutate -- --shard systems-storage-control-plane`). The expectations are the saga
 * pattern the engine documents (as AWS describes it for Step Functions): tasks run in order, each
 * retried up to `maxRetries` times after its first attempt; when retries run out, the tasks that
 * completed are compensated in reverse order and the workflow ends rolled back, with one error
 * event for the customer; an attempt that did the work but failed its test is undone before the
 * retry.
 */
import { describe, expect, test } from "vitest";
import { Simulation } from "../../sim/simulation";
import type { DataPlaneReply, Task } from "../data-plane";
import { AdminStore, type Job } from "./admin-store";
import type { HostManager } from "./host-manager";
import { type TaskSpec, WorkflowEngine } from "./workflow-engine";

const TASK_MS = 2_000;

function rig(maxRetries = 2) {
  const sim = new Simulation({ seed: 1, scenario: "unit" });
  const admin = new AdminStore();
  const engine = new WorkflowEngine(admin, sim.env.timers, () => sim.nowMs, { maxRetries, taskMs: TASK_MS });
  const job: Job = { id: "job-1", action: "clone", name: "db1", params: {}, notBeforeMs: 0, key: "k", state: "RUNNING" };
  const log: string[] = [];
  const outcome: boolean[] = [];
  return { sim, admin, engine, job, log, outcome, done: (ok: boolean) => outcome.push(ok) };
}

/** A host answering each task with the next reply of `replies` (undefined: no answer). */
function host(replies: (DataPlaneReply | undefined)[]): HostManager {
  return { id: "host-1", handle: (_t: Task) => replies.shift() } as unknown as HostManager;
}

const local = (log: string[], name: string): TaskSpec => ({
  name,
  local: () => log.push(name),
  compensate: () => log.push(`undo ${name}`),
});

describe("WorkflowEngine", () => {
  test("every task verified in order, one task time apart: COMPLETED, done(true), no event", () => {
    const r = rig();
    const wf = r.engine.start(r.job, [local(r.log, "a"), local(r.log, "b"), local(r.log, "c")], r.done);
    expect([wf.state, wf.id, wf.jobId, wf.action, wf.name]).toEqual(["RUNNING", r.admin.workflows[0]?.id, "job-1", "clone", "db1"]);
    expect(wf.tasks.map((t) => t.state)).toEqual(["PENDING", "PENDING", "PENDING"]);
    r.sim.runFor(0);
    expect(r.log).toEqual(["a"]);
    r.sim.runFor(TASK_MS - 1);
    expect(r.log).toEqual(["a"]);
    r.sim.runFor(1);
    expect(r.log).toEqual(["a", "b"]);
    r.sim.runFor(10 * TASK_MS);
    expect(r.log).toEqual(["a", "b", "c"]);
    expect([wf.state, r.outcome]).toEqual(["COMPLETED", [true]]);
    expect(wf.tasks.map((t) => [t.state, t.attempts, t.startedAtMs])).toEqual([
      ["VERIFIED", 1, 0],
      ["VERIFIED", 1, TASK_MS],
      ["VERIFIED", 1, 2 * TASK_MS],
    ]);
    expect(r.admin.events).toEqual([]);
  });

  test("a task that keeps failing is tried 1 + maxRetries times, then the completed ones are undone in reverse", () => {
    const r = rig(2);
    const failing: TaskSpec = {
      name: "copy",
      host: () => host([{ ok: false, error: "disk full" }, undefined, { ok: false, error: "disk full" }]),
      task: () => ({ kind: "status" }),
    };
    const wf = r.engine.start(r.job, [local(r.log, "a"), local(r.log, "b"), failing, local(r.log, "d")], r.done);
    r.sim.runFor(60 * TASK_MS);
    expect(r.log).toEqual(["a", "b", "undo b", "undo a"]);
    expect(wf.tasks.map((t) => [t.state, t.attempts])).toEqual([
      ["COMPENSATED", 1],
      ["COMPENSATED", 1],
      ["FAILED", 3],
      ["PENDING", 0],
    ]);
    expect([wf.state, r.outcome]).toEqual(["ROLLED_BACK", [false]]);
    expect(r.admin.events).toEqual([
      { atMs: 4 * TASK_MS, name: "db1", kind: "error", message: "clone failed at copy after 3 attempts: disk full; rolled back" },
    ]);
    // The retries came one task time apart, and the first attempt's start is kept.
    expect(wf.tasks[2]?.startedAtMs).toBe(2 * TASK_MS);
  });

  test("a retry that succeeds continues the workflow", () => {
    const r = rig(2);
    const h = host([undefined, { ok: true }]);
    const wf = r.engine.start(r.job, [{ name: "copy", host: () => h, task: () => ({ kind: "status" }) }, local(r.log, "b")], r.done);
    r.sim.runFor(20 * TASK_MS);
    expect(wf.tasks.map((t) => [t.state, t.attempts])).toEqual([
      ["VERIFIED", 2],
      ["VERIFIED", 1],
    ]);
    expect([wf.state, r.outcome, r.log]).toEqual(["COMPLETED", [true], ["b"]]);
  });

  test("no host, or a task without a data-plane task, fails with 'no host to run it'", () => {
    for (const spec of [
      { name: "x", host: () => undefined, task: () => ({ kind: "status" }) as Task },
      { name: "x", host: () => host([{ ok: true }]) },
      { name: "x", task: () => ({ kind: "status" }) as Task }, // no host function at all
    ] as TaskSpec[]) {
      const r = rig(0);
      const wf = r.engine.start(r.job, [spec], r.done);
      r.sim.runFor(10 * TASK_MS);
      expect([wf.state, r.admin.events[0]?.message]).toEqual([
        "ROLLED_BACK",
        "clone failed at x after 1 attempts: no host to run it; rolled back",
      ]);
    }
  });

  test("an unanswered task names the host; a reply that fails its test is undone before the retry; onOk sees the passing reply", () => {
    const r = rig(1);
    const replies: DataPlaneReply[] = [
      { ok: true, detail: { blocks: 1 } },
      { ok: true, detail: { blocks: 9 } },
    ];
    const seen: unknown[] = [];
    const spec: TaskSpec = {
      name: "verify",
      host: () => host([replies.shift()]),
      task: () => ({ kind: "status" }),
      test: (reply) => (reply.ok && reply.detail?.blocks === 9 ? undefined : "wrong block count"),
      onOk: (reply) => seen.push(reply),
      compensate: () => r.log.push("undo verify"),
    };
    const wf = r.engine.start(r.job, [spec], r.done);
    r.sim.runFor(10 * TASK_MS);
    expect([wf.state, r.log, seen]).toEqual(["COMPLETED", ["undo verify"], [{ ok: true, detail: { blocks: 9 } }]]);

    const silent = rig(0);
    const wf2 = silent.engine.start(
      silent.job,
      [{ name: "ping", host: () => host([undefined]), task: () => ({ kind: "status" }) }],
      silent.done,
    );
    silent.sim.runFor(10 * TASK_MS);
    expect([wf2.state, silent.admin.events[0]?.message]).toEqual([
      "ROLLED_BACK",
      "clone failed at ping after 1 attempts: host host-1 did not answer; rolled back",
    ]);
  });

  test("a hang after a task stops every workflow's progress until it is over, once", () => {
    const r = rig();
    r.engine.hangAfter("a", 10 * TASK_MS);
    const wf = r.engine.start(r.job, [local(r.log, "a"), local(r.log, "b"), local(r.log, "a"), local(r.log, "c")], r.done);
    r.sim.runFor(9 * TASK_MS);
    expect(r.log).toEqual(["a"]);
    r.sim.runFor(TASK_MS);
    expect(r.log).toEqual(["a", "b"]);
    r.sim.runFor(2 * TASK_MS);
    // The second "a" does not hang again: the fault was used up.
    expect(r.log).toEqual(["a", "b", "a", "c"]);
    r.sim.runFor(TASK_MS);
    expect(wf.state).toBe("COMPLETED");
  });

  test("using up one hang leaves the others armed", () => {
    const r = rig();
    r.engine.hangAfter("a", 10 * TASK_MS);
    r.engine.hangAfter("b", 10 * TASK_MS);
    r.engine.start(r.job, [local(r.log, "a"), local(r.log, "b"), local(r.log, "c")], r.done);
    r.sim.runFor(11 * TASK_MS); // a, its hang, then b
    expect(r.log).toEqual(["a", "b"]);
    r.sim.runFor(8 * TASK_MS); // b's own hang (until 20 × TASK_MS) is still on: c waits for it
    expect(r.log).toEqual(["a", "b"]);
    r.sim.runFor(2 * TASK_MS);
    expect(r.log).toEqual(["a", "b", "c"]);
  });
});

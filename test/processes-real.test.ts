/**
 * Seed 002 in real mode: every process of every group is a worker thread over one
 * SharedArrayBuffer. A worker that throws, asserts, makes an illegal access or is gone without its
 * handler restarts only its group (its own slot under the default scope); an elevated one restarts
 * the application. Uses the built worker (npm test builds first).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, test } from "vitest";
import { ProcessingApplication } from "../runtime/processes/application";
import type { FaultSpec } from "../runtime/processes/host";
import { RealHost } from "../runtime/processes/real-host";
import { expectedSum, type JobSpec } from "../runtime/processes/workload";
import { createRealEnv } from "../runtime/real/real-env";

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 1_000; i++) {
    if (check()) return;
    await sleep(5);
  }
  throw new Error(`timed out waiting for ${what}`);
};

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

async function start(scope?: "failing-process" | "whole-group") {
  const env = createRealEnv({ seed: 1 });
  const app = new ProcessingApplication(env, {
    pageSize: 16_384,
    poolPages: 512,
    groups: ["A", "B", "C"].map((id) => ({ id, computeProcesses: 3 })),
    reforkMs: [5, 10],
    ...(scope ? { computeFaultRestartScope: scope } : {}),
  });
  const host = new RealHost(app);
  open.push({ close: () => host.close().then(() => env.close()) });
  await new Promise<void>((resolve) => app.start(host, resolve));
  return { app, host };
}

const JOB = (seed: number): JobSpec => ({ rows: 400_000, seed, chunkRows: 4_000 });
const incarnations = (app: ProcessingApplication) => app.groups.map((g) => [g.leader, ...g.computes].map((p) => app.incarnation(p)));

async function faultA(fault: Omit<FaultSpec, "group">) {
  const { app } = await start();
  const a = app.submit(JOB(1), { group: "A" });
  const others = [app.submit(JOB(2), { group: "B" }), app.submit(JOB(3), { group: "C" })];
  // armed right behind the job's first message: it fires at the process's second chunk, mid-job
  app.injectFault({ group: "A", ...(fault.role === "compute" ? { at: { afterArenaWrites: 1 } } : {}), ...fault });
  const aOutcome = await a.result().then(
    () => "completed",
    (e: Error) => e,
  );
  const results = await Promise.all(others.map((t) => t.result()));
  await until(() => app.groups.every((g) => g.state === "normal") && !app.restarting, "every group to be normal");
  return { app, aOutcome, results };
}

describe("crash containment, real worker threads", () => {
  test("a compute worker that throws restarts only itself; A's pages return; B and C complete with the oracle's sums", async () => {
    const { app, aOutcome, results } = await faultA({ role: "compute", index: 2, kind: "uncaught-exception" });
    expect(aOutcome).toMatchObject({ name: "JobAbortedError", reason: "group-fault", faultingRole: "compute" });
    expect(results.map((r) => r.sum)).toEqual([expectedSum(JOB(2)), expectedSum(JOB(3))]);
    expect(incarnations(app)).toEqual([
      [1, 1, 1, 2],
      [1, 1, 1, 1],
      [1, 1, 1, 1],
    ]);
    expect(app.counters).toMatchObject({ recoveries: 1, appRestarts: 0 });
    expect(app.counters.pagesReturned).toBeGreaterThan(0);
    expect(app.memoryStats()).toMatchObject({ freePages: 511, fencedPages: 0 });
    // the recovered group runs a fresh job
    expect((await app.submit(JOB(4), { group: "A" }).result()).sum).toBe(expectedSum(JOB(4)));
  }, 30_000);

  test("a worker terminated without its handler (exit backstop) restarts only its group", async () => {
    const { app, aOutcome, results } = await faultA({ role: "compute", index: 0, kind: "unexpected-exit" });
    expect(aOutcome).toMatchObject({ reason: "group-fault", faultKind: "unexpected-exit" });
    expect(results).toHaveLength(2);
    expect(incarnations(app).slice(1)).toEqual([
      [1, 1, 1, 1],
      [1, 1, 1, 1],
    ]);
    expect(incarnations(app)[0]).toEqual([1, 2, 1, 1]);
  }, 30_000);

  test("a leader assertion restarts all of A and nobody else; an illegal public write is a group fault too", async () => {
    const leader = await faultA({ role: "leader", kind: "assertion" });
    expect(incarnations(leader.app)).toEqual([
      [2, 2, 2, 2],
      [1, 1, 1, 1],
      [1, 1, 1, 1],
    ]);
    const illegal = await faultA({ role: "compute", index: 1, kind: "protection-fault" });
    expect(illegal.aOutcome).toMatchObject({ faultKind: "protection-fault", reason: "group-fault" });
    expect(illegal.app.counters.appRestarts).toBe(0);
  }, 30_000);

  test("a worker that faults holding the result-cache lock restarts every worker of every group", async () => {
    const { app } = await start();
    const jobs = ["A", "B", "C"].map((g, i) => app.submit(JOB(10 + i), { group: g }));
    app.injectFault({ group: "A", role: "compute", index: 0, kind: "uncaught-exception", at: { whileElevated: true } });
    const outcomes = await Promise.all(
      jobs.map((t) =>
        t.result().then(
          (r) => r.sum,
          (e: { reason: string }) => e.reason,
        ),
      ),
    );
    await until(() => !app.restarting, "the application to run again");
    expect(app.counters.appRestarts).toBe(1);
    expect(outcomes.filter((o) => o === "app-restart").length).toBeGreaterThanOrEqual(1);
    expect(incarnations(app)).toEqual([
      [2, 2, 2, 2],
      [2, 2, 2, 2],
      [2, 2, 2, 2],
    ]);
    expect(app.memory.lockOwner(0)).toBeUndefined();
    expect((await app.submit(JOB(20), { group: "B" }).result()).sum).toBe(expectedSum(JOB(20)));
  }, 30_000);
});

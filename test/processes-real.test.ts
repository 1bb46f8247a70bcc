/**
 * Crash containment's acceptance scenarios in real mode (the simulation's ten, and the fence under
 * reuse of a page by the same arena): every process of every group is a worker thread over one
 * SharedArrayBuffer, with one common setup (1024 pages of 64 KiB, groups A, B, C of a leader and 3
 * compute processes). The engine's event checkers (fault-stays-in-group, app-restart-iff-elevated, job-settles-once, signalling-order) watch every run,
 * and page conservation (pages-conserved) and lock leaks (no-lock-leaks) are checked once the run is quiet. Uses the
 * built worker (npm test builds first).
 *
 * Where real mode differs from the simulation, as the design allows ("exact invariants in DST,
 * bounded ones in real-thread mode"):
 * - results-match-fault-free / untouched-groups-on-time: B's and C's results are compared with the oracle (equal to the fault-free run's),
 *   not their completion times; wall-clock latency is a bound, not an equality, so it is measured
 *   in `bench/suites/processes.ts` (no timed assertions here).
 * - Scenario 8's "same tick": both faults are armed in the same main-thread turn; the workers fire
 *   them on their next step, which the engine still folds into one recovery.
 * - Scenarios 3 and 10 act as a process from the test through the same checked accessor the
 *   workers use (to take the handle that is smuggled, or to reuse a stale one), as the simulated
 *   tests do; the illegal access itself runs in A's worker.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, test } from "vitest";
import { ProcessCheckers } from "../runtime/checkers/crash-containment";
import { ProcessMemory } from "../runtime/processes/access";
import { type ApplicationConfig, type JobOutcome, type JobTicket, ProcessingApplication } from "../runtime/processes/application";
import type { FaultSpec } from "../runtime/processes/host";
import { COMMITTED_ENTRY } from "../runtime/processes/inject";
import { SharedMemory } from "../runtime/processes/layout";
import { RealHost } from "../runtime/processes/real-host";
import { expectedSum, type JobSpec } from "../runtime/processes/workload";
import { createRealEnv } from "../runtime/real/real-env";

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 2_000; i++) {
    if (check()) return;
    await sleep(5);
  }
  throw new Error(`timed out waiting for ${what}`);
};

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

const WORDS_PER_PAGE = 65_536 / 4 - 3;
/** A's job: ~200 pages of rows. */
const BIG: JobSpec = { rows: 200 * WORDS_PER_PAGE, seed: 7, chunkRows: WORDS_PER_PAGE };
const OTHER = (seed: number): JobSpec => ({ rows: 300_000, seed, chunkRows: 4_000 });

const CONFIG: ApplicationConfig = {
  poolPages: 1024,
  groups: ["A", "B", "C"].map((id) => ({ id, computeProcesses: 3 })),
  reforkMs: [5, 10],
};

async function start(config: ApplicationConfig = CONFIG, allocWaitMs?: number) {
  const env = createRealEnv({ seed: 1 });
  const app = new ProcessingApplication(env, config);
  const checks = new ProcessCheckers(app);
  const host = new RealHost(app, allocWaitMs, checks.witness);
  open.push({ close: () => host.close().then(() => env.close()) });
  await new Promise<void>((resolve) => app.start(host, resolve));
  return { app, checks };
}

type Run = Awaited<ReturnType<typeof start>>;

const outcome = (t: JobTicket) => new Promise<JobOutcome>((resolve) => t.onSettled(resolve));
const incarnations = (app: ProcessingApplication) => app.groups.map((g) => [g.leader, ...g.computes].map((p) => app.incarnation(p)));
const quiet = (app: ProcessingApplication) =>
  until(() => app.groups.every((g) => g.state === "normal") && !app.restarting, "every group normal");
const ofGroup = (app: ProcessingApplication, g: string) => app.events.filter((e) => e.group === g);

/** The invariants real mode can check: the event checkers during the run, memory and locks once quiet. */
function holds({ app, checks }: Run) {
  expect([...checks.violations]).toEqual([]);
  expect(checks.pagesConserved()).toBeUndefined();
  expect(checks.noLockLeaks()).toBeUndefined();
  expect(app.memoryStats().fencedPages).toBe(0);
}

/** fresh-job-after-recovery: every group, recovered or not, completes a fresh job with the oracle's sum. */
async function freshJobs(app: ProcessingApplication) {
  const fresh = app.groups.map((g, i) => app.submit(OTHER(90 + i), { group: g.id }));
  const sums = await Promise.all(fresh.map((t) => t.result().then((r) => r.sum)));
  expect(sums).toEqual(app.groups.map((_, i) => expectedSum(OTHER(90 + i))));
}

interface Faulted extends Run {
  a: JobOutcome;
  /** B's and C's two jobs each, in submission order. */
  others: { group: string; spec: JobSpec; outcome: JobOutcome }[];
  pagesAtFault: number;
  epochBefore: number;
}

/**
 * The workload: A runs its big job while B and C run two jobs each; `faults` are armed at once, or
 * once `when` holds (checked every 5 ms).
 */
async function faultedRun(
  faults: readonly FaultSpec[],
  config?: ApplicationConfig,
  when?: (app: ProcessingApplication) => boolean,
): Promise<Faulted> {
  const run = await start(config);
  const { app } = run;
  let pagesAtFault = -1;
  app.on((e) => {
    if (e.kind === "fault" && pagesAtFault < 0) pagesAtFault = app.memoryStats().byArena.A ?? 0;
  });
  const epochBefore = app.group("A").epoch;
  const a = app.submit(BIG, { group: "A" });
  const specs = ["B", "C"].flatMap((group, i) => [10 + i, 20 + i].map((seed) => ({ group, spec: OTHER(seed) })));
  const tickets = specs.map((s) => app.submit(s.spec, { group: s.group }));
  if (when) await until(() => when(app), "the fault's moment");
  for (const f of faults) app.injectFault(f);
  const aOutcome = await outcome(a);
  const outcomes = await Promise.all(tickets.map(outcome));
  await quiet(app);
  return {
    ...run,
    a: aOutcome,
    others: specs.map((s, i) => ({ ...s, outcome: outcomes[i] as JobOutcome })),
    pagesAtFault,
    epochBefore,
  };
}

const abortOf = (o: JobOutcome) => {
  if (o.ok) throw new Error(`job ${o.result.jobId} completed; expected an abort`);
  return o.error;
};
/** results-match-fault-free: jobs of groups other than `faulted` return the oracle's sums (the fault-free run's). */
function othersMatchOracle(r: Faulted, faulted: readonly string[] = ["A"]) {
  const mine = r.others.filter((o) => !faulted.includes(o.group));
  expect(mine.map((o) => (o.outcome.ok ? o.outcome.result.sum : o.outcome.error.message))).toEqual(mine.map((o) => expectedSum(o.spec)));
}

interface Row {
  readonly name: string;
  readonly faults: readonly FaultSpec[];
  readonly config?: ApplicationConfig;
  /** Arm the faults once this holds (default: at once). */
  readonly when?: (app: ProcessingApplication) => boolean;
  check(r: Faulted): void;
}

const groupLocal: readonly Row[] = [
  {
    name: "1. compute crash: A's job aborts, only A.compute[2] restarts, A's pages return, B and C complete",
    // armed once A's arena holds over 100 pages, however unevenly the workers progressed (a count
    // of one worker's own writes left the arena's size to the scheduler); A's pages only grow
    // until the fault, so the arena it returns is at least that large
    faults: [{ group: "A", role: "compute", index: 2, kind: "uncaught-exception" }],
    when: (app) => (app.memoryStats().byArena.A ?? 0) > 100,
    check(r) {
      expect(abortOf(r.a)).toMatchObject({ name: "JobAbortedError", reason: "group-fault", faultingRole: "compute", groupId: "A" });
      expect(r.pagesAtFault).toBeGreaterThan(100);
      expect(ofGroup(r.app, "A").map((e) => e.kind)).toEqual([
        "fault",
        "taskAborted",
        "jobAborted",
        "cmdAbort",
        "abortLocal",
        "abortLocal",
        "privilege",
        "remove",
        "refork",
        "kill",
        "arenaReturned",
        "groupNormal",
      ]);
      expect(incarnations(r.app)).toEqual([
        [1, 1, 1, 2],
        [1, 1, 1, 1],
        [1, 1, 1, 1],
      ]);
      expect(r.app.counters.pagesReturned).toBeGreaterThanOrEqual(r.pagesAtFault);
      expect(r.app.memoryStats()).toMatchObject({ freePages: 1023, byArena: { A: 0, B: 0, C: 0 } });
    },
  },
  {
    name: "1b. a worker gone without its handler (exit backstop) restarts only itself",
    faults: [{ group: "A", role: "compute", index: 0, kind: "unexpected-exit", at: { afterArenaWrites: 1 } }],
    check(r) {
      expect(abortOf(r.a)).toMatchObject({ reason: "group-fault", faultKind: "unexpected-exit" });
      expect(incarnations(r.app)[0]).toEqual([1, 2, 1, 1]);
    },
  },
  {
    name: "2. leader crash (third-party assertion): cmdAbort reaches every compute before the leader dies; all of A restarts",
    faults: [{ group: "A", role: "leader", kind: "assertion" }],
    check(r) {
      expect(abortOf(r.a)).toMatchObject({ reason: "group-fault", faultingRole: "leader", faultKind: "assertion" });
      const ev = ofGroup(r.app, "A");
      const leader = r.app.pidOf("A", "leader");
      const kills = ev.filter((e) => e.kind === "kill").map((e) => e.pid);
      expect(kills).toEqual([...r.app.group("A").computes, leader]);
      expect(ev.findIndex((e) => e.kind === "cmdAbort")).toBeLessThan(ev.findIndex((e) => e.kind === "kill"));
      expect(incarnations(r.app)).toEqual([
        [2, 2, 2, 2],
        [1, 1, 1, 1],
        [1, 1, 1, 1],
      ]);
      expect(ev.filter((e) => e.kind === "jobAborted")).toHaveLength(1);
      expect(ev.filter((e) => e.kind === "arenaReturned")).toHaveLength(1);
    },
  },
  {
    name: "4. an unelevated public write faults in A; the public arena is untouched; A recovers alone",
    faults: [{ group: "A", role: "compute", index: 1, kind: "protection-fault" }],
    check(r) {
      expect(abortOf(r.a)).toMatchObject({ reason: "group-fault", faultKind: "protection-fault" });
      expect(r.app.counters).toMatchObject({ recoveries: 1, appRestarts: 0 });
      // the public log was never written: it still reads as laid out (zero)
      const log = r.app.publicObjects.log;
      expect(new ProcessMemory(r.app.memory, r.app.pidOf("B", "compute", 0)).read(log, 0, log.length).every((w) => w === 0)).toBe(true);
    },
  },
  {
    name: "6. a crash right after privilege is lowered: group-local recovery; the committed value is readable by B and C",
    faults: [{ group: "A", role: "compute", index: 0, kind: "uncaught-exception", at: { afterCommit: true } }],
    check(r) {
      expect(r.app.counters).toMatchObject({ recoveries: 1, appRestarts: 0 });
      expect(abortOf(r.a).reason).toBe("group-fault");
      const cache = r.app.publicObjects.resultCache;
      for (const g of ["B", "C"])
        expect([...new ProcessMemory(r.app.memory, r.app.pidOf(g, "compute", 1)).read(cache, 0, 3)]).toEqual(COMMITTED_ENTRY);
    },
  },
  {
    name: "8. two faults in A armed in the same turn: one abort, one arena return, epoch +1, both reforked",
    faults: [
      { group: "A", role: "compute", index: 0, kind: "assertion" },
      { group: "A", role: "compute", index: 2, kind: "protection-fault" },
    ],
    check(r) {
      const ev = ofGroup(r.app, "A");
      expect(ev.filter((e) => e.kind === "fault")).toHaveLength(2);
      expect(ev.filter((e) => e.kind === "jobAborted")).toHaveLength(1);
      expect(ev.filter((e) => e.kind === "arenaReturned")).toHaveLength(1);
      expect(r.app.group("A").epoch).toBe(r.epochBefore + 1);
      expect(incarnations(r.app)[0]).toEqual([1, 2, 1, 2]);
    },
  },
  {
    name: "9. faults in A and B: two independent recoveries; C untouched",
    faults: [
      { group: "A", role: "compute", index: 1, kind: "uncaught-exception", at: { afterArenaWrites: 3 } },
      { group: "B", role: "leader", kind: "assertion" },
    ],
    check(r) {
      expect(r.app.counters).toMatchObject({ recoveries: 2, appRestarts: 0 });
      for (const g of ["A", "B"]) expect(ofGroup(r.app, g).filter((e) => e.kind === "arenaReturned")).toHaveLength(1);
      expect(incarnations(r.app)[2]).toEqual([1, 1, 1, 1]);
    },
  },
  {
    name: "restart-scope: with the whole-group scope a compute fault restarts all of A and nobody else",
    faults: [{ group: "A", role: "compute", index: 1, kind: "uncaught-exception", at: { afterArenaWrites: 2 } }],
    config: { ...CONFIG, computeFaultRestartScope: "whole-group" },
    check(r) {
      expect(incarnations(r.app)).toEqual([
        [2, 2, 2, 2],
        [1, 1, 1, 1],
        [1, 1, 1, 1],
      ]);
      expect(ofGroup(r.app, "A").filter((e) => e.kind === "arenaReturned")).toHaveLength(1);
    },
  },
];

const escalating: readonly Row[] = [
  {
    name: "5. a crash while holding the result-cache lock restarts every worker; no half entry survives",
    faults: [{ group: "A", role: "compute", index: 0, kind: "uncaught-exception", at: { whileElevated: true } }],
    check(r) {
      expect(abortOf(r.a)).toMatchObject({ reason: "app-restart", faultingRole: "compute" });
      const cache = r.app.publicObjects.resultCache;
      expect(new ProcessMemory(r.app.memory, 0).read(cache, 0, cache.length).every((w) => w === 0)).toBe(true);
    },
  },
  {
    name: "7. an elevated leader restarts the application, not just its group",
    faults: [{ group: "A", role: "leader", kind: "assertion", at: { whileElevated: true } }],
    check(r) {
      expect(abortOf(r.a)).toMatchObject({ reason: "app-restart", faultingRole: "leader" });
    },
  },
];

describe("crash containment acceptance in real worker threads", () => {
  test.each(groupLocal)(
    "$name",
    async (row) => {
      const r = await faultedRun(row.faults, row.config, row.when);
      row.check(r);
      const faulted = [...new Set(row.faults.map((f) => f.group))];
      othersMatchOracle(r, faulted);
      // fault-stays-in-group: nobody outside the faulted groups restarted
      expect(r.app.events.filter((e) => e.kind === "refork" && !faulted.includes(e.group as string))).toEqual([]);
      expect(r.app.counters.appRestarts).toBe(0);
      holds(r);
      await freshJobs(r.app);
    },
    30_000,
  );

  test.each(escalating)(
    "$name",
    async (row) => {
      const r = await faultedRun(row.faults, row.config);
      row.check(r);
      expect(r.app.counters).toMatchObject({ appRestarts: 1, recoveries: 0 });
      expect(incarnations(r.app)).toEqual([
        [2, 2, 2, 2],
        [2, 2, 2, 2],
        [2, 2, 2, 2],
      ]);
      // every job still in flight at the restart was aborted for it; the finished ones kept their sums
      for (const o of r.others)
        if (o.outcome.ok) expect(o.outcome.result.sum).toBe(expectedSum(o.spec));
        else expect(o.outcome.error.reason).toBe("app-restart");
      expect(Array.from({ length: r.app.memory.lockCount }, (_, l) => r.app.memory.lockOwner(l))).toEqual([undefined, undefined]);
      holds(r);
      await freshJobs(r.app);
    },
    30_000,
  );

  test.each(["write", "read"] as const)(
    "3. a cross-group %s through a smuggled handle faults in A; B's arena and results are untouched",
    async (access) => {
      const run = await start();
      const { app } = run;
      // B's compute 0 allocates an object; its handle is "sent" to A.compute[0]
      const b0 = new ProcessMemory(app.memory, app.pidOf("B", "compute", 0));
      const smuggled = b0.alloc(8);
      if (!smuggled) throw new Error("no page for B's object");
      b0.write(smuggled, 0, [1, 2, 3, 4, 5, 6, 7, 8]);
      const bSum = app.arenaChecksum("B");
      const a = app.submit(BIG, { group: "A" });
      const c = app.submit(OTHER(11), { group: "C" });
      app.injectFault({ group: "A", role: "compute", index: 0, kind: "protection-fault", via: smuggled, access });
      expect(abortOf(await outcome(a)).faultKind).toBe("protection-fault");
      await quiet(app);
      expect(app.events.filter((e) => e.kind === "fault").map((e) => e.group)).toEqual(["A"]);
      expect([...b0.read(smuggled, 0, 8)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(app.arenaChecksum("B")).toBe(bSum);
      expect(app.counters).toMatchObject({ recoveries: 1, appRestarts: 0 });
      expect((await c.result()).sum).toBe(expectedSum(OTHER(11)));
      holds(run);
      await freshJobs(app);
    },
    30_000,
  );

  test("10. pool pressure: C waits for pages, gets A's returned pages zeroed; A's survivor's old handle faults as stale", async () => {
    // A wants more pages than the pool has: it fills the pool and waits (5 s before a step gives up)
    const run = await start({ ...CONFIG, poolPages: 240 }, 5_000);
    const { app } = run;
    const survivor = new ProcessMemory(app.memory, app.pidOf("A", "compute", 1));
    const old = survivor.alloc(4);
    if (!old) throw new Error("A could not allocate");
    survivor.write(old, 0, [7, 7, 7, 7]);
    const a = app.submit({ rows: 300 * WORDS_PER_PAGE, seed: 3, chunkRows: WORDS_PER_PAGE }, { group: "A" });
    await until(() => app.memoryStats().freePages === 0, "A to fill the pool");
    expect(app.memoryStats().byArena.A).toBeGreaterThan(240 * 0.9);
    const cJob = { rows: 20 * WORDS_PER_PAGE, seed: 4, chunkRows: WORDS_PER_PAGE };
    const c = app.submit(cJob, { group: "C" });
    await sleep(20);
    expect(c.outcome).toBeUndefined();
    // returned pages read as zero before anyone claims them. Only the main thread frees pages and it
    // is inside this listener, so a page whose words were read non-zero and whose owner word is still
    // free afterwards was returned dirty (a claim in between would have set the owner first)
    const dirty: number[] = [];
    app.on((e) => {
      if (e.kind !== "arenaReturned") return;
      for (let p = 0; p < 240; p++) {
        const written = app.memory.pageWords(p).some((w) => w !== 0);
        if (written && app.memory.ownerWord(p) === 0) dirty.push(p);
      }
    });
    app.injectFault({ group: "A", role: "compute", index: 0, kind: "protection-fault" });
    expect(abortOf(await outcome(a)).faultKind).toBe("protection-fault");
    expect((await c.result()).sum).toBe(expectedSum(cJob));
    await quiet(app);
    expect(dirty).toEqual([]);
    expect(app.incarnation(app.pidOf("C", "compute", 0))).toBe(1);
    expect(() => survivor.read(old, 0, 4)).toThrow(/stale-handle/);
    holds(run);
  }, 30_000);

  test("11. A's survivor's old handle faults as stale while A's next job holds its page: the arena's fence, not a reclaim by another group", async () => {
    const run = await start();
    const { app } = run;
    const survivor = new ProcessMemory(app.memory, app.pidOf("A", "compute", 1));
    const old = survivor.alloc(4);
    if (!old) throw new Error("A could not allocate");
    survivor.write(old, 0, [7, 7, 7, 7]);
    const a = app.submit(BIG, { group: "A" });
    app.injectFault({ group: "A", role: "compute", index: 0, kind: "assertion" });
    expect(abortOf(await outcome(a)).reason).toBe("group-fault");
    await quiet(app);
    // only A runs: its next job claims the lowest free pages, the old handle's page among them
    const arena = app.group("A").arena;
    const next = app.submit(BIG, { group: "A" });
    await until(() => SharedMemory.arenaOf(app.memory.ownerWord(old.page)) === arena, "A's next job to take the old page");
    expect(next.outcome).toBeUndefined();
    expect(() => survivor.read(old, 0, 4)).toThrow(/stale-handle/);
    expect((await next.result()).sum).toBe(expectedSum(BIG));
    await quiet(app);
    holds(run);
  }, 30_000);
});

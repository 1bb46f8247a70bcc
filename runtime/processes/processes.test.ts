/**
 * Crash containment's acceptance scenarios in simulation, fixed seeds (common setup: 1024 pages of
 * 64 KiB, groups A, B, C of a leader and 3 compute processes). Every run registers the checkers
 * (the `crash-containment/*` invariants after each event, results and latency against the fault-free shadow; groups normal at
 * the end); each test also asserts its own expectation and compares with a separate fault-free
 * baseline run.
 */
import { describe, expect, test } from "vitest";
import { simApplication } from "../checkers/crash-containment/sim-rig";
import { Simulation } from "../sim/simulation";
import type { ApplicationConfig, JobTicket } from "./application";
import { JobAbortedError, ProtectionFault } from "./errors";
import type { FaultSpec } from "./host";
import { expectedSum, type JobSpec } from "./workload";

const WORDS_PER_PAGE = 65_536 / 4 - 3;
/** A's job: ~200 pages of rows. */
const BIG: JobSpec = { rows: 200 * WORDS_PER_PAGE, seed: 7, chunkRows: WORDS_PER_PAGE };
const SMALL = (seed: number): JobSpec => ({ rows: 60_000, seed, chunkRows: 2_000 });

const CONFIG: ApplicationConfig = {
  poolPages: 1024,
  groups: ["A", "B", "C"].map((id) => ({ id, computeProcesses: 3 })),
};

function run(seed: number, config: ApplicationConfig = CONFIG) {
  const sim = new Simulation({ seed, scenario: "processes" });
  const rig = simApplication(sim, config);
  return { sim, ...rig };
}

/** B and C each run two jobs back to back while A runs its big job. */
function workload(r: ReturnType<typeof run>) {
  const a = r.app.submit(BIG, { group: "A" });
  const others = ["B", "C"].flatMap((g, i) => [r.app.submit(SMALL(10 + i), { group: g }), r.app.submit(SMALL(20 + i), { group: g })]);
  return { a, others };
}

const settled = (t: JobTicket) => {
  if (!t.outcome) throw new Error(`job ${t.id} not settled`);
  return t.outcome;
};
const resultsOf = (ts: readonly JobTicket[]) =>
  ts.map((t) => {
    const o = settled(t);
    return o.ok ? { sum: o.result.sum, at: o.result.completedAtMs } : { aborted: o.error.reason };
  });
const aborted = (t: JobTicket) => {
  const o = settled(t);
  if (o.ok) throw new Error(`job ${t.id} completed; expected an abort`);
  return o.error;
};
const incarnations = (r: ReturnType<typeof run>) => r.app.groups.map((g) => [g.leader, ...g.computes].map((p) => r.app.incarnation(p)));
const kinds = (r: ReturnType<typeof run>, group: string) =>
  r.app.events.filter((e) => e.group === group || e.group === undefined).map((e) => e.kind);
const noViolations = (r: ReturnType<typeof run>) => {
  expect(r.sim.failure).toBeUndefined();
  expect([...r.checks.violations]).toEqual([]);
};

/** The fault-free run of the same seed: B's and C's results and completion times. */
function baseline(seed: number) {
  const r = run(seed);
  const w = workload(r);
  r.sim.runFor(2_000);
  return { r, ...w };
}

/** Runs the workload with `faults` injected at `atMs`, then a quiet period. */
function faulted(seed: number, faults: readonly FaultSpec[], atMs = 20) {
  const r = run(seed);
  const w = workload(r);
  r.sim.runFor(atMs);
  for (const f of faults) r.app.injectFault(f);
  r.sim.runFor(2_000);
  return { r, ...w };
}

describe("crash containment acceptance (simulation)", () => {
  test("baseline: every job returns the oracle's sum, pages of finished jobs stay in their arenas", () => {
    const { r, a, others } = baseline(1);
    const done = settled(a);
    expect(done.ok && done.result.sum).toBe(expectedSum(BIG));
    expect(resultsOf(others).map((x) => x.sum)).toEqual([SMALL(10), SMALL(20), SMALL(11), SMALL(21)].map(expectedSum));
    // a finished job's pages go back to the pool; only the public arena keeps pages
    const s = r.app.memoryStats();
    expect(s).toEqual({ poolPages: 1024, freePages: 1023, byArena: { public: 1, A: 0, B: 0, C: 0 }, fencedPages: 0 });
    expect(r.app.counters).toEqual({ recoveries: 0, appRestarts: 0, pagesReturned: 0 });
    noViolations(r);
  });

  test("1. compute crash: A's job aborts, only A.compute[2] restarts, A's pages return, B and C match the baseline", () => {
    const base = baseline(1);
    const before = incarnations(base.r);
    const r0 = run(1);
    const w = workload(r0);
    r0.sim.runFor(60);
    const aPages = r0.app.memoryStats().byArena.A ?? 0;
    expect(aPages).toBeGreaterThan(100);
    r0.app.injectFault({ group: "A", role: "compute", index: 2, kind: "uncaught-exception", at: { afterArenaWrites: 1 } });
    r0.sim.runFor(2_000);
    const err = aborted(w.a);
    expect(err).toBeInstanceOf(JobAbortedError);
    expect({ reason: err.reason, role: err.faultingRole, kind: err.faultKind, group: err.groupId }).toEqual({
      reason: "group-fault",
      role: "compute",
      kind: "uncaught-exception",
      group: "A",
    });
    expect(kinds(r0, "A")).toEqual([
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
    const after = incarnations(r0);
    const a2 = r0.app.pidOf("A", "compute", 2);
    expect(after[0]).toEqual((before[0] as number[]).map((n, i) => (i === 3 ? n + 1 : n)));
    expect(after.slice(1)).toEqual(before.slice(1));
    expect(r0.app.incarnation(a2)).toBe(2);
    expect(r0.app.counters.pagesReturned).toBeGreaterThanOrEqual(aPages);
    expect(r0.app.memoryStats().byArena.A).toBe(0);
    expect(r0.app.memoryStats().fencedPages).toBe(0);
    expect(resultsOf(w.others)).toEqual(resultsOf(base.others));
    // liveness: A runs a fresh job
    const again = r0.app.submit(SMALL(99), { group: "A" });
    r0.sim.runFor(500);
    expect(settled(again)).toMatchObject({ ok: true, result: { sum: expectedSum(SMALL(99)) } });
    noViolations(r0);
  });

  test("2. leader crash (third-party assertion): cmdAbort reaches every compute before the leader dies; all of A restarts", () => {
    const base = baseline(2);
    const r = faulted(2, [{ group: "A", role: "leader", kind: "assertion" }]);
    const err = aborted(r.a);
    expect([err.reason, err.faultingRole, err.faultKind]).toEqual(["group-fault", "leader", "assertion"]);
    const ev = r.r.app.events.filter((e) => e.group === "A");
    const leader = r.r.app.pidOf("A", "leader");
    const cmd = ev.findIndex((e) => e.kind === "cmdAbort");
    const leaderKill = ev.findIndex((e) => e.kind === "kill" && e.pid === leader);
    const computeKills = ev.filter((e) => e.kind === "kill" && e.pid !== leader).map((e) => e.pid);
    expect(cmd).toBeGreaterThan(-1);
    expect(ev.slice(cmd, leaderKill).filter((e) => e.kind === "kill").length).toBe(3);
    expect(computeKills).toEqual(r.r.app.group("A").computes);
    expect(incarnations(r.r)[0]).toEqual([2, 2, 2, 2]);
    expect(incarnations(r.r).slice(1)).toEqual(incarnations(base.r).slice(1));
    expect(ev.filter((e) => e.kind === "jobAborted")).toHaveLength(1);
    expect(ev.filter((e) => e.kind === "arenaReturned")).toHaveLength(1);
    expect(resultsOf(r.others)).toEqual(resultsOf(base.others));
    noViolations(r.r);
  });

  test("3. a cross-group write through a smuggled handle faults in A; B's arena and results are untouched", () => {
    for (const access of ["write", "read"] as const) {
      const base = baseline(3);
      const r = run(3);
      const w = workload(r);
      // B is in the middle of its second job (no arena reset until it ends)
      r.sim.runFor(15);
      // B's compute 0 allocates an object and its handle is "sent" to A.compute[0]
      const b0 = r.host.memoryOf(r.app.pidOf("B", "compute", 0));
      const smuggled = b0.alloc(8);
      if (!smuggled) throw new Error("no page for B's object");
      b0.write(smuggled, 0, [1, 2, 3, 4, 5, 6, 7, 8]);
      r.app.injectFault({ group: "A", role: "compute", index: 0, kind: "protection-fault", via: smuggled, access });
      r.sim.runFor(3);
      expect(b0.read(smuggled, 0, 8)).toEqual(Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
      r.sim.runFor(2_000);
      expect(aborted(w.a).faultKind).toBe("protection-fault");
      expect(r.app.events.filter((e) => e.kind === "fault").map((e) => e.group)).toEqual(["A"]);
      expect(r.app.counters.appRestarts).toBe(0);
      expect(resultsOf(w.others)).toEqual(resultsOf(base.others));
      noViolations(r);
    }
  });

  test("the accessor raises ProtectionFault in the caller for foreign, read-only public and stale handles", () => {
    const r = run(4);
    const a0 = r.host.memoryOf(r.app.pidOf("A", "compute", 0));
    const b0 = r.host.memoryOf(r.app.pidOf("B", "compute", 0));
    const hb = b0.alloc(4);
    if (!hb) throw new Error("no page");
    expect(() => a0.write(hb, 0, [1])).toThrow(ProtectionFault);
    expect(() => a0.read(hb, 0, 1)).toThrow(/foreign-arena/);
    expect(() => a0.write(r.app.publicObjects.log, 0, [1])).toThrow(/public-read-only/);
    expect(a0.read(r.app.publicObjects.log, 0, 1)).toEqual(Int32Array.from([0]));
    r.app.memory.fenceArena(r.app.group("B").arena);
    expect(() => b0.read(hb, 0, 1)).toThrow(/stale-handle/);
  });

  test("4. an unelevated public write faults; the public checksum holds; A recovers alone", () => {
    const base = baseline(4);
    const r = run(4);
    const w = workload(r);
    r.sim.runFor(20);
    const pub = r.app.arenaChecksum("public");
    r.app.injectFault({ group: "A", role: "compute", index: 1, kind: "protection-fault" });
    r.sim.runFor(2_000);
    expect(r.app.arenaChecksum("public")).toBe(pub);
    expect(aborted(w.a).faultKind).toBe("protection-fault");
    expect(r.app.counters).toMatchObject({ recoveries: 1, appRestarts: 0 });
    expect(resultsOf(w.others)).toEqual(resultsOf(base.others));
    noViolations(r);
  });

  test("5. a crash while holding the result-cache lock restarts the whole application; no half entry survives", () => {
    const base = incarnations(baseline(5).r);
    const r = faulted(5, [{ group: "A", role: "compute", index: 0, kind: "uncaught-exception", at: { whileElevated: true } }]);
    expect(r.r.app.counters.appRestarts).toBe(1);
    expect(r.r.app.counters.recoveries).toBe(0);
    expect(incarnations(r.r)).toEqual(base.map((g) => g.map((n) => n + 1)));
    const inFlight = [r.a, ...r.others].filter((t) => !settled(t).ok);
    expect(inFlight.length).toBeGreaterThanOrEqual(3);
    for (const t of inFlight) expect(aborted(t).reason).toBe("app-restart");
    const m = r.r.app.memory;
    expect(Array.from({ length: m.lockCount }, (_, l) => m.lockOwner(l))).toEqual([undefined, undefined]);
    const cache = r.r.app.publicObjects.resultCache;
    expect(
      r.r.host
        .memoryOf(0)
        .read(cache, 0, cache.length)
        .every((x) => x === 0),
    ).toBe(true);
    noViolations(r.r);
  });

  test("6. a crash right after privilege is lowered: group-local recovery, the committed value stays readable", () => {
    const r = run(6);
    const w = workload(r);
    r.sim.runFor(10);
    const a0 = r.host.memoryOf(r.app.pidOf("A", "compute", 0));
    const cache = r.app.publicObjects.resultCache;
    a0.update(0, () => a0.write(cache, 0, [42, 43, 44]));
    r.app.injectFault({ group: "A", role: "compute", index: 0, kind: "uncaught-exception" });
    r.sim.runFor(2_000);
    expect(r.app.counters).toMatchObject({ recoveries: 1, appRestarts: 0 });
    for (const g of ["B", "C"])
      expect(r.host.memoryOf(r.app.pidOf(g, "compute", 1)).read(cache, 0, 3)).toEqual(Int32Array.from([42, 43, 44]));
    expect(aborted(w.a).reason).toBe("group-fault");
    noViolations(r);
  });

  test("7. an elevated leader restarts the application, not just its group", () => {
    const r = faulted(7, [{ group: "A", role: "leader", kind: "assertion", at: { whileElevated: true } }]);
    expect(r.r.app.counters).toMatchObject({ appRestarts: 1, recoveries: 0 });
    expect(aborted(r.a)).toMatchObject({ reason: "app-restart", faultingRole: "leader" });
    noViolations(r.r);
  });

  test("8. two faults in A in the same tick: one abort, one arena return, epoch +1, both reforked", () => {
    const base = baseline(8);
    const r = run(8);
    const w = workload(r);
    r.sim.runFor(30);
    const epoch = r.app.group("A").epoch;
    r.app.injectFault({ group: "A", role: "compute", index: 0, kind: "assertion" });
    r.app.injectFault({ group: "A", role: "compute", index: 2, kind: "protection-fault" });
    r.sim.runFor(2_000);
    const ev = r.app.events.filter((e) => e.group === "A");
    expect(ev.filter((e) => e.kind === "jobAborted")).toHaveLength(1);
    expect(ev.filter((e) => e.kind === "arenaReturned")).toHaveLength(1);
    expect(ev.filter((e) => e.kind === "fault")).toHaveLength(2);
    expect(r.app.group("A").epoch).toBe(epoch + 1);
    expect(incarnations(r)[0]).toEqual([1, 2, 1, 2]);
    expect(r.app.memoryStats().byArena.A).toBe(0);
    expect(resultsOf(w.others)).toEqual(resultsOf(base.others));
    noViolations(r);
  });

  test("9. faults in A and B at close times: two recoveries, C's results and completion times match the baseline", () => {
    const base = baseline(9);
    const r = run(9);
    const w = workload(r);
    r.sim.runFor(12);
    r.app.injectFault({ group: "A", role: "compute", index: 1, kind: "uncaught-exception" });
    r.sim.runFor(3);
    r.app.injectFault({ group: "B", role: "leader", kind: "assertion" });
    r.sim.runFor(2_000);
    expect(r.app.counters).toMatchObject({ recoveries: 2, appRestarts: 0 });
    for (const g of ["A", "B"]) expect(r.app.events.filter((e) => e.group === g && e.kind === "arenaReturned")).toHaveLength(1);
    const cOf = (ts: readonly JobTicket[]) => resultsOf(ts.filter((t) => t.group === "C"));
    expect(cOf(w.others)).toEqual(cOf(base.others));
    expect(incarnations(r)[2]).toEqual(incarnations(base.r)[2]);
    noViolations(r);
  });

  test("10. pool pressure: C waits for pages, gets A's returned pages zeroed; A's survivor's old handle faults as stale", () => {
    const r = run(10, { ...CONFIG, poolPages: 240 });
    // A wants more pages than the pool has: it fills the pool and waits
    const a = r.app.submit({ rows: 300 * WORDS_PER_PAGE, seed: 3, chunkRows: WORDS_PER_PAGE }, { group: "A" });
    r.sim.runFor(40);
    const survivor = r.host.memoryOf(r.app.pidOf("A", "compute", 1));
    const old = survivor.alloc(4);
    if (!old) throw new Error("A could not allocate");
    survivor.write(old, 0, [7, 7, 7, 7]);
    r.sim.runFor(100);
    expect(r.app.memoryStats().byArena.A).toBeGreaterThan(240 * 0.9);
    expect(r.app.memoryStats().freePages).toBe(0);
    const cJob = { rows: 20 * WORDS_PER_PAGE, seed: 4, chunkRows: WORDS_PER_PAGE };
    const c = r.app.submit(cJob, { group: "C" });
    r.sim.runFor(100);
    expect(c.outcome).toBeUndefined();
    const c0 = r.app.pidOf("C", "compute", 0);
    const zeroOnClaim: number[] = [];
    r.app.on((e) => {
      if (e.kind !== "arenaReturned") return;
      // the returned pages read as zero before anyone claims them
      for (let p = 0; p < 240; p++)
        if (r.app.memory.ownerWord(p) === 0 && r.app.memory.pageWords(p).some((w) => w !== 0)) zeroOnClaim.push(p);
    });
    r.app.injectFault({ group: "A", role: "compute", index: 0, kind: "protection-fault" });
    r.sim.runFor(2_000);
    expect(zeroOnClaim).toEqual([]);
    expect(aborted(a).faultKind).toBe("protection-fault");
    expect(settled(c)).toMatchObject({ ok: true, result: { sum: expectedSum(cJob) } });
    expect(r.app.incarnation(c0)).toBe(1);
    expect(() => survivor.read(old, 0, 4)).toThrow(/stale-handle/);
    noViolations(r);
  });

  test("restart scope: with the whole-group scope a compute fault restarts all of A; the arena returns either way", () => {
    const r = run(11, { ...CONFIG, computeFaultRestartScope: "whole-group" });
    workload(r);
    r.sim.runFor(20);
    r.app.injectFault({ group: "A", role: "compute", index: 1, kind: "uncaught-exception" });
    r.sim.runFor(2_000);
    expect(incarnations(r)).toEqual([
      [2, 2, 2, 2],
      [1, 1, 1, 1],
      [1, 1, 1, 1],
    ]);
    expect(r.app.events.filter((e) => e.kind === "arenaReturned")).toHaveLength(1);
    noViolations(r);
  });

  test("same seed, same fault plan: the same event log", () => {
    const plan: FaultSpec[] = [{ group: "B", role: "compute", index: 2, kind: "assertion" }];
    const a = faulted(12, plan).r.app.events;
    const b = faulted(12, plan).r.app.events;
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(10);
  });
});

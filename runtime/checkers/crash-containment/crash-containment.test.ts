/**
 * The per-step crash containment checkers (results and timing against the fault-free run, no use after return, restart scope, one recovery per episode) fail when their property is broken: each
 * test plants one bad step (a host that misreports or is slow, a table changed behind the engine's
 * back) or switches on a test-only mutant, and expects that checker, and only through the run, to
 * stop the simulation. A checker that cannot be made to fail would assert nothing.
 */
import { describe, expect, test } from "vitest";
import type { Handle } from "../../processes/access";
import type { ApplicationConfig } from "../../processes/application";
import type { JobOrder } from "../../processes/host";
import { M, P, SharedMemory } from "../../processes/layout";
import { Simulation } from "../../sim/simulation";
import { type SimRigOptions, simApplication } from "./sim-rig";

const CONFIG: ApplicationConfig = {
  pageSize: 4_096,
  poolPages: 128,
  groups: ["A", "B", "C"].map((id) => ({ id, computeProcesses: 3 })),
};
const JOB = (seed: number) => ({ rows: 9_000, seed, chunkRows: 500 });

function rig(seed: number, config: ApplicationConfig = CONFIG, options: SimRigOptions = {}) {
  const sim = new Simulation({ seed, scenario: "processes-checkers" });
  const r = simApplication(sim, config, options);
  for (const g of ["A", "B", "C"]) for (let j = 0; j < 2; j++) r.app.submit(JOB(j), { group: g });
  return { sim, ...r };
}

const failedOn = (sim: Simulation) => (sim.failure as { invariant?: string } | undefined)?.invariant;

/** Wraps the host's `combine` for one group's leader (a planted misbehaving step). */
function plantCombine(r: ReturnType<typeof rig>, group: string, wrap: (sum: number, done: (s: number) => void) => void) {
  const original = r.host.combine.bind(r.host);
  r.host.combine = (pid: number, order: JobOrder, partials: readonly Handle[], done: (sum: number) => void) =>
    original(pid, order, partials, (sum) => (r.app.groupOf(pid).id === group ? wrap(sum, done) : done(sum)));
}

describe("checkers that compare with the fault-free shadow", () => {
  test("an unfaulted run holds against its shadow (the baseline for the planted runs below)", () => {
    const r = rig(1);
    r.app.injectFault({ group: "A", role: "compute", index: 1, kind: "assertion" });
    r.sim.runFor(2_000);
    expect(r.sim.failure).toBeUndefined();
    expect(r.app.counters.recoveries).toBe(1);
    expect(r.shadow?.tickets.size).toBe(6);
  });

  test("a group whose result differs from the fault-free run fails crash-containment/results-match-fault-free", () => {
    const r = rig(2);
    plantCombine(r, "B", (sum, done) => done(sum + 1));
    r.sim.runFor(2_000);
    expect(failedOn(r.sim)).toBe("crash-containment/results-match-fault-free");
  });

  test("an unfaulted group that completes later than the fault-free run fails crash-containment/untouched-groups-on-time at that step", () => {
    const r = rig(3);
    plantCombine(r, "C", (sum, done) => r.app.env.timers.after(5, "planted/slow-combine", () => done(sum)));
    r.sim.runFor(2_000);
    expect(failedOn(r.sim)).toBe("crash-containment/untouched-groups-on-time");
  });

  test("the timing comparison leaves out a group its own fault reached", () => {
    const r = rig(4);
    r.app.injectFault({ group: "C", role: "leader", kind: "uncaught-exception" });
    r.sim.runFor(2_000);
    expect(r.sim.failure).toBeUndefined();
  });
});

describe("no use after return", () => {
  test("a read through a stale handle that the accessor let through (mutant) fails crash-containment/no-use-after-return", () => {
    const r = rig(5, CONFIG, { mutants: { skipStaleCheck: true } });
    const survivor = r.host.memoryOf(r.app.pidOf("A", "compute", 1));
    r.sim.runFor(3);
    const old = survivor.alloc(4);
    if (!old) throw new Error("no page");
    r.app.injectFault({ group: "A", role: "compute", index: 0, kind: "uncaught-exception" });
    r.sim.runFor(300);
    expect(r.sim.failure).toBeUndefined();
    survivor.read(old, 0, 4);
    expect(r.checks.violations.get("crash-containment/no-use-after-return")).toMatch(
      /through a handle of arena \d+ epoch \d+; the arena is at epoch/,
    );
  });

  test("pages returned without zeroing (mutant noScrub) fail crash-containment/no-use-after-return", () => {
    const r = rig(6, { ...CONFIG, mutants: { noScrub: true } });
    r.sim.runFor(2_000);
    expect(failedOn(r.sim)).toBe("crash-containment/no-use-after-return");
    expect(r.checks.noLockLeaks()).toBeUndefined();
  });

  test("an arena freed while a removed process still runs (planted early return) fails crash-containment/no-use-after-return", () => {
    const r = rig(7);
    const victim = r.app.pidOf("A", "compute", 2);
    // kills land a little later, as a worker's terminate does
    const kill = r.host.kill.bind(r.host);
    r.host.kill = (pid, done) => r.app.env.timers.after(2, "planted/slow-kill", () => kill(pid, done));
    r.app.on((e) => {
      if (e.kind !== "remove" || e.pid !== victim) return;
      const arena = r.app.group("A").arena;
      r.app.memory.fenceArena(arena);
      r.app.memory.releaseFenced(arena);
    });
    r.sim.runFor(3);
    r.app.injectFault({ group: "A", role: "compute", index: 2, kind: "assertion" });
    r.sim.runFor(2_000);
    expect(failedOn(r.sim)).toBe("crash-containment/no-use-after-return");
    expect(r.sim.failure).toMatchObject({ message: expect.stringMatching(/removed, not yet killed/) });
  });

  test("a group epoch that goes back (planted) fails crash-containment/no-use-after-return", () => {
    const r = rig(8);
    r.app.env.timers.after(5, "planted/epoch-back", () => {
      r.app.group("B").epoch--;
    });
    r.sim.runFor(100);
    expect(failedOn(r.sim)).toBe("crash-containment/no-use-after-return");
  });
});

describe("restart scope and one recovery per episode", () => {
  test("a process outside the restart scope with a new incarnation (planted) fails crash-containment/restart-scope", () => {
    const r = rig(9);
    const bystander = r.app.pidOf("A", "compute", 0);
    r.app.on((e) => {
      if (e.kind === "arenaReturned" && e.group === "A") r.app.memory.addProc(bystander, P.incarnation, 1);
    });
    r.sim.runFor(3);
    r.app.injectFault({ group: "A", role: "compute", index: 2, kind: "assertion" });
    r.sim.runFor(2_000);
    expect(failedOn(r.sim)).toBe("crash-containment/restart-scope");
  });

  test("a recovery that moves the group epoch twice (planted) fails crash-containment/one-recovery-per-episode", () => {
    const r = rig(10);
    r.app.on((e) => {
      if (e.kind === "arenaReturned" && e.group === "A") r.app.group("A").epoch++;
    });
    r.sim.runFor(3);
    r.app.injectFault({ group: "A", role: "compute", index: 1, kind: "protection-fault" });
    r.sim.runFor(2_000);
    expect(failedOn(r.sim)).toBe("crash-containment/one-recovery-per-episode");
  });

  test("a second application restart while one runs (planted) fails crash-containment/one-recovery-per-episode", () => {
    const r = rig(11);
    let planted = false;
    r.app.on((e) => {
      if (e.kind !== "appRestart" || planted) return;
      planted = true;
      r.app.restarting = false;
      r.app.restartAll("assertion", "compute");
    });
    r.sim.runFor(3);
    r.app.injectFault({ group: "B", role: "compute", index: 0, kind: "assertion", at: { whileElevated: true } });
    r.sim.runFor(2_000);
    expect(r.checks.violations.get("crash-containment/one-recovery-per-episode")).toMatch(/second application restart/);
  });
});

describe("application restart judged from the host's evidence", () => {
  test("every fault restarting the application (mutant restartEveryFault) fails crash-containment/app-restart-iff-elevated, though the engine logs its privilege check as unsafe", () => {
    const r = rig(12, CONFIG, {});
    const planted = rig(12, { ...CONFIG, mutants: { restartEveryFault: true } });
    for (const x of [r, planted]) {
      x.sim.runFor(3);
      x.app.injectFault({ group: "A", role: "compute", index: 1, kind: "assertion" });
      x.sim.runFor(2_000);
    }
    expect(r.sim.failure).toBeUndefined();
    expect(r.app.counters).toMatchObject({ recoveries: 1, appRestarts: 0 });
    // the planted engine says "unsafe" in its own log; the checker does not take its word
    expect(planted.app.events.some((e) => e.kind === "privilege" && e.privilege === "unsafe")).toBe(true);
    expect(failedOn(planted.sim)).toBe("crash-containment/app-restart-iff-elevated");
    expect(planted.sim.failure).toMatchObject({ message: expect.stringMatching(/no process the host saw fault was elevated/) });
  });

  test("an elevated fault the engine takes for an unelevated one (its mailbox read planted) fails crash-containment/app-restart-iff-elevated: the group recovered alone", () => {
    const r = rig(13);
    const onMailbox = r.app.onMailbox.bind(r.app);
    r.app.onMailbox = (pid) => {
      // the engine reads the record with its elevated flag cleared; the host saw it elevated
      Atomics.store(r.app.memory.words, r.app.memory.mailboxIndex(pid) + M.elevated, 0);
      onMailbox(pid);
    };
    r.sim.runFor(3);
    // an explicit grant of privilege (no public lock, so no lock is left behind by the planted path)
    r.app.memory.setProc(r.app.pidOf("B", "compute", 0), P.elevated, 1);
    r.app.injectFault({ group: "B", role: "compute", index: 0, kind: "uncaught-exception" });
    r.sim.runFor(2_000);
    expect(r.app.counters.appRestarts).toBe(0);
    expect(r.checks.violations.get("crash-containment/app-restart-iff-elevated")).toMatch(
      /faulted while elevated and started again, but processes .* were never killed/,
    );
  });

  test("a host lost with its zone kills every process without a fault, and that is no restart", () => {
    const r = rig(14);
    r.sim.runFor(3);
    r.loseHost();
    r.sim.runFor(100);
    expect(r.checks.violations.get("crash-containment/app-restart-iff-elevated")).toBeUndefined();
  });
});

describe("the arena's fence on group recovery", () => {
  /**
   * A's compute 1 keeps a handle into the job its group's fault aborts; A's next job takes the
   * handle's page back into A's own arena; then compute 1 reads through the old handle.
   */
  function survivorReadsAfterReuse(config: ApplicationConfig) {
    const sim = new Simulation({ seed: 15, scenario: "processes-checkers" });
    const r = simApplication(sim, config);
    r.app.submit(JOB(1), { group: "A" });
    sim.runFor(3);
    const survivor = r.host.memoryOf(r.app.pidOf("A", "compute", 1));
    const old = survivor.alloc(4);
    if (!old) throw new Error("no page");
    survivor.write(old, 0, [7, 7, 7, 7]);
    r.app.injectFault({ group: "A", role: "compute", index: 0, kind: "assertion" });
    sim.runFor(1_000);
    expect(r.app.group("A").state).toBe("normal");
    const next = r.app.submit({ rows: 60_000, seed: 5, chunkRows: 1_000 }, { group: "A" });
    const arena = r.app.group("A").arena;
    while (!next.outcome && SharedMemory.arenaOf(r.app.memory.ownerWord(old.page)) !== arena) sim.runFor(1);
    // the page is A's again, in the next job: no other group reclaimed it
    expect(SharedMemory.arenaOf(r.app.memory.ownerWord(old.page))).toBe(arena);
    expect(next.outcome).toBeUndefined();
    return { r, read: () => survivor.read(old, 0, 4) };
  }

  test("a survivor's old handle faults as stale even when A's next job has taken its page back (the fence, not a reclaim by another group)", () => {
    const { r, read } = survivorReadsAfterReuse(CONFIG);
    expect(read).toThrow(/stale-handle/);
    expect([...r.checks.violations]).toEqual([]);
  });

  test("without the fence (mutant noRecoveryFence) the old handle reads the next job's page, and crash-containment/no-use-after-return says so", () => {
    const { r, read } = survivorReadsAfterReuse({ ...CONFIG, mutants: { noRecoveryFence: true } });
    expect([...read()]).not.toEqual([7, 7, 7, 7]);
    expect(r.checks.violations.get("crash-containment/no-use-after-return")).toMatch(/used before the page went back to the pool/);
  });
});

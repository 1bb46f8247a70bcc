/**
 * Crash containment in `emulate` (the `group-crash` scenario): a processing application of three groups (a
 * leader and 3 compute processes each) on the emulated host's shared memory. At the scenario's
 * start a compute process of one group and the leader of another fault mid-job (group-local
 * recoveries); a minute later a process faults inside an elevation scope (an application restart).
 * Jobs run only around those instants and once more after each recovery (crash-containment/fresh-job-after-recovery), so a run costs
 * a few hundred events. The groups are invented: `group-crash` does the same whatever the plan.
 *
 * When the compute-faulted group is back, one of its surviving compute processes still holds a
 * handle into the aborted job's pages (a pointer kept past its job): while the group's next job
 * runs, that process reads through it. The arena's fence must make the read fault as stale (a
 * third group recovery); `crash-containment/no-use-after-return` judges from its own watch of the
 * page table that no such read got through.
 *
 * Under `az-outage`, a plan that tags processing nodes gets its groups on emulated hosts in the
 * nodes' zones instead (`processing-hosts.ts`). Other scenarios, and az-outage over a plan without
 * processing nodes, do not strike processes: the component stays out of them.
 */
import { freshJobAfterRecovery } from "../checkers/crash-containment";
import { simApplication } from "../checkers/crash-containment/sim-rig";
import type { Handle } from "../processes/access";
import type { JobTicket } from "../processes/application";
import type { FaultKind } from "../processes/errors";
import { SharedMemory } from "../processes/layout";
import { expectedSum, type JobSpec } from "../processes/workload";
import type { ComponentDefinition } from "../scenarios/registry";
import { applicationMutants, attachProcessingHosts } from "./processing-hosts";

export const GROUP_CRASH_SCENARIO = "group-crash";
const AZ_OUTAGE_SCENARIO = "az-outage";
const GROUPS = ["A", "B", "C"] as const;
const KINDS: readonly FaultKind[] = ["protection-fault", "uncaught-exception", "assertion"];
/** Small pages keep the host cheap: 64 pages of 4 KiB. */
const JOB: JobSpec = { rows: 6_000, seed: 2, chunkRows: 500 };
/** Half of the scenario's written 2-minute window (profiles divide written durations). */
const ESCALATION_AFTER_MS = 60_000;
/**
 * The job the survivor's stale read strikes: 45 pages of rows (one 1,000-row chunk per page) of the
 * 63 the idle groups leave free, so it likely takes the old handle's page back.
 */
const NEXT_JOB: JobSpec = { rows: 45_000, seed: 3, chunkRows: 1_000 };

export const PROCESSES_COMPONENT: ComponentDefinition = {
  name: "processing-groups",
  description: "processing groups in shared memory; the group-crash scenario faults processes in them",
  attach(ctx) {
    const nodes = ctx.topology.processingNodes ?? [];
    if (ctx.scenario === AZ_OUTAGE_SCENARIO && nodes.length) {
      for (const n of nodes)
        ctx.model({
          resource: n.address,
          component: "processing-groups",
          what: `${n.groups} processing group(s) on the node's host, relocated when its zone is lost`,
          ids: [n.address],
          zones: n.zones,
        });
      attachProcessingHosts(ctx, nodes);
      return;
    }
    if (ctx.scenario !== GROUP_CRASH_SCENARIO) {
      ctx.notRun(
        nodes.length
          ? `it runs the plan's processing nodes in az-outage and its own groups in group-crash; ${ctx.scenario} is neither`
          : `the plan holds no processing node, and it runs its own groups only in the group-crash scenario`,
      );
      return;
    }
    // The scenario asks for this model by name; its groups are its own, not the plan's.
    ctx.model({
      resource: "(group-crash's own processing groups A, B, C)",
      component: "processing-groups",
      what: "three processing groups in shared memory whose processes fault",
      ids: [],
      zones: [],
      scenarios: [GROUP_CRASH_SCENARIO],
    });
    const random = ctx.env.random.fork("processing-groups");
    // refork latency (20–200 ms) scales with the profile like every other timing
    const scaled = (ms: number) => Math.max(1, Math.round(ms / ctx.profile.scenarioTimeDivisor));
    const mutants = applicationMutants(ctx.mutants);
    const { app, host } = simApplication(ctx.sim, {
      reforkMs: [scaled(20), scaled(200)],
      pageSize: 4_096,
      poolPages: 64,
      groups: GROUPS.map((id) => ({ id, computeProcesses: 3 })),
      ...(mutants ? { mutants } : {}),
    });
    const fresh: JobTicket[] = [];
    const runJobs = () => {
      for (const g of GROUPS) app.submit(JOB, { group: g });
    };
    const [first, second] = random.shuffle([...GROUPS]) as [string, string, string];
    const faulted = random.int(3);
    // a surviving compute process of `first` and the handle it wrote through in the job its fault aborts
    let kept: { readonly index: number; readonly handle: Handle } | undefined;
    // after every recovery and restart, each group proves itself with a fresh job — except that
    // `first`'s first return runs the job its survivor's stale read will strike
    app.on((e) => {
      if (e.kind === "groupNormal" && e.group === first && kept) {
        const { index, handle } = kept;
        kept = undefined;
        const arena = app.group(first).arena;
        const others = app.groups.filter((g) => g.id !== first);
        // the next job starts once the other groups are idle, so it takes most of the pool — the old
        // handle's page likely among it
        const whenQuiet = () => {
          if (others.some((g) => g.job || g.queue.length || g.state !== "normal")) {
            ctx.sim.at(ctx.sim.nowMs + 1, "processing-groups/next-job", whenQuiet);
            return;
          }
          const next = app.submit(NEXT_JOB, { group: first });
          // the read comes once the next job has taken the old page back into the arena (then only
          // the fence tells the old handle from a new one), or as that job ends if it never does
          const strike = () => {
            if (next.outcome === undefined && SharedMemory.arenaOf(app.memory.ownerWord(handle.page)) !== arena) {
              ctx.sim.at(ctx.sim.nowMs + 1, "processing-groups/stale-read", strike);
              return;
            }
            app.injectFault({ group: first, role: "compute", index, kind: "protection-fault", via: handle, access: "read" });
          };
          strike();
        };
        whenQuiet();
        return;
      }
      if (e.kind === "groupNormal" && e.group) fresh.push(app.submit(JOB, { group: e.group }));
      if (e.kind === "appRunning") for (const g of GROUPS) fresh.push(app.submit(JOB, { group: g }));
    });
    const divisor = ctx.profile.scenarioTimeDivisor;
    const escalateAt = ctx.startAtMs + Math.round(ESCALATION_AFTER_MS / divisor);
    ctx.sim.at(ctx.startAtMs, "processing-groups/jobs", runJobs);
    ctx.sim.at(ctx.startAtMs + 3, "processing-groups/faults", () => {
      const index = (faulted + 1 + random.int(2)) % 3;
      const handle = host.lastWriteOf(app.pidOf(first, "compute", index));
      if (handle) kept = { index, handle };
      app.injectFault({ group: first, role: "compute", index: faulted, kind: random.pick(KINDS) });
      app.injectFault({ group: second, role: "leader", kind: random.pick(KINDS) });
    });
    ctx.sim.at(escalateAt, "processing-groups/jobs", runJobs);
    ctx.sim.at(escalateAt + 3, "processing-groups/elevated-fault", () => {
      app.injectFault({
        group: random.pick(GROUPS),
        role: "compute",
        index: random.int(3),
        kind: random.pick(KINDS),
        at: { whileElevated: true },
      });
    });
    ctx.sim.checkers.add(freshJobAfterRecovery(fresh, expectedSum(JOB)));
    ctx.contribute("processing-groups", () => ({ groups: { ...app.counters } }));
  },
};

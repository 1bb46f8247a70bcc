/**
 * Crash containment in `emulate` (the `group-crash` scenario): a processing application of three groups (a
 * leader and 3 compute processes each) on the emulated host's shared memory. At the scenario's
 * start a compute process of one group and the leader of another fault mid-job (group-local
 * recoveries); a minute later a process faults inside an elevation scope (an application restart).
 * Jobs run only around those instants and once more after each recovery (crash-containment/fresh-job-after-recovery), so a run costs
 * a few hundred events. The groups are invented: `group-crash` does the same whatever the plan.
 *
 * Under `az-outage`, a plan that tags processing nodes gets its groups on emulated hosts in the
 * nodes' zones instead (`processing-hosts.ts`). Other scenarios, and az-outage over a plan without
 * processing nodes, do not strike processes: the component stays out of them.
 */
import { freshJobAfterRecovery } from "../checkers/crash-containment";
import { simApplication } from "../checkers/crash-containment/sim-rig";
import type { JobTicket } from "../processes/application";
import type { FaultKind } from "../processes/errors";
import { expectedSum, type JobSpec } from "../processes/workload";
import type { ComponentDefinition } from "../scenarios/registry";
import { attachProcessingHosts } from "./processing-hosts";

export const GROUP_CRASH_SCENARIO = "group-crash";
const AZ_OUTAGE_SCENARIO = "az-outage";
const GROUPS = ["A", "B", "C"] as const;
const KINDS: readonly FaultKind[] = ["protection-fault", "uncaught-exception", "assertion"];
/** Small pages keep the host cheap: 64 pages of 4 KiB. */
const JOB: JobSpec = { rows: 6_000, seed: 2, chunkRows: 500 };
/** Half of the scenario's written 2-minute window (profiles divide written durations). */
const ESCALATION_AFTER_MS = 60_000;

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
    if (ctx.scenario !== GROUP_CRASH_SCENARIO) return;
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
    const { app } = simApplication(ctx.sim, {
      reforkMs: [scaled(20), scaled(200)],
      pageSize: 4_096,
      poolPages: 64,
      groups: GROUPS.map((id) => ({ id, computeProcesses: 3 })),
    });
    const fresh: JobTicket[] = [];
    const runJobs = () => {
      for (const g of GROUPS) app.submit(JOB, { group: g });
    };
    // after every recovery and restart, each group proves itself with a fresh job
    app.on((e) => {
      if (e.kind === "groupNormal" && e.group) fresh.push(app.submit(JOB, { group: e.group }));
      if (e.kind === "appRunning") for (const g of GROUPS) fresh.push(app.submit(JOB, { group: g }));
    });
    const divisor = ctx.profile.scenarioTimeDivisor;
    const escalateAt = ctx.startAtMs + Math.round(ESCALATION_AFTER_MS / divisor);
    const [first, second] = random.shuffle([...GROUPS]);
    ctx.sim.at(ctx.startAtMs, "processing-groups/jobs", runJobs);
    ctx.sim.at(ctx.startAtMs + 3, "processing-groups/faults", () => {
      app.injectFault({ group: first as string, role: "compute", index: random.int(3), kind: random.pick(KINDS) });
      app.injectFault({ group: second as string, role: "leader", kind: random.pick(KINDS) });
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

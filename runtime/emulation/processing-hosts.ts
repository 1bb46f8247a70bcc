/**
 * Crash containment under `az-outage` when the plan tags processing nodes (`resilience:role = processing`):
 * each node is an emulated host with its own shared memory and its groups (from its tags). Just
 * before the outage every group starts a job; when the zone goes dark, every host in it is lost
 * with its memory — its jobs abort with `JobAbortedError` (`host-lost`), there is no signalling to
 * run — while hosts in other zones finish theirs and take another. A node that may run in another
 * zone (an Auto Scaling group over several) is replaced there after the replacement and launch
 * time, and its groups start afresh and run a job; a single-zone node's groups are reported lost.
 * A few dozen events per host, so campaigns stay cheap. With BUGGIFY on (campaigns), a host that
 * stayed up may also see a process fault once its groups are idle — alone (a group recovery) or
 * while elevated (an application restart) — and then runs a job per group that must complete.
 */
import { groupsPlacedAfterZoneLoss } from "../checkers/crash-containment";
import { type SimApplication, simApplication } from "../checkers/crash-containment/sim-rig";
import type { ProcessingHostRow } from "../contract/emulation-result";
import type { ProcessingNode } from "../plan/processing-nodes";
import type { ApplicationMutants, JobTicket } from "../processes/application";
import { expectedSum, type JobSpec } from "../processes/workload";
import type { EmulationContext } from "../scenarios/registry";
import type { Checker, Verdict } from "../sim/checker";

const JOB: JobSpec = { rows: 6_000, seed: 2, chunkRows: 500 };
/** Pages per group: a job of JOB's size claims about ten 4 KiB pages. */
const PAGES_PER_GROUP = 16;
/** Jobs start this long before the outage, so they are in flight when it strikes. */
const LEAD_MS = 3;
/** A second fault waits at most this many 1 ms polls for the host's groups to go idle. */
const SECOND_FAULT_POLLS_MAX = 10_000;

interface Host {
  readonly node: ProcessingNode;
  readonly zone: string | undefined;
  rig: SimApplication;
  state: ProcessingHostRow["state"];
  relocatedTo?: string;
  /** Jobs that must complete (on hosts that stayed up, and fresh ones after a relocation). */
  readonly mustComplete: JobTicket[];
  /** Jobs in flight or queued when the host was lost: each must end `host-lost`. */
  readonly mustAbort: JobTicket[];
}

export function attachProcessingHosts(ctx: EmulationContext, nodes: readonly ProcessingNode[]): void {
  const random = ctx.env.random.fork("processing-hosts");
  const scaled = (ms: number) => Math.max(1, Math.round(ms / ctx.profile.scenarioTimeDivisor));
  // every rig of the run, a relocated node's old one included: the checkers run over all of them
  const rigs: { readonly label: string; readonly checkers: ReadonlyMap<string, Checker> }[] = [];
  const mutants = applicationMutants(ctx.mutants);
  const rigFor = (node: ProcessingNode) => {
    const rig = simApplication(
      ctx.sim,
      {
        ...(mutants ? { mutants } : {}),
        reforkMs: [scaled(20), scaled(200)],
        pageSize: 4_096,
        poolPages: PAGES_PER_GROUP * node.groups + 1,
        groups: Array.from({ length: node.groups }, (_, i) => ({ id: `${node.address}#${i}`, computeProcesses: node.computeProcesses })),
      },
      // the fault-free shadow would double every host for no comparison: a lost host has none
      { shadow: false, register: false },
    );
    rigs.push({ label: node.address, checkers: new Map(rig.checks.checkers().map((c) => [c.id, c])) });
    return rig;
  };
  const hosts: Host[] = nodes.map((node) => ({
    node,
    zone: node.zones.length ? random.pick(node.zones) : undefined,
    rig: rigFor(node),
    state: "up",
    mustComplete: [],
    mustAbort: [],
  }));
  const submitAll = (h: Host, into: JobTicket[]) => {
    for (const g of h.rig.app.groups) into.push(h.rig.app.submit(JOB, { group: g.id }));
  };

  const faults = ctx.env.random.fork("processing-hosts/second-faults");
  /**
   * Once the host's groups are idle (so no job is aborted by it), one of its processes faults —
   * while elevated, or not — and the groups prove themselves afterwards with a job each that must
   * complete: the group recovery, or the application restart, is judged by the crash containment
   * checkers on this host like any other.
   */
  const secondFault = (h: Host, elevated: boolean) => {
    const { app } = h.rig;
    const rig = h.rig;
    let polls = 0;
    const strike = () => {
      if (h.rig !== rig || app.lost) return;
      const busy = app.restarting || app.groups.some((g) => g.job || g.queue.length || g.state !== "normal");
      if (busy && ++polls < SECOND_FAULT_POLLS_MAX) {
        ctx.sim.at(ctx.sim.nowMs + 1, "processing-hosts/second-fault", strike);
        return;
      }
      if (busy) return;
      const group = faults.pick(app.groups).id;
      let answered = false;
      app.on((e) => {
        if (answered || !((e.kind === "groupNormal" && e.group === group) || e.kind === "appRunning")) return;
        answered = true;
        submitAll(h, h.mustComplete);
      });
      app.injectFault({
        group,
        role: "compute",
        index: faults.int(h.node.computeProcesses),
        kind: faults.pick(["protection-fault", "uncaught-exception", "assertion"] as const),
        ...(elevated ? { at: { whileElevated: true } as const } : {}),
      });
    };
    strike();
  };

  const jobsAt = Math.max(0, ctx.startAtMs - LEAD_MS);
  ctx.sim.at(jobsAt, "processing-hosts/jobs", () => {
    for (const h of hosts) submitAll(h, h.zone === ctx.az ? h.mustAbort : h.mustComplete);
  });
  ctx.sim.at(ctx.startAtMs, "processing-hosts/zone-lost", () => {
    for (const h of hosts) {
      if (h.zone !== ctx.az) {
        // hosts elsewhere take more work during the outage
        submitAll(h, h.mustComplete);
        // BUGGIFY: a process on a host that stayed up faults too, alone or while elevated
        if (ctx.env.buggify("processing-host-group-fault")) secondFault(h, false);
        else if (ctx.env.buggify("processing-host-elevated-fault")) secondFault(h, true);
        continue;
      }
      h.rig.loseHost();
      const elsewhere = h.node.zones.filter((z) => z !== ctx.az);
      if (!elsewhere.length) {
        h.state = "lost";
        continue;
      }
      const to = random.pick(elsewhere);
      const p = ctx.profile;
      const delay = random.between(p.asgReplaceMs.minMs, p.asgReplaceMs.maxMs) + random.between(p.ec2LaunchMs.minMs, p.ec2LaunchMs.maxMs);
      ctx.sim.at(ctx.sim.nowMs + delay, "processing-hosts/relocated", () => {
        h.rig = rigFor(h.node);
        h.state = "relocated";
        h.relocatedTo = to;
        submitAll(h, h.mustComplete);
      });
    }
  });

  for (const c of combinedCheckers(rigs)) ctx.sim.checkers.add(c);
  ctx.sim.checkers.add(
    groupsPlacedAfterZoneLoss(
      () => hosts.map((h) => ({ address: h.node.address, state: h.state, mustComplete: h.mustComplete, mustAbort: h.mustAbort })),
      ctx.az,
      expectedSum(JOB),
    ),
  );
  ctx.contribute("processing-groups", () => {
    const total = { recoveries: 0, appRestarts: 0, pagesReturned: 0 };
    for (const h of hosts) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += h.rig.app.counters[k];
    return {
      groups: {
        ...total,
        jobsAbortedHostLost: hosts.reduce((n, h) => n + h.mustAbort.filter((t) => t.outcome?.ok === false).length, 0),
        hosts: hosts.map((h) => ({
          node: h.node.address,
          zone: h.zone ?? null,
          groups: h.node.groups,
          state: h.state,
          ...(h.relocatedTo ? { relocatedTo: h.relocatedTo } : {}),
        })),
      },
    };
  });
}

/** One checker per invariant id over every rig (ids must be unique in a run), rigs started later included. */
function combinedCheckers(rigs: readonly { readonly label: string; readonly checkers: ReadonlyMap<string, Checker> }[]): Checker[] {
  const first = rigs[0];
  if (!first) return [];
  const over =
    (id: string, hook: "afterEvent" | "atEnd"): (() => Verdict) =>
    () => {
      for (const r of rigs) {
        const v = r.checkers.get(id)?.[hook]?.();
        if (v) return `${r.label}: ${v}`;
      }
      return undefined;
    };
  return [...first.checkers.values()].map((c) => ({
    id: c.id,
    ...(c.afterEvent ? { afterEvent: over(c.id, "afterEvent") } : {}),
    ...(c.atEnd ? { atEnd: over(c.id, "atEnd") } : {}),
  }));
}

/** The `processes.*` test-only switches a run was given, as the engine's mutants (undefined when none). */
export function applicationMutants(names: ReadonlySet<string>): ApplicationMutants | undefined {
  const m: ApplicationMutants = {
    ...(names.has("processes.restartEveryFault") ? { restartEveryFault: true } : {}),
    ...(names.has("processes.noRecoveryFence") ? { noRecoveryFence: true } : {}),
  };
  return Object.keys(m).length ? m : undefined;
}

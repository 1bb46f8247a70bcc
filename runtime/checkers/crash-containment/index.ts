/**
 * The crash containment invariants over one processing application. Most are fed by the engine's
 * event log and by every access the accessor let through (`onWrite`/`onRead`), as it happens; two
 * compare with the fault-free shadow when one is attached; three look at the page, process and lock
 * tables after each event or at the end.
 *
 * What cannot be a per-step checker, and who covers it:
 * - A recovered group completing a fresh job needs a job submitted after the recovery:
 *   `crash-containment/groups-back-to-normal` checks at the end that every group converged, and the emulate
 *   component's `crash-containment/fresh-job-after-recovery` and the scenario tests submit one.
 * - On real worker threads, equal latency is a wall-clock bound, not an equality: checking it per
 *   step would be a timed assertion; `bench/suites/processes.ts` measures it. The workers' accesses
 *   are not observed there (the accessor runs in the worker); the event checkers still run.
 */
import type { ProcessingApplication } from "../../processes/application";
import type { FaultFreeShadow } from "../../processes/shadow";
import type { SimHost } from "../../processes/sim-host";
import type { Checker } from "../../sim/checker";
import type { Simulation } from "../../sim/simulation";
import { restartAppIffElevated } from "./app-restart-iff-elevated";
import { ContainmentWatch } from "./containment-watch";
import type { EventFedChecker } from "./event-fed";
import { faultStaysInGroup } from "./fault-stays-in-group";
import { groupsBackToNormal } from "./groups-back-to-normal";
import { jobSettlesOnce } from "./job-settles-once";
import { noLockLeaks } from "./no-lock-leaks";
import { noUseAfterReturn } from "./no-use-after-return";
import { noWritesAfterFault } from "./no-writes-after-fault";
import { oneRecoveryPerEpisode } from "./one-recovery-per-episode";
import { accessOwnArenaOnly } from "./own-arena-only";
import { pagesConserved } from "./pages-conserved";
import { publicWritesElevated } from "./public-writes-elevated";
import { restartScope } from "./restart-scope";
import { resultsMatchFaultFree } from "./results-match-fault-free";
import { signallingOrder } from "./signalling-order";
import { untouchedGroupsOnTime } from "./untouched-groups-on-time";

export { freshJobAfterRecovery } from "./fresh-job-after-recovery";
export { groupsPlacedAfterZoneLoss } from "./groups-survive-zone-loss";

/** Every checker over one application, in the order they are registered. */
export class ProcessCheckers {
  private readonly watch: ContainmentWatch;
  private readonly eventFed: readonly EventFedChecker[];
  private readonly tables: { readonly pages: Checker; readonly locks: Checker; readonly normal: Checker };
  private shadowCheckers: readonly Checker[] = [];
  /** Every write the accessor let through. */
  readonly onWrite: ContainmentWatch["onWrite"];
  /** Every read the accessor let through. */
  readonly onRead: ContainmentWatch["onRead"];
  /** Give to the host: the faults, kills and starts it sees are the checkers' independent evidence. */
  readonly witness: ContainmentWatch["witness"];

  constructor(readonly app: ProcessingApplication) {
    const watch = new ContainmentWatch(app);
    this.watch = watch;
    this.onWrite = watch.onWrite;
    this.onRead = watch.onRead;
    this.witness = watch.witness;
    this.eventFed = [
      faultStaysInGroup(watch),
      noUseAfterReturn(watch),
      accessOwnArenaOnly(watch),
      publicWritesElevated(watch),
      restartAppIffElevated(watch),
      jobSettlesOnce(watch),
      noWritesAfterFault(watch),
      signallingOrder(watch),
      restartScope(watch),
      oneRecoveryPerEpisode(watch),
    ];
    this.tables = { pages: pagesConserved(app), locks: noLockLeaks(app), normal: groupsBackToNormal(app) };
  }

  /** The caller is about to lose the host with its zone: the kills that follow are the loss's. */
  hostLost(): void {
    this.watch.hostLostByCaller = true;
  }

  /** Compares the run with its fault-free shadow from now on. */
  attachShadow(shadow: FaultFreeShadow, realHost: SimHost): void {
    this.watch.attachShadow(shadow, realHost);
    this.shadowCheckers = [resultsMatchFaultFree(this.watch), untouchedGroupsOnTime(this.watch)];
  }

  /** The first violation each event-fed invariant recorded, by id. */
  get violations(): ReadonlyMap<string, string> {
    const out = new Map<string, string>();
    for (const c of this.eventFed) {
      const v = c.recorded();
      if (v !== undefined) out.set(c.id, v);
    }
    return out;
  }

  register(sim: Simulation): void {
    for (const c of this.checkers()) sim.checkers.add(c);
  }

  checkers(): Checker[] {
    return [...this.eventFed, ...this.shadowCheckers, this.tables.pages, this.tables.locks, this.tables.normal];
  }

  /** Free pages plus every arena's equal the pool now (undefined), or what is wrong. */
  pagesConserved(): string | undefined {
    return this.tables.pages.afterEvent?.() ?? undefined;
  }

  /** No public lock is held by a dead process now (undefined), or which one is. */
  noLockLeaks(): string | undefined {
    return this.tables.locks.afterEvent?.() ?? undefined;
  }
}

/** Every id the checkers of one application report (the emulate component adds `crash-containment/fresh-job-after-recovery`). */
export const PROCESS_INVARIANTS: readonly string[] = [
  "crash-containment/fault-stays-in-group",
  "crash-containment/no-use-after-return",
  "crash-containment/own-arena-only",
  "crash-containment/public-writes-elevated",
  "crash-containment/app-restart-iff-elevated",
  "crash-containment/job-settles-once",
  "crash-containment/no-writes-after-fault",
  "crash-containment/signalling-order",
  "crash-containment/restart-scope",
  "crash-containment/one-recovery-per-episode",
  "crash-containment/results-match-fault-free",
  "crash-containment/untouched-groups-on-time",
  "crash-containment/pages-conserved",
  "crash-containment/no-lock-leaks",
  "crash-containment/groups-back-to-normal",
];

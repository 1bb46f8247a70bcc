/**
 * The failover pair's checkers judge, after an event, only the pairs it may have changed (its
 * footprint) and those whose time-based verdict has come due. The shadow run is the same emulation
 * with the footprint withheld, so every checker judges every pair after every event, as before:
 * both must report the same invariants, first violations (step, time, message), events and trace.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { auroraFleet } from "../bench/suites/scale";
import { emulateInternal } from "../runtime/emulation/emulate";
import { planFromJson } from "../runtime/plan";
import { Checkers } from "../runtime/sim/checkers";
import { MIN, pairHarness, SECOND, ZONES } from "./helpers/pair";

const fleet = planFromJson(JSON.parse(auroraFleet(3)));
const MUTANTS = [
  undefined,
  "db.noFence",
  "db.promoteBeforeDetection",
  "db.ackBeforeCommit",
  "db.proxyLeftOnOld",
  "db.skipSync",
  "db.noOrphanCheck",
  "db.pairCopiesWriterShape",
  "db.retriesFirst",
];

function run(scenario: string, mutant: string | undefined, seed: number) {
  const r = emulateInternal({ topology: fleet, scenario, seed, profile: "fast", ...(mutant ? { mutants: [mutant] } : {}) });
  return { events: r.result.events, traceHash: r.report.traceHash, invariants: r.result.invariants };
}

/** `go()` with every checker judging every pair after every event. */
function shadow<T>(go: () => T): T {
  const afterEvent = Checkers.prototype.afterEvent;
  const spy = vi.spyOn(Checkers.prototype, "afterEvent").mockImplementation(function (this: Checkers, step, atMs) {
    return afterEvent.call(this, step, atMs);
  });
  try {
    return go();
  } finally {
    spy.mockRestore();
  }
}

/** The neighbour's period: far shorter than the pair's 1 s tick. */
const NEIGHBOUR_MS = 50;

/**
 * One pair beside a busy neighbour (a timer of another scope every 50 ms, so most events leave
 * the pair alone); the supporting cluster's network is changed by hand at 30 s and never
 * synced (skipSync), and after T_sync zone a loses power with the endpoint never repointed
 * (proxyLeftOnOld): verdicts that turn with time alone must turn at the same event as when every
 * pair is judged.
 */
function busyNeighbour() {
  const h = pairHarness({ seed: 1, keepGoing: true, trace: false, mutants: { skipSync: true, proxyLeftOnOld: true } });
  h.sim.env.timers.every(NEIGHBOUR_MS, "neighbour", () => {}, { background: true, scope: {} });
  const plantAt = 30 * SECOND;
  h.sim.at(plantAt, "the supporting cluster's network changes", () => {
    const s = h.pair.controlPlane.supporting;
    if (s) s.config = { ...s.config, network: ["sg-elsewhere"] };
  });
  const syncMs = h.pair.spec.timing.syncMs;
  h.sim.at(plantAt + 2 * syncMs, "zone a loses power", () => h.sim.faults.powerLoss(ZONES[0], { forMs: 3 * MIN }));
  const report = h.run(plantAt + 2 * syncMs + 4 * MIN, 2 * MIN);
  return { plantAt, syncMs, events: report.events, invariants: report.invariants };
}

afterEach(() => vi.restoreAllMocks());

describe("judging only what an event touched finds what judging every pair finds", () => {
  const violated = new Set<string>();
  test.each(["az-outage", "writer-crash"].flatMap((s) => MUTANTS.map((m) => [s, m ?? "none"] as const)))("%s, mutant %s", (scenario, m) => {
    const mutant = m === "none" ? undefined : m;
    const fast = run(scenario, mutant, 1);
    expect(fast).toEqual(shadow(() => run(scenario, mutant, 1)));
    for (const i of fast.invariants) if (!i.ok) violated.add(i.id);
  });

  test("the runs above broke invariants judged by state, by logs and by time", () => {
    expect([...violated]).toEqual(
      expect.arrayContaining([
        "failover-pair/one-coordinator",
        "failover-pair/no-acknowledged-write-lost",
        "failover-pair/no-stale-results",
        "failover-pair/endpoint-on-coordinator",
      ]),
    );
  });

  test("a verdict that turns with time alone turns at the first event after its due time, whoever's event it is", () => {
    const fast = busyNeighbour();
    const converges = fast.invariants.find((i) => i.id === "failover-pair/config-converges");
    // Judged at the neighbour's first event after T_sync ran out, not at the pair's next tick.
    const due = fast.plantAt + fast.syncMs;
    expect(converges?.firstViolation?.atMs).toBe(Math.floor(due / NEIGHBOUR_MS) * NEIGHBOUR_MS + NEIGHBOUR_MS);
    expect(fast.invariants.filter((i) => !i.ok).map((i) => i.id)).toEqual(
      expect.arrayContaining(["failover-pair/config-converges", "failover-pair/endpoint-on-coordinator"]),
    );
    expect(fast).toEqual(shadow(busyNeighbour));
  });
});

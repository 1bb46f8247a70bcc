/**
 * A bounded campaign over the pair model: each seed draws one single-zone fault (zone power loss,
 * zone partition with the coordinator alive, or a crash of the coordinator's leader), its start
 * and its length, runs the fault phase and a quiet phase, and reports the first violation.
 */
import type { PairMutants } from "../../runtime/database";
import { SeededRandom } from "../../runtime/sim";
import { MIN, pairHarness, ZONES } from "./pair";

export interface SeedOutcome {
  readonly seed: number;
  readonly fault: string;
  readonly violation?: { readonly invariant: string; readonly step: number; readonly message: string };
}

export function runSeed(seed: number, mutants?: PairMutants): SeedOutcome {
  const h = pairHarness({ seed, profile: "fast", trace: false, workload: { requestsPerTick: 1 }, ...(mutants ? { mutants } : {}) });
  // The fault plan has its own stream, so the model's draws do not shift it.
  const r = new SeededRandom(seed).fork("campaign");
  const kind = r.pick(["power", "partition", "crash", "support-power"] as const);
  const at = h.ms(r.between(5, 15) * MIN);
  const forMs = h.ms(r.between(2, 45) * MIN);
  const [a, b] = ZONES;
  h.sim.at(at, `${kind} for ${forMs} ms`, () => {
    if (kind === "power") h.sim.faults.powerLoss(a, { forMs });
    else if (kind === "support-power") h.sim.faults.powerLoss(b, { forMs });
    else if (kind === "partition") h.sim.faults.isolate({ zone: a }, { forMs });
    else h.sim.faults.crash("db/warehouse/c1", { restartAfterMs: forMs });
  });
  const report = h.run(h.ms(45 * MIN), h.ms(20 * MIN));
  const f = report.failure;
  return {
    seed,
    fault: kind,
    ...(f ? { violation: { invariant: f.invariant ?? f.kind, step: f.step, message: f.message } } : {}),
  };
}

/** Double faults: two zone faults (power or partition, any zones, possibly overlapping) in one run. */
export function runDoubleFaultSeed(seed: number): SeedOutcome {
  const h = pairHarness({ seed, profile: "fast", trace: false, workload: { requestsPerTick: 1 } });
  const r = new SeededRandom(seed).fork("double");
  const faults: string[] = [];
  for (let k = 0; k < 2; k++) {
    const zone = r.pick([...ZONES]);
    const at = h.ms(r.between(5, 40) * MIN);
    const forMs = h.ms(r.between(2, 45) * MIN);
    const kind = r.pick(["power", "partition"] as const);
    faults.push(`${kind}:${zone}`);
    h.sim.at(at, `${kind} ${zone}`, () =>
      kind === "power" ? h.sim.faults.powerLoss(zone, { forMs }) : h.sim.faults.isolate({ zone }, { forMs }),
    );
  }
  const f = h.run(h.ms(60 * MIN), h.ms(30 * MIN)).failure;
  return {
    seed,
    fault: faults.join("+"),
    ...(f ? { violation: { invariant: f.invariant ?? f.kind, step: f.step, message: f.message } } : {}),
  };
}
